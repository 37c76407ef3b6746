using Kit.Figures.Fig6;

namespace Kit.Figures.Tests;

/// <summary>
/// The figure-6 diagnosis on hand-made simulations whose answers are known: per-simulation AUC and RMSE, the split
/// at the training range of output spikes, pooled AUCs on each side, and the rank correlation's sign.
/// </summary>
public sealed class Fig6DiagnosisTests
{
    /// <summary>
    /// A 100-bin simulation with <paramref name="spikes"/> spikes at bins 10, 20, ...; the network scores each spike
    /// bin <paramref name="hit"/> and every other bin 0.5, so its AUC is 1 (hit above 0.5), 0.5 (equal) or 0.
    /// </summary>
    private static ScoredSimulation Sim(
        int index,
        int spikes,
        double hit,
        double offsetMv = 0,
        double? periodMs = null
    )
    {
        var train = new double[100];
        var p = Enumerable.Repeat(0.5, 100).ToArray();
        for (int k = 0; k < spikes; k++)
        {
            train[10 * (k + 1) - 1] = 1;
            p[10 * (k + 1) - 1] = hit;
        }
        var truth = Enumerable.Range(0, 100).Select(t => -70 + Math.Sin(t / 5.0)).ToArray();
        return new ScoredSimulation(
            index,
            3,
            periodMs,
            2.5,
            1.0,
            p,
            train,
            [.. truth.Select(v => v + offsetMv)],
            truth
        );
    }

    [Fact]
    public void ScoresEachSimulationAloneAndSplitsAtTheTrainingRange()
    {
        // Range 2 spikes: simulations 0 and 1 are within (predicted perfectly), 2 and 3 beyond (predicted backwards).
        var d = Fig6Diagnosis.Of(
            [
                (
                    "set",
                    [Sim(0, 1, 0.9), Sim(1, 2, 0.9, offsetMv: 3), Sim(2, 5, 0.1), Sim(3, 8, 0.2)]
                ),
            ],
            trainingRangeSpikes: 2
        );
        Assert.Equal([1.0, 1.0, 0.0, 0.0], d.Rows.Select(r => r.Auc));
        Assert.Equal([1, 2, 5, 8], d.Rows.Select(r => r.OutputSpikes));
        // A constant offset vanishes in the paper's rescaling: the rescaled RMSE is 0.
        Assert.Equal(0, d.Rows[1].RmseMvRescaled, 9);
        var c = Assert.Single(d.Conditions);
        Assert.Equal(2, c.SimulationsWithinRange);
        Assert.Equal(1.0, c.AucWithinRange);
        Assert.Equal(0.0, c.AucBeyondRange);
        Assert.Equal(3.5, c.MedianOutputSpikes);
        Assert.Equal(
            -70 + Enumerable.Range(0, 100).Average(t => Math.Sin(t / 5.0)),
            c.MedianMeanSomaMv,
            9
        );
        Assert.True(c.AucRankCorrelationWithSpikes < -0.8, $"{c.AucRankCorrelationWithSpikes}");
        Assert.True(double.IsNaN(c.AucRankCorrelationWithPeriod)); // no sinusoid
        Assert.Equal(4, d.Table().Rows.Count);
    }

    [Fact]
    public void TheFasterTheSinusoidTheWorseGivesAPositivePeriodCorrelation()
    {
        // AUC rises with the period: 20 ms -> 0.2 (backwards), 60 ms -> 0.5 (ties), 200 ms -> 1.
        var d = Fig6Diagnosis.Of(
            [
                (
                    "sinusoidal",
                    [
                        Sim(0, 2, 0.2, periodMs: 20),
                        Sim(1, 2, 0.5, periodMs: 60),
                        Sim(2, 2, 0.9, periodMs: 200),
                    ]
                ),
            ],
            24
        );
        Assert.Equal([0.0, 0.5, 1.0], d.Rows.Select(r => r.Auc));
        Assert.Equal(1.0, d.Conditions[0].AucRankCorrelationWithPeriod, 9);
    }

    [Fact]
    public void ASilentSimulationHasNoAucAndASideWithoutSpikesHasNone()
    {
        var d = Fig6Diagnosis.Of([("quiet", [Sim(0, 0, 0.9), Sim(1, 0, 0.9)])], 24);
        Assert.All(d.Rows, r => Assert.True(double.IsNaN(r.Auc)));
        var c = Assert.Single(d.Conditions);
        Assert.True(double.IsNaN(c.AucWithinRange));
        Assert.True(double.IsNaN(c.AucBeyondRange)); // nothing beyond the range
        Assert.True(double.IsNaN(c.AucRankCorrelationWithSpikes));
        // The table writes an undefined AUC as a missing value, not as NaN.
        Assert.Null(d.Table()["auc"][0]);
    }

    [Fact]
    public void ASimulationWhoseArraysDifferInLengthIsNamed()
    {
        var bad = Sim(7, 1, 0.9) with { TrueMv = new double[99] };
        var e = Assert.Throws<ArgumentException>(() =>
            Fig6Diagnosis.Of([("clustered-e", [bad])], 24)
        );
        Assert.Contains("clustered-e simulation 7", e.Message);
    }
}
