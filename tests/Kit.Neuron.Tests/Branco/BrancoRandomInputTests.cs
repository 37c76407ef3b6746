using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Branco;

/// <summary>The random input regime of figure 5: what it draws, deterministically, and its bad-input errors.</summary>
public sealed class BrancoRandomInputTests
{
    private static BrancoRandomInputConfig Constant(double per100Ms, int durationMs) =>
        new(durationMs, new SpikeCountRange(per100Ms, per100Ms), new(50, 50), new(10, 10));

    [Fact]
    public void SameSeedAndIndexGiveTheSameInputWhateverElseWasDrawn()
    {
        var g = new BrancoRandomInputGenerator(BrancoRandomInputConfig.Paper);
        var a = g.Generate(7, 3);
        g.Generate(7, 0);
        var b = g.Generate(7, 3);
        Assert.Equal(a.Activations, b.Activations);
        Assert.Equal(a.BranchRatePer100Ms, b.BranchRatePer100Ms);
        Assert.NotEqual(a.Activations, g.Generate(7, 4).Activations);
        Assert.NotEqual(a.Activations, g.Generate(8, 3).Activations);
    }

    [Fact]
    public void AConstantRateGivesThatManySpikesPer100MsOnTheBranch()
    {
        // 9 spikes per 100 ms over 20 s: 1800 expected, Poisson-like sd ~42; 5 sd either side.
        var g = new BrancoRandomInputGenerator(Constant(9, 20_000));
        var input = g.Generate(1, 0);
        Assert.InRange(input.SpikeCount, 1800 - 210, 1800 + 210);
        Assert.All(input.BranchRatePer100Ms, r => Assert.Equal(9, r, 9));
        // every train gets a share: none empty, none with more than twice its 200 expected
        Assert.All(input.Activations.ActivationTimesMs, t => Assert.InRange(t.Length, 100, 400));
    }

    [Fact]
    public void ZeroRateGivesNoSpikes()
    {
        var input = new BrancoRandomInputGenerator(Constant(0, 5000)).Generate(1, 0);
        Assert.Equal(0, input.SpikeCount);
    }

    [Fact]
    public void DrawsStayInsideTheirRangesOnWholeMilliseconds()
    {
        var c = BrancoRandomInputConfig.Paper;
        var g = new BrancoRandomInputGenerator(c);
        for (int i = 0; i < 20; i++)
        {
            var input = g.Generate(3, i);
            Assert.InRange(input.RateIntervalMs, c.RateIntervalMs.Low, c.RateIntervalMs.High);
            Assert.InRange(input.SmoothingSigmaMs, c.SmoothingSigmaMs.Low, c.SmoothingSigmaMs.High);
            Assert.Equal(c.DurationMs, input.BranchRatePer100Ms.Length);
            Assert.All(input.BranchRatePer100Ms, r => Assert.InRange(r, 0, 15));
            foreach (var train in input.Activations.ActivationTimesMs)
                Assert.All(
                    train,
                    t =>
                    {
                        Assert.Equal(Math.Floor(t), t);
                        Assert.InRange(t, 0, c.DurationMs - 1);
                    }
                );
        }
    }

    [Fact]
    public void SmoothingKeepsTheLevelOfAStepAwayFromItAndAveragesAcrossIt()
    {
        // held 100 ms each: 0 then 10; σ = 5 ms (window 36 taps). Far from the step the rate is the held value, at
        // the step it is the mean, and the edges keep their value (no fall towards zero).
        var rate = BrancoRandomInputGenerator.Smooth([0, 10], 100, 5, 200);
        Assert.Equal(0, rate[50], 9);
        Assert.Equal(10, rate[150], 9);
        Assert.Equal(10, rate[199], 9);
        Assert.InRange(rate[100], 4, 6);
        for (int t = 1; t < 200; t++)
            Assert.True(rate[t] >= rate[t - 1] - 1e-12, $"not monotone at {t}");
    }

    [Theory]
    [InlineData(0, 0, 15, 25, 300, 10, 100, "DurationMs")]
    [InlineData(1000, -1, 15, 25, 300, 10, 100, "BranchSpikesPer100Ms")]
    [InlineData(1000, 5, 4, 25, 300, 10, 100, "BranchSpikesPer100Ms")]
    [InlineData(1000, 0, 1000, 25, 300, 10, 100, "one spike per synapse per ms")]
    [InlineData(1000, 0, 15, 0, 300, 10, 100, "RateIntervalMs")]
    [InlineData(1000, 0, 15, 25, 300, 10, 5, "SmoothingSigmaMs")]
    public void BadConfigsNameTheirField(
        int duration,
        double low,
        double high,
        int kLow,
        int kHigh,
        int sLow,
        int sHigh,
        string expected
    )
    {
        var c = new BrancoRandomInputConfig(
            duration,
            new SpikeCountRange(low, high),
            new(kLow, kHigh),
            new(sLow, sHigh)
        );
        var e = Assert.Throws<ArgumentException>(() => new BrancoRandomInputGenerator(c));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
