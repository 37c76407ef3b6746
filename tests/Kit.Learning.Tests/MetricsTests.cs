using Kit.Learning.Metrics;

namespace Kit.Learning.Tests;

public class MetricsTests
{
    private static readonly double[] TieScores = [0.1, 0.4, 0.4, 0.8];
    private static readonly double[] TieLabels = [0, 0, 1, 1];

    [Fact]
    public void AucWithTiesUsesAverageRanks()
    {
        // ranks 1, 2.5, 2.5, 4; positive rank sum 6.5; U = 6.5 - 3 = 3.5; AUC = 3.5 / (2 x 2)
        Assert.Equal(0.875, Roc.Auc(TieScores, TieLabels), 12);
        Assert.Equal(0.875, Roc.Compute(TieScores, TieLabels).Auc, 12);
    }

    [Fact]
    public void RocCurveHasOnePointPerDistinctScore()
    {
        var roc = Roc.Compute(TieScores, TieLabels);
        Assert.Equal([0, 0, 0.5, 1], roc.Fpr);
        Assert.Equal([0, 0.5, 1, 1], roc.Tpr);
        Assert.Equal([double.PositiveInfinity, 0.8, 0.4, 0.1], roc.Thresholds);
    }

    [Fact]
    public void TprAtFprPicksTheNearestPoint()
    {
        var roc = Roc.Compute(TieScores, TieLabels);
        var p = roc.AtFpr(0.4); // FPR 0.5 is nearest
        Assert.Equal(0.5, p.Fpr);
        Assert.Equal(1.0, p.Tpr);
        Assert.Equal(0.4, p.Threshold);
        var q = roc.AtFpr(0.002); // two points at FPR 0: the higher TPR wins
        Assert.Equal(0.0, q.Fpr);
        Assert.Equal(0.5, q.Tpr);
        Assert.Equal(0.8, q.Threshold);
    }

    [Fact]
    public void TprAtFprOnALargerCase()
    {
        // 10 negatives with scores 0.0..0.9, 2 positives at 0.85 and 0.35.
        // Threshold 0.85: FP = 1 (0.9), TP = 1 → FPR 0.1, TPR 0.5; threshold 0.35: FP 6 (0.4..0.9) TP 2 → 0.6, 1.
        var scores = Enumerable.Range(0, 10).Select(i => i / 10.0).Concat([0.85, 0.35]).ToArray();
        var labels = Enumerable.Repeat(0.0, 10).Concat([1.0, 1.0]).ToArray();
        var roc = Roc.Compute(scores, labels);
        var p = roc.AtFpr(0.12);
        Assert.Equal(0.1, p.Fpr, 12);
        Assert.Equal(0.5, p.Tpr, 12);
        Assert.Equal(0.85, p.Threshold);
        // AUC: positive 0.85 beats 9 negatives, 0.35 beats 4 → 13 / 20
        Assert.Equal(0.65, roc.Auc, 12);
    }

    [Fact]
    public void RocRejectsASingleClass() =>
        Assert.Throws<ArgumentException>(() => Roc.Auc([0.1, 0.2], [0, 0]));

    [Fact]
    public void RmseByHand() =>
        Assert.Equal(Math.Sqrt(4.0 / 3), RegressionMetrics.Rmse([1, 2, 3], [1, 2, 5]), 12);

    [Fact]
    public void VarianceExplainedByHand()
    {
        // residual [0, 0, 0, 1]: population variance 0.1875; Var(target) 1.25 → 1 - 0.15
        Assert.Equal(0.85, RegressionMetrics.VarianceExplained([1, 2, 3, 3], [1, 2, 3, 4]), 12);
    }

    [Fact]
    public void RescaledMetricsByHand()
    {
        double[] target = [1, 2, 3, 4];
        double[] pred = [0, 0, 1, 1];
        // z(pred) = [-1, -1, 1, 1]; x std(target) = sqrt(1.25) + 2.5 → [1.381966, 1.381966, 3.618034, 3.618034]
        var r = RegressionMetrics.ZScoreRescale(pred, target);
        Assert.Equal(1.381966, r[0], 6);
        Assert.Equal(3.618034, r[3], 6);
        Assert.Equal(0.513743, RegressionMetrics.RmseRescaled(pred, target), 6);
        Assert.Equal(0.788854, RegressionMetrics.VarianceExplainedRescaled(pred, target), 6);
        // The raw numbers differ: RMSE sqrt((1 + 4 + 4 + 9) / 4)
        Assert.Equal(Math.Sqrt(4.5), RegressionMetrics.Rmse(pred, target), 12);
        // An affine prediction is perfect after rescaling.
        var affine = target.Select(t => 2 * t + 10).ToArray();
        Assert.Equal(0, RegressionMetrics.RmseRescaled(affine, target), 12);
        Assert.Equal(1, RegressionMetrics.VarianceExplainedRescaled(affine, target), 12);
    }

