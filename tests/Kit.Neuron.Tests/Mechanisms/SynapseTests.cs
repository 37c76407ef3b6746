using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Tests.Mechanisms;

public class SynapseTests
{
    [Theory]
    [InlineData(0.3, 3.0, 0.767528, 1.435055)]
    [InlineData(2.0, 70.0, 7.319834, 1.142886)]
    [InlineData(0.2, 8.0, 0.756693, 1.127389)]
    public void KernelTimeToPeakAndFactorMatchSpecTable(
        double tr,
        double td,
        double tp,
        double factor
    )
    {
        var k = new DoubleExponentialKernel(tr, td);
        Assert.Equal(tp, k.TimeToPeakMs, 6);
        Assert.Equal(factor, k.Factor, 6);
        Assert.Equal(1.0, k.Normalised(k.TimeToPeakMs), 14);
        Assert.True(
            k.Normalised(k.TimeToPeakMs - 0.01) < 1 && k.Normalised(k.TimeToPeakMs + 0.01) < 1
        );
    }

    [Fact]
    public void DefaultsAreTheDatasetValues()
    {
        var ampa = new AmpaSynapse();
        var gaba = new GabaASynapse();
        var nmda = new AmpaNmdaSynapse();
        Assert.Equal((0.0004, 0.0), (ampa.GMaxUs, ampa.EMv));
        Assert.Equal((0.001, -80.0), (gaba.GMaxUs, gaba.EMv));
        Assert.Equal((0.0004, 0.0, 1.0), (nmda.GMaxUs, nmda.EMv, nmda.MgMm));
        Assert.Equal(DoubleExponentialKernel.Nmda, nmda.Nmda);
        Assert.True(
            ampa.ReproduceNeuronT0Quirk
                && gaba.ReproduceNeuronT0Quirk
                && nmda.ReproduceNeuronT0Quirk
        );
    }

    [Theory]
    [InlineData(-76, 0.00810)]
    [InlineData(-40, 0.1270)]
    [InlineData(0, 0.7812)]
    public void MgBlockMatchesTheSpecValues(double v, double expected) =>
        Assert.Equal(expected, AmpaNmdaSynapse.MgBlock(v), 4);

    [Fact]
    public void NmdaSlopeIsTheAnalyticDerivativeOfTheCurrent()
    {
        var syn = new AmpaNmdaSynapse();
        double[] s = new double[4];
        syn.Deliver(s);
        syn.Advance(s, 5);
        foreach (double v in new[] { -76.0, -40, -10, 20 })
        {
            double h = 1e-4;
            double num = (syn.Current(s, v + h).I - syn.Current(s, v - h).I) / (2 * h);
            Assert.Equal(num, syn.Current(s, v).G, 12);
        }
        Assert.Equal(0.08 * 0.5 * 0.5, AmpaNmdaSynapse.MgBlockSlope(-Math.Log(3.57) / 0.08), 14);
    }

    [Fact]
    public void UnblockedNmdaChargeIsAboutTwentyTimesAmpa()
    {
        // factor·(τd − τr): 77.7 vs 3.87 ms (docs/l5pc/synapses.md, "Excitatory synapse, NMDA configuration")
        var a = DoubleExponentialKernel.Ampa;
        var n = DoubleExponentialKernel.Nmda;
        Assert.Equal(3.87, a.Factor * (a.TauDecayMs - a.TauRiseMs), 2);
        Assert.Equal(77.7, n.Factor * (n.TauDecayMs - n.TauRiseMs), 1);
    }

