using Kit.Neuron.Cells;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;
using Kit.Neuron.Random;

namespace Kit.Neuron.Tests;

public class IntegrateAndFireInputTests
{
    [SkippableFact]
    public void PaperStreamRegeneratesTheFixtureBitExactly()
    {
        var fixture = IfFixture.Load();
        var sims = IntegrateAndFireDataset
            .PaperStream(IntegrateAndFireDatasetConfig.Paper)
            .Take(fixture.Count)
            .ToList();
        for (int k = 0; k < fixture.Count; k++)
        {
            var f = fixture[k];
            var x = sims[k].Input;
            Assert.Equal(
                (f.K, f.Sigma, f.RateSamples),
                (x.RateIntervalMs, x.SmoothingSigmaMs, x.RateSamples)
            );
            // Fixture lists spikes in numpy.nonzero order (row, then time); ours are (time, then channel).
            var ours = x
                .SpikeChannels.Zip(x.SpikeTimesMs)
                .OrderBy(p => p.First)
                .ThenBy(p => p.Second)
                .ToArray();
            Assert.Equal(f.Rows, ours.Select(p => p.First).ToArray());
            Assert.Equal(f.Times, ours.Select(p => p.Second).ToArray());
            Assert.Equal(f.OutputBins, sims[k].Output.OutputSpikeBins);
            for (int t = 0; t < 6000; t++)
                Assert.Equal(f.Voltage64[t], sims[k].Output.VoltageMv[t], 1e-12);
        }
    }

    [Fact]
    public void SpikeListIsSortedByTimeThenChannelAndInRange()
    {
        var x = new IntegrateAndFireInputGenerator(IntegrateAndFireInputConfig.Paper).Generate(
            new NumpyRandomState(5)
        );
        Assert.Equal(x.SpikeChannels.Length, x.SpikeTimesMs.Length);
        for (int i = 1; i < x.SpikeTimesMs.Length; i++)
            Assert.True(
                x.SpikeTimesMs[i] > x.SpikeTimesMs[i - 1]
                    || (
                        x.SpikeTimesMs[i] == x.SpikeTimesMs[i - 1]
                        && x.SpikeChannels[i] > x.SpikeChannels[i - 1]
                    )
            );
        Assert.All(x.SpikeChannels, c => Assert.InRange(c, 0, 99));
        Assert.InRange(x.RateIntervalMs, 25 - 19, 100 + 19);
        Assert.InRange(x.SmoothingSigmaMs, 40 - 19, 100 + 19);
        Assert.Equal((int)Math.Ceiling(6000.0 / x.RateIntervalMs), x.RateSamples);
    }

    [Fact]
    public void MeanInputRatesAreInTheProtocolsRange()
    {
        // E ~ U(0, 50) spikes / 100 ms over 80 synapses: mean 25/8000 per ms = 3.125 Hz per synapse; the exponential
        // p has the rate as its mean, so the expected exc rate is ~3.1 Hz (slightly less: P(U < p) = E[min(p, 1)]).
        // I ~ U(0, E − 15) (negatives -> 0.0001): E[I] = ∫_15^50 (E − 15)/2 dE / 50 = 6.125 / 100 ms over 20
        // synapses = 3.06 Hz per synapse.
        var data = IntegrateAndFireDataset.Generate(
            IntegrateAndFireDatasetConfig.Paper,
            40,
            11,
            Kit.Core.Progress.None
        );
        long exc = 0,
            inh = 0;
        foreach (var s in data.Simulations)
        foreach (var c in s.SpikeChannels)
            if (c < 80)
                exc++;
            else
                inh++;
        double excHz = exc / (40.0 * 80 * 6.0),
            inhHz = inh / (40.0 * 20 * 6.0);
        Assert.InRange(excHz, 2.6, 3.6);
        Assert.InRange(inhHz, 2.5, 3.6);
        double outHz = data.Simulations.Sum(s => s.OutputSpikeTimesMs.Count) / (40 * 6.0);
        Assert.InRange(outHz, 0.05, 5.0);
    }

    [Fact]
    public void GaussianWindowIsNormalisedAndCentred()
    {
        var odd = GaussianSmoothing.Window(40); // M = 281, centre 140
        Assert.Equal(281, odd.Length);
        Assert.Equal(1.0, odd.Sum(), 1e-14);
        Assert.Equal(odd[140 - 40] / odd[140], Math.Exp(-0.5), 1e-14);
        var even = GaussianSmoothing.Window(45); // M = 316, centre 157.5
        Assert.Equal(316, even.Length);
        Assert.Equal(even[157], even[158]);
    }

    [Fact]
    public void PairwiseSumMatchesPlainSumClosely()
    {
        var a = Enumerable.Range(0, 1000).Select(i => 1.0 / (i + 1)).ToArray();
        Assert.Equal(a.Sum(), GaussianSmoothing.PairwiseSum(a), 1e-13);
        Assert.Equal(6.0, GaussianSmoothing.PairwiseSum([1, 2, 3]));
    }
}
