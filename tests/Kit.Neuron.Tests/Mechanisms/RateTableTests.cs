using Kit.Neuron.Mechanisms;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Mechanisms;

public class RateTableTests(ITestOutputHelper output)
{
    /// <summary>Max table-vs-exact errors of one gate over off-grid voltages in [vLo, vHi] (mV).</summary>
    internal static (double Inf, double Decay, double Step) MaxErrors(
        RateTable table,
        double vLo,
        double vHi
    )
    {
        double eInf = 0,
            eDecay = 0,
            eStep = 0;
        // 0.0037 mV stride: never on a grid point, covers every interval's interior
        for (double v = vLo; v <= vHi; v += 0.0037)
        {
            var (inf, tau) = table.Gate.Rates(v);
            double decay = Math.Exp(-table.DtMs / tau);
            var (ti, td) = table.Lookup(v);
            eInf = Math.Max(eInf, Math.Abs(ti - inf));
            eDecay = Math.Max(eDecay, Math.Abs(td - decay));
            foreach (double x in new[] { 0.0, 0.5, 1.0 })
                eStep = Math.Max(
                    eStep,
                    Math.Abs(table.Step(x, v) - GateDefinition.Step(x, inf, tau, table.DtMs))
                );
        }
        return (eInf, eDecay, eStep);
    }

    public static TheoryData<double> Dts() => [0.025, 0.005];

    [Theory]
    [MemberData(nameof(Dts))]
    public void EveryGateTableMatchesTheExactRatesOnTheDefaultGrid(double dtMs)
    {
        double worstStep = 0;
        foreach (var ch in ChannelKineticsTests.VoltageChannels)
        {
            var tables = new ChannelRateTables(ch, dtMs);
            for (int j = 0; j < ch.Gates; j++)
            {
                var t = tables[j]!;
                var (ei, ed, es) = MaxErrors(t, -100, 60);
                output.WriteLine(
                    $"dt={dtMs} {ch.Name}.{t.Gate.Name}: max|Δinf|={ei:E2} max|Δexp(-dt/tau)|={ed:E2} max|Δx one step|={es:E2}"
                );
                Assert.True(ei < 1e-6, $"{ch.Name}.{t.Gate.Name} inf error {ei:E2}");
                Assert.True(ed < 1e-6, $"{ch.Name}.{t.Gate.Name} decay error {ed:E2}");
                Assert.True(es < 1e-6, $"{ch.Name}.{t.Gate.Name} one-step error {es:E2}");
                worstStep = Math.Max(worstStep, es);
            }
        }
        output.WriteLine($"dt={dtMs}: worst one-step state error over all gates {worstStep:E2}");
    }

    [Fact]
    public void AGridPointOnAGuardedSingularityWouldSpreadTheNudge()
    {
        // Why the default grid is offset by half a step: a grid through −38 mV stores m(−37.9999).
        var onGuard = new RateTable(NaTat.Definition.GateList[0], 0.025, -150, 100, 0.01);
        var offset = new RateTable(NaTat.Definition.GateList[0], 0.025);
        double eOn = MaxErrors(onGuard, -38.02, -37.98).Inf;
        double eOff = MaxErrors(offset, -38.02, -37.98).Inf;
        output.WriteLine(
            $"NaTa_t.m inf error near −38 mV: grid through the guard {eOn:E2}, offset grid {eOff:E2}"
        );
        Assert.True(eOn > 1e-6 && eOff < 1e-7);
    }

    [Fact]
    public void ACoarseGridIsMeasurablyWorse()
    {
        // The test can fail: a 1 mV grid must show errors far above the 0.01 mV grid's.
        var fine = new RateTable(NaTat.Definition.GateList[0], 0.025);
        var coarse = new RateTable(NaTat.Definition.GateList[0], 0.025, stepMv: 1);
        Assert.True(MaxErrors(coarse, -100, 60).Inf > 1000 * MaxErrors(fine, -100, 60).Inf);
    }

    [Fact]
    public void OutsideTheGridTheExactFunctionIsUsedAndOnGridPointsTheTableIsExact()
    {
        var t = new RateTable(Ih.Definition.GateList[0], 0.025, -100, 50, 0.5);
        var (inf, tau) = Ih.M(-180);
        Assert.Equal((inf, Math.Exp(-0.025 / tau)), t.Lookup(-180));
        var (inf2, tau2) = Ih.M(70);
        Assert.Equal(inf2, t.Lookup(70).Inf);
        var (inf3, tau3) = Ih.M(-20);
        Assert.Equal(inf3, t.Lookup(-20).Inf, 15);
        Assert.Equal(Math.Exp(-0.025 / tau3), t.Lookup(-20).Decay, 15);
        Assert.Equal(Math.Exp(-0.025 / tau2), t.Lookup(70).Decay);
        Assert.Throws<ArgumentException>(() => new RateTable(SKE2.Definition.GateList[0], 0.025));
    }

    [Fact]
    public void TablesMustMatchTheChannelAndDt()
    {
        var tables = new ChannelRateTables(Im.Definition, 0.025);
        var state = new double[1];
        Assert.Throws<ArgumentException>(() =>
            ChannelKernels.Advance(Im.Definition, state, [0], 1, [-70.0], [], 0.005, tables)
        );
        Assert.Throws<ArgumentException>(() =>
            ChannelKernels.Advance(SKv31.Definition, state, [0], 1, [-70.0], [], 0.025, tables)
        );
    }
}