    [Fact]
    public void ReleaseRuleIsDeterministicAndReproducesTheTZeroQuirk()
    {
        var r = SynapseRelease.Initial;
        Assert.True(r.OnEvent(5, true));
        Assert.True(r.OnEvent(6, true));
        Assert.True(r.OnEvent(100, true));
        Assert.False(r.Silenced);

        var dead = SynapseRelease.Initial;
        Assert.False(dead.OnEvent(0, true));
        Assert.True(dead.Silenced);
        Assert.False(dead.OnEvent(1, true));
        Assert.False(dead.OnEvent(500, true));

        var off = SynapseRelease.Initial;
        Assert.True(off.OnEvent(0, false));
        Assert.True(off.OnEvent(1, false));

        // Literal consequence of the same formula: two events at the same time also silence the synapse.
        var dup = SynapseRelease.Initial;
        Assert.True(dup.OnEvent(7, true));
        Assert.False(dup.OnEvent(7, true));
        Assert.True(dup.Silenced);

        double[] tsyn = [0, 0],
            pv = [1, 1];
        Assert.False(SynapseRelease.OnEvent(tsyn, pv, 1, 0, true));
        Assert.True(SynapseRelease.OnEvent(tsyn, pv, 0, 3, true));
        Assert.True(double.IsNaN(pv[1]) && pv[0] == 0 && tsyn[0] == 3);
    }

    [Fact]
    public void StatesDecayExactlyAndFlushToZeroInsteadOfGoingSubnormal()
    {
        var syn = new GabaASynapse();
        double[] s = new double[2];
        syn.Deliver(s, 2);
        Assert.Equal(2 * DoubleExponentialKernel.GabaA.Factor, s[0], 15);
        syn.Advance(s, 1.0);
        Assert.Equal(2 * DoubleExponentialKernel.GabaA.Factor * Math.Exp(-1 / 0.2), s[0], 15);
        Assert.Equal(2 * DoubleExponentialKernel.GabaA.Factor * Math.Exp(-1 / 8.0), s[1], 15);
        var decay = syn.DecayFactors(0.025);
        for (int k = 0; k < 40000; k++) // 1000 ms: B would be ~1e-54, A far below double's normal range
            SynapseKernels.Advance(s, decay);
        Assert.Equal(0.0, s[0]);
        Assert.Equal(0.0, s[1]);
    }

    [Fact]
    public void SynapseArrayKernelsMatchTheSingleSynapsePath()
    {
        var syn = new AmpaNmdaSynapse();
        int instances = 3,
            lanes = 2,
            nodes = 4;
        int[] nodeOf = [2, 0, 2];
        double[] gmax = [0.0004, 0.001, 0.004];
        var state = new double[syn.States * instances * lanes];
        var v = Enumerable.Range(0, nodes * lanes).Select(i => -80.0 + 9 * i).ToArray();
        syn.DeliverAt(state, instances, lanes, 0, 1);
        syn.DeliverAt(state, instances, lanes, 2, 0, 0.5);
        syn.DeliverAt(state, instances, lanes, 1, 1);
        SynapseKernels.Advance(state, syn.DecayFactors(1.3));
        var iNa = new double[nodes * lanes];
        var gUs = new double[nodes * lanes];
        syn.AccumulateCurrent(state, nodeOf, lanes, gmax, v, iNa, gUs);

        var expI = new double[nodes * lanes];
        var expG = new double[nodes * lanes];
        foreach (var (k, l, w) in new[] { (0, 1, 1.0), (2, 0, 0.5), (1, 1, 1.0) })
        {
            var single = new double[4];
            var s = syn with { GMaxUs = gmax[k] };
            s.Deliver(single, w);
            s.Advance(single, 1.3);
            int o = nodeOf[k] * lanes + l;
            var (g, i) = s.Current(single, v[o]);
            expI[o] += i;
            expG[o] += g;
        }
        for (int j = 0; j < iNa.Length; j++)
        {
            Assert.Equal(expI[j], iNa[j], 15);
            Assert.Equal(expG[j], gUs[j], 15);
        }
        Assert.Throws<ArgumentException>(() =>
            syn.AccumulateCurrent(state, nodeOf, lanes, [0.0004], v, iNa, gUs)
        );
    }
}
