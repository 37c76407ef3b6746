using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Tests.Mechanisms;

public class ChannelKernelTests
{
    private const int Lanes = 3;
    private const int Nodes = 4;
    private static readonly int[] NodeOf = [3, 1, 3];

    private static double[] Voltages() =>
        Enumerable.Range(0, Nodes * Lanes).Select(i => -95.0 + 11.3 * i).ToArray();

    private static double[] Calcium() =>
        Enumerable.Range(0, Nodes * Lanes).Select(i => 5e-5 * (1 + i)).ToArray();

    public static TheoryData<string> AllChannels() =>
        [.. ChannelKineticsTests.VoltageChannels.Select(c => c.Name).Append("SK_E2")];

    [Theory]
    [MemberData(nameof(AllChannels))]
    public void ArrayKernelsMatchTheSingleCompartmentPathPerLane(string name)
    {
        var ch = ChannelKineticsTests.ByName(name);
        int instances = NodeOf.Length;
        var state = new double[ChannelKernels.StateLength(ch, instances, Lanes)];
        var v0 = Voltages();
        var cai = Calcium();
        ChannelKernels.Initialize(ch, state, NodeOf, Lanes, v0, cai);
        var v1 = v0.Select(x => x + 7).ToArray();
        ChannelKernels.Advance(ch, state, NodeOf, Lanes, v1, cai, 0.025);
        double[] gbar = [0.01, 0.02, 0.03];
        var i = new double[Nodes * Lanes];
        var g = new double[Nodes * Lanes];
        var ion = new double[Nodes * Lanes];
        ChannelKernels.AccumulateCurrent(ch, state, NodeOf, Lanes, gbar, [-85.0], v1, i, g, ion);

        var expI = new double[Nodes * Lanes];
        var expG = new double[Nodes * Lanes];
        int block = instances * Lanes;
        for (int k = 0; k < instances; k++)
        for (int l = 0; l < Lanes; l++)
        {
            int o = NodeOf[k] * Lanes + l;
            var single = new double[ch.Gates];
            ch.Initialize(single, v0[o], cai[o]);
            ch.Advance(single, v1[o], 0.025, cai[o]);
            for (int j = 0; j < ch.Gates; j++)
                Assert.Equal(single[j], state[j * block + k * Lanes + l], 15);
            var (gg, ii) = ch.Current(single, v1[o], gbar[k], -85);
            expI[o] += ii;
            expG[o] += gg;
        }
        for (int n = 0; n < i.Length; n++)
        {
            Assert.Equal(expI[n], i[n], 15);
            Assert.Equal(expG[n], g[n], 15);
            Assert.Equal(expI[n], ion[n], 15);
        }
        Assert.Equal(0, i[0]); // node 0 has no instance
    }

    [Fact]
    public void PerNodeReversalIsUsedForCalciumAndTablesMatchTheExactPath()
    {
        var ch = CaHva.Definition;
        var state = new double[ChannelKernels.StateLength(ch, NodeOf.Length, Lanes)];
        var v = Voltages();
        ChannelKernels.Initialize(ch, state, NodeOf, Lanes, v, []);
        var exact = state.ToArray();
        var tabled = state.ToArray();
        var tables = new ChannelRateTables(ch, 0.025);
        var v1 = v.Select(x => x + 3.21).ToArray();
        ChannelKernels.Advance(ch, exact, NodeOf, Lanes, v1, [], 0.025);
        ChannelKernels.Advance(ch, tabled, NodeOf, Lanes, v1, [], 0.025, tables);
        for (int s = 0; s < exact.Length; s++)
            Assert.Equal(exact[s], tabled[s], 7);

        var eca = Calcium().Select(c => CaDynamicsE2.Eca(c)).ToArray();
        var i = new double[Nodes * Lanes];
        var g = new double[Nodes * Lanes];
        ChannelKernels.AccumulateCurrent(
            ch,
            exact,
            [.. NodeOf],
            Lanes,
            [1.0, 1.0, 1.0],
            eca,
            v1,
            i,
            g,
            []
        );
        int o = 1 * Lanes + 2; // instance 1, lane 2 on node 1
        int k = 1 * Lanes + 2;
        int block = NodeOf.Length * Lanes;
        double open = exact[k] * exact[k] * exact[block + k];
        Assert.Equal(open * (v1[o] - eca[o]), i[o], 15);
    }

    [Fact]
    public void KernelsRejectMismatchedShapes()
    {
        var state = new double[5];
        Assert.Throws<ArgumentException>(() =>
            ChannelKernels.Initialize(NaTat.Definition, state, NodeOf, Lanes, Voltages(), [])
        );
        var ok = new double[ChannelKernels.StateLength(Im.Definition, NodeOf.Length, Lanes)];
        Assert.Throws<ArgumentException>(() =>
            ChannelKernels.AccumulateCurrent(
                Im.Definition,
                ok,
                NodeOf,
                Lanes,
                [1.0],
                [-85.0],
                Voltages(),
                new double[12],
                new double[12],
                []
            )
        );
    }
}