    [Fact]
    public void CrossCorrelationPeaksAtTheLag()
    {
        var truth = new double[100];
        var pred = new double[100];
        truth[10] = truth[30] = 1;
        pred[13] = pred[33] = 1; // prediction 3 ms late
        var xc = SpikeCrossCorrelation.Compute([pred], [truth], 50);
        Assert.Equal(101, xc.LagsMs.Length);
        Assert.Equal(3, xc.PeakLagMs);
        Assert.Equal(1.0, xc.Values[50 + 3]);
        Assert.Equal(0.5, xc.Values[50 + 23]); // 33 after 10
        Assert.Equal(0.5, xc.Values[50 - 17]); // 13 before 30
        Assert.Equal(0.0, xc.Values[50]);
        Assert.Equal(2, xc.TrueSpikes);
    }

    [Fact]
    public void ThresholdMakesASpikeTrain() =>
        Assert.Equal([0.0, 1.0, 1.0], SpikeCrossCorrelation.Threshold([0.1, 0.5, 0.9], 0.5));

    [Fact]
    public void TauFitRecoversTwentyMsFromANoisyExponential()
    {
        var rng = new Random(3);
        var profile = Enumerable
            .Range(0, 80)
            .Select(lag =>
                0.8 * Math.Exp(-lag / 20.0) + 0.01 * (rng.NextDouble() * 2 - 1) * Math.Sqrt(3)
            )
            .ToArray();
        var fit = FilterAnalysis.FitExponential(profile);
        Assert.InRange(fit.TauMs, 19, 21);
        Assert.InRange(fit.Amplitude, 0.77, 0.83);
        Assert.Equal(0, fit.FirstLagMs);
        Assert.InRange(fit.LastLagMs, 35, 55); // 0.8 e^{-l/20} falls to 10 % of the peak near lag 46
    }

    [Fact]
    public void SignFixAndCrossSection()
    {
        // 3 channels (2 excitatory), 4 taps; excitatory weights negative → flipped.
        double[,] filter =
        {
            { -1, -2, -3, -4 },
            { -3, -4, -5, -6 },
            { 1, 1, 2, 2 },
        };
        var (fixedFilter, flipped) = FilterAnalysis.SignFix(filter, 2);
        Assert.True(flipped);
        Assert.Equal(4, fixedFilter[0, 3]);
        var (exc, inh) = FilterAnalysis.TemporalCrossSection(fixedFilter, 2);
        Assert.Equal([5, 4, 3, 2], exc); // lag 0 = last tap: (4 + 6) / 2
        Assert.Equal([-2, -2, -1, -1], inh);
        Assert.False(FilterAnalysis.SignFix(fixedFilter, 2).Flipped);

        var weights = new double[2, 3, 4];
        weights[1, 2, 3] = 7;
        Assert.Equal(7, FilterAnalysis.Unit(weights, 1)[2, 3]);
        Assert.Equal(0, FilterAnalysis.Unit(weights, 0)[2, 3]);
    }

    [Fact]
    public void ResultsTableHasTheNamedColumnsAndRendersHtml()
    {
        var table = ResultsTable.Build([
            new ModelMetrics("fig1", 0.99, 0.5, 1.7, 0.8, 1.6, 0.81, TauMs: 20.1),
        ]);
        Assert.Equal(ResultsTable.Columns, table.Columns.Select(c => c.Name));
        Assert.Equal(0.99, (double)table["auc"][0]!);
        Assert.Null(table["parameters"][0]);
        var html = ResultsTable.ToHtml(table);
        Assert.Contains("<th>tpr_at_fpr_0.002</th>", html);
        Assert.Contains("<td>20.1</td>", html);

        var path = Path.Combine(Path.GetTempPath(), $"nk-results-{Guid.NewGuid():N}.csv");
        try
        {
            ResultsTable.SaveCsv(table, path);
            var lines = File.ReadAllLines(path);
            Assert.StartsWith("model,auc,tpr_at_fpr_0.002,rmse_mv", lines[0]);
            var fields = lines[1].Split(',');
            Assert.Equal("fig1", fields[0]);
            Assert.Equal(
                0.99,
                double.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture),
                12
            );
            Assert.Equal(
                20.1,
                double.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture),
                12
            );
        }
        finally
        {
            File.Delete(path);
        }

        LearningDisplay.Register();
        var bundle = Kit.Core.DisplayFormatters.Format(table);
        Assert.Contains("<table", bundle.Data["text/html"]);
    }
}
