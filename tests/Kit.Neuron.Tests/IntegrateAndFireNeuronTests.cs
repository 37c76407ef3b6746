using Kit.Neuron.Cells;

namespace Kit.Neuron.Tests;

public class IntegrateAndFireNeuronTests
{
    private static readonly IntegrateAndFireNeuron Neuron = new(IntegrateAndFireConfig.Paper);

    [SkippableFact]
    public void ReproducesTheFixtureFromItsInputs()
    {
        foreach (var (sim, k) in IfFixture.Load().Select((s, k) => (s, k)))
        {
            var r = Neuron.Simulate(sim.Rows, sim.Times, 6000);
            Assert.Equal(sim.OutputBins, r.OutputSpikeBins);
            Assert.Equal(6000, r.VoltageMv.Length);
            double max = 0;
            for (int t = 0; t < 6000; t++)
                max = Math.Max(max, Math.Abs(r.VoltageMv[t] - sim.Voltage64[t]));
            Assert.True(max < 1e-9, $"sim {k}: max |ΔV| = {max} mV");
            var clipped = IntegrateAndFireNeuron.ClipForTarget(
                r.VoltageMv,
                IntegrateAndFireConfig.Paper
            );
            Assert.Equal(sim.Voltage32Clipped, clipped);
        }
    }

    [Fact]
    public void SingleExcitatorySpikeFollowsTheKernel()
    {
        // Below threshold (peak −73 mV): V(t0 + n) = −75 + 2·exp(−n/20) for n < 141, then −75.
        var r = Neuron.Simulate([3], [100], 400);
        Assert.Empty(r.OutputSpikeBins);
        for (int t = 0; t < 400; t++)
        {
            int n = t - 100;
            double expected = n >= 0 && n < 141 ? -75 + 2 * Math.Exp(-n / 20.0) : -75;
            Assert.Equal(expected, r.VoltageMv[t], 1e-12);
        }
    }

    [Fact]
    public void InhibitorySpikeHyperpolarises()
    {
        var r = Neuron.Simulate([85], [0], 10);
        Assert.Equal(-77.0, r.VoltageMv[0], 1e-12);
        Assert.Equal(-75 - 2 * Math.Exp(-5 / 20.0), r.VoltageMv[5], 1e-12);
    }

    [Fact]
    public void ResetRuleOnAHandMadeCase()
    {
        // 11 excitatory spikes at t = 10 lift V to −75 + 22 = −53 mV > −55: spike at 10, then V(11) is set to
        // exactly v_reset and the subtracted amount Δ = V(11) − v_reset decays with the kernel.
        int[] ch = [.. Enumerable.Range(0, 11)];
        int[] tm = [.. Enumerable.Repeat(10, 11)];
        var r = Neuron.Simulate(ch, tm, 300);
        Assert.Equal([10], r.OutputSpikeBins);
        double free(int t) => t < 10 || t - 10 >= 141 ? -75 : -75 + 22 * Math.Exp(-(t - 10) / 20.0);
        double delta = free(11) + 75;
        Assert.Equal(-75.0, r.VoltageMv[11], 1e-12);
        for (int t = 0; t < 300; t++)
        {
            double expected =
                free(t) - (t >= 11 && t - 11 < 141 ? delta * Math.Exp(-(t - 11) / 20.0) : 0);
            Assert.Equal(expected, r.VoltageMv[t], 1e-12);
        }
        Assert.Equal(-53.0, r.VoltageMv[10], 1e-12); // the spike itself is not drawn into V
    }

    [Fact]
    public void NoResetOnTheLastBinAndResetsAccumulate()
    {
        // Threshold crossing in the last bin records no spike (t + 1 < T).
        var last = Neuron.Simulate([.. Enumerable.Range(0, 11)], [.. Enumerable.Repeat(4, 11)], 5);
        Assert.Empty(last.OutputSpikeBins);
        // A sustained drive spikes repeatedly; each reset makes the next bin exactly v_reset.
        var ch = new List<int>();
        var tm = new List<int>();
        for (int t = 0; t < 50; t++)
        for (int c = 0; c < 3; c++)
        {
            ch.Add(c);
            tm.Add(t);
        }
        var r = Neuron.Simulate(ch.ToArray(), tm.ToArray(), 60);
        Assert.True(r.OutputSpikeBins.Length >= 2, $"{r.OutputSpikeBins.Length} spikes");
        foreach (var t in r.OutputSpikeBins)
            Assert.Equal(-75.0, r.VoltageMv[t + 1], 1e-12);
    }

    [Fact]
    public void ClipForTargetReplacesOnlyValuesAboveThreshold()
    {
        var y = IntegrateAndFireNeuron.ClipForTarget(
            [-60, -55, -54.95, -40],
            IntegrateAndFireConfig.Paper
        );
        Assert.Equal([-60f, -55f, -54.9f, -54.9f], y);
    }
}
