using Kit.Neuron.Mechanisms;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Mechanisms;

public class CompartmentTests(ITestOutputHelper output)
{
    private static readonly L5pcBiophysics Bio = L5pcBiophysics.Biophys5b;

    /// <summary>Sphere of diameter 20 µm: area π·d² (µm²).</summary>
    private static readonly double SphereAreaUm2 = Math.PI * 20 * 20;

    [Fact]
    public void PassiveSomaChargesLikeAnRcCircuit()
    {
        const double dt = 0.001,
            iInj = 0.002; // nA
        var c = new IsopotentialCompartment(
            SphereAreaUm2,
            Bio,
            L5pcRegion.Soma,
            dt,
            passiveOnly: true
        )
        {
            InjectNa = _ => iInj,
        };
        double tau = c.CapacitanceNf / c.LeakUs; // ms
        Assert.Equal(1.0 / 3e-5 * 1e-3, tau, 9); // cm/g_pas = 33.3 ms
        double vInf = -90 + iInj / c.LeakUs;
        double v0 = c.VMv;
        double maxErr = 0,
            maxDiscrete = 0;
        for (int n = 1; n <= 100_000; n++) // 100 ms
        {
            c.Step();
            double t = n * dt;
            double analytic = vInf + (v0 - vInf) * Math.Exp(-t / tau);
            // backward Euler's own exact solution: amplification 1/(1 + dt/τ) per step
            double discrete = vInf + (v0 - vInf) * Math.Pow(1 / (1 + dt / tau), n);
            maxErr = Math.Max(maxErr, Math.Abs(c.VMv - analytic));
            maxDiscrete = Math.Max(maxDiscrete, Math.Abs(c.VMv - discrete));
        }
        output.WriteLine($"RC: τ = {tau} ms, V∞ = {vInf} mV, max |V − analytic| = {maxErr:E2} mV");
        Assert.True(maxDiscrete < 1e-9, $"discrete {maxDiscrete}");
        Assert.True(maxErr < 1e-4, $"analytic {maxErr}"); // O(dt): (V0 − V∞)·dt/(2τ)·e⁻¹
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SomaticChannelSetRelaxesFromMinus76WithoutSpiking(bool useTables)
    {
        var c = new IsopotentialCompartment(SphereAreaUm2, Bio, L5pcRegion.Soma, 0.025, useTables);
        Assert.Equal(127.5895, c.EcaMv, 3);
        double vMax = double.MinValue,
            vMin = double.MaxValue,
            vAt190 = 0;
        for (int n = 1; n <= 8000; n++) // 200 ms
        {
            c.Step();
            vMax = Math.Max(vMax, c.VMv);
            vMin = Math.Min(vMin, c.VMv);
            if (n == 7600)
                vAt190 = c.VMv;
        }
        output.WriteLine(
            $"tables={useTables}: V(200 ms) = {c.VMv:F4} mV, range [{vMin:F3}, {vMax:F3}], cai = {c.CaiMm:E3} mM, eca = {c.EcaMv:F3} mV"
        );
        Assert.True(vMax <= -76 + 1e-9, $"depolarised to {vMax}"); // hyperpolarising relaxation, no spike
        Assert.InRange(c.VMv, -90, -76);
        Assert.True(Math.Abs(c.VMv - vAt190) < 0.05, "not settled");
        Assert.True(c.CaiMm > 5e-5 && c.CaiMm < 1e-4); // towards minCai with τ = 295 ms
        Assert.True(c.EcaMv < 127.5895);
    }

    [Fact]
    public void ExactAndTablePathsGiveTheSameSpikeTrain()
    {
        double[] Run(bool tables)
        {
            var c = new IsopotentialCompartment(SphereAreaUm2, Bio, L5pcRegion.Soma, 0.005, tables)
            {
                InjectNa = t => t >= 20 && t < 120 ? 0.3 : 0,
            };
            var v = new double[30000];
            for (int n = 0; n < v.Length; n++)
            {
                c.Step();
                v[n] = c.VMv;
            }
            return v;
        }
        var exact = Run(false);
        var table = Run(true);
        int spikes = 0;
        for (int n = 1; n < exact.Length; n++)
            if (exact[n - 1] < -20 && exact[n] >= -20)
                spikes++;
        double maxDiff = exact.Zip(table, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine(
            $"0.3 nA for 100 ms: {spikes} spikes, peak {exact.Max():F2} mV; max |V_exact − V_table| = {maxDiff:E2} mV"
        );
        Assert.True(spikes >= 1, "the somatic channel set must fire under 0.3 nA");
        Assert.True(exact.Max() > 0, "spikes overshoot 0 mV");
        Assert.True(maxDiff < 0.01, $"table path deviates by {maxDiff} mV");
    }

    [Theory]
    [InlineData("AMPA")]
    [InlineData("GABA_A")]
    [InlineData("AMPA+NMDA")]
    public void SynapseConductanceFollowsTheAnalyticDoubleExponential(string kind)
    {
        ISynapse syn = kind switch
        {
            "AMPA" => new AmpaSynapse(),
            "GABA_A" => new GabaASynapse(),
            _ => new AmpaNmdaSynapse(),
        };
        const double dt = 0.025;
        var c = new IsopotentialCompartment(
            SphereAreaUm2,
            Bio,
            L5pcRegion.Soma,
            dt,
            passiveOnly: true
        );
        c.AddSynapse(syn, 10);
        double peakG = 0;
        double peakV = double.MinValue;
        for (int n = 0; n < 4000; n++) // 100 ms
        {
            double t = c.TimeMs;
            c.Step(); // events at t_k ≤ t + dt/2 are delivered before the step from t
            var s = c.Synapses[0].State;
            double tAfter = Math.Round(c.TimeMs / dt) * dt - 10; // time since the event at the new t
            double expected = syn switch
            {
                AmpaNmdaSynapse a => a.GMaxUs * a.Ampa.Normalised(tAfter),
                DoubleExponentialSynapse d => d.GMaxUs * d.Kernel.Normalised(tAfter),
                _ => throw new InvalidOperationException(),
            };
            double g = syn switch
            {
                AmpaNmdaSynapse a => a.Conductances(s).Ampa,
                DoubleExponentialSynapse d => d.Conductance(s),
                _ => throw new InvalidOperationException(),
            };
            Assert.True(
                Math.Abs(g - expected) < 1e-12 * syn.GMaxUs,
                $"t={t}: g={g}, expected {expected}"
            );
            if (syn is AmpaNmdaSynapse nm)
                Assert.True(
                    Math.Abs(nm.Conductances(s).NmdaRaw - nm.GMaxUs * nm.Nmda.Normalised(tAfter))
                        < 1e-12 * nm.GMaxUs
                );
            peakG = Math.Max(peakG, g);
            peakV = Math.Max(peakV, c.VMv);
        }
        Assert.Equal(syn.GMaxUs, peakG, 3e-3 * syn.GMaxUs); // sampled peak within 0.3 % of gmax
        output.WriteLine($"{kind}: peak g = {peakG * 1000:F4} nS, peak V = {peakV:F3} mV");
        if (syn.EMv > -76)
            Assert.True(peakV > -76); // an EPSP on the relaxing compartment
    }

    [Fact]
    public void ASpikeAtTimeZeroSilencesTheSynapseOnlyWithTheQuirk()
    {
        double Peak(bool quirk)
        {
            var c = new IsopotentialCompartment(
                SphereAreaUm2,
                Bio,
                L5pcRegion.Soma,
                0.025,
                passiveOnly: true
            );
            c.AddSynapse(new AmpaSynapse() { ReproduceNeuronT0Quirk = quirk }, 0, 20, 40);
            double peak = 0;
            for (int n = 0; n < 2400; n++)
            {
                c.Step();
                peak = Math.Max(peak, c.SynapticConductanceUs(c.VMv));
            }
            return peak;
        }
        Assert.Equal(0, Peak(true));
        // Without the quirk each of the three events (20 ms apart, decay 1.7 ms) peaks at the normalised kernel's
        // GMax; sampled every 0.025 ms the maximum is within 1 % of it.
        double gMaxUs = new AmpaSynapse().GMaxUs;
        Assert.Equal(gMaxUs, Peak(false), gMaxUs * 0.01);
    }
}
