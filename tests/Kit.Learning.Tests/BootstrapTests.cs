using Kit.Learning.Metrics;

namespace Kit.Learning.Tests;

/// <summary>The pieces of the bootstrap over simulations: weighted ROC sweeps, regression sums, percentile intervals.</summary>
public class BootstrapTests
{
    /// <summary>Simulations of random lengths with coarse scores (many ties, saturated 0 and 1 in bulk).</summary>
    private static (List<float[]> Scores, List<float[]> Labels) Pooled(int simulations, int seed)
    {
        var rng = new Random(seed);
        var scores = new List<float[]>();
        var labels = new List<float[]>();
        for (int s = 0; s < simulations; s++)
        {
            int n = rng.Next(20, 200);
            var score = new float[n];
            var label = new float[n];
            for (int t = 0; t < n; t++)
            {
                bool positive = rng.NextDouble() < 0.1;
                label[t] = positive ? 1 : 0;
                double u = rng.NextDouble();
                score[t] =
                    u < 0.3 ? 0f
                    : u < 0.35 ? 1f
                    : (float)
                        Math.Round(Math.Clamp(rng.NextDouble() + (positive ? 0.3 : 0), 0, 1), 2);
            }
            scores.Add(score);
            labels.Add(label);
        }
        return (scores, labels);
    }

    private static double[] Flat(IEnumerable<float[]> arrays) =>
        arrays.SelectMany(a => a.Select(v => (double)v)).ToArray();

    [Fact]
    public void UnitWeightsGiveRocAucAndItsOperatingPointExactly()
    {
        var (scores, labels) = Pooled(30, 1);
        var pooled = new PooledRoc(scores, labels);
        var s = Flat(scores);
        var y = Flat(labels);
        var reference = Roc.Compute(s, y);
        foreach (var fpr in new[] { 0.002, 0.05, 0.3, 0.7 })
        {
            var (auc, point) = pooled.Evaluate(pooled.UnitWeights(), fpr);
            Assert.Equal(Roc.Auc(s, y), auc); // exact, ties included
            Assert.Equal(reference.AtFpr(fpr), point);
        }
        Assert.Equal(y.LongLength, pooled.Bins);
        Assert.Equal((long)y.Sum(), pooled.Positives);
    }

    [Fact]
    public void IntegerWeightsEqualTheDataWithSimulationsRepeated()
    {
        var (scores, labels) = Pooled(25, 2);
        var pooled = new PooledRoc(scores, labels);
        var rng = new Random(3);
        for (int trial = 0; trial < 5; trial++)
        {
            var weights = Enumerable.Range(0, 25).Select(_ => (double)rng.Next(0, 4)).ToArray();
            var repeatedScores = new List<float[]>();
            var repeatedLabels = new List<float[]>();
            for (int i = 0; i < 25; i++)
            for (int k = 0; k < weights[i]; k++)
            {
                repeatedScores.Add(scores[i]);
                repeatedLabels.Add(labels[i]);
            }
            var s = Flat(repeatedScores);
            var y = Flat(repeatedLabels);
            var (auc, point) = pooled.Evaluate(weights, 0.01);
            Assert.Equal(Roc.Auc(s, y), auc);
            Assert.Equal(Roc.Compute(s, y).AtFpr(0.01), point);
        }
    }

    [Fact]
    public void WeightsWithoutPositivesGiveNaN()
    {
        var pooled = new PooledRoc(
            [
                [0.1f, 0.9f],
                [0.2f, 0.3f],
            ],
            [
                [0, 1],
                [0, 0],
            ]
        );
        Assert.True(double.IsNaN(pooled.Auc([0.0, 2.0])));
        Assert.Equal(1.0, pooled.Auc([1.0, 1.0]));
    }

    [Fact]
    public void DecimatedCurveKeepsTheEndsAndTheOperatingPoint()
    {
        var (scores, labels) = Pooled(40, 4);
        var pooled = new PooledRoc(scores, labels);
        var full = Roc.Compute(Flat(scores), Flat(labels));
        var point = full.AtFpr(0.05);
        var curve = pooled.Curve(point.Threshold, linearStep: 0.1);
        Assert.True(curve.Fpr.Length < full.Fpr.Length);
        Assert.Equal((0.0, 0.0), (curve.Fpr[0], curve.Tpr[0]));
        Assert.Equal((1.0, 1.0), (curve.Fpr[^1], curve.Tpr[^1]));
        Assert.Contains(point.Threshold, curve.Thresholds);
        Assert.Equal(full.Auc, curve.Auc);
        // Every kept point is a point of the full curve.
        for (int i = 0; i < curve.Fpr.Length; i++)
        {
            int j = Array.IndexOf(full.Thresholds, curve.Thresholds[i]);
            Assert.Equal((full.Fpr[j], full.Tpr[j]), (curve.Fpr[i], curve.Tpr[i]));
        }
    }

    [Fact]
    public void RegressionSumsGiveRegressionMetricsRawAndRescaled()
    {
        var rng = new Random(5);
        var predicted = new List<float[]>();
        var target = new List<float[]>();
        for (int s = 0; s < 6; s++)
        {
            int n = rng.Next(50, 150);
            var y = Enumerable
                .Range(0, n)
                .Select(_ => (float)(-70 + 8 * rng.NextDouble()))
                .ToArray();
            predicted.Add(y.Select(v => (float)(0.7 * v - 19 + rng.NextDouble())).ToArray());
            target.Add(y);
        }
        double shift = -66;
        var weights = new[] { 1.0, 0, 2, 1, 3, 1 };
        var total = RegressionSums.Empty(shift);
        var p = new List<double>();
        var t = new List<double>();
        for (int s = 0; s < 6; s++)
        {
            total = total.Add(RegressionSums.Of(predicted[s], target[s], shift), weights[s]);
            for (int k = 0; k < weights[s]; k++)
            {
                p.AddRange(predicted[s].Select(v => (double)v));
                t.AddRange(target[s].Select(v => (double)v));
            }
        }
        Assert.Equal(RegressionMetrics.Rmse(p, t), total.Rmse, 10);
        Assert.Equal(RegressionMetrics.VarianceExplained(p, t), total.VarianceExplained, 10);
        Assert.Equal(RegressionMetrics.RmseRescaled(p, t), total.RmseRescaled, 10);
        Assert.Equal(
            RegressionMetrics.VarianceExplainedRescaled(p, t),
            total.VarianceExplainedRescaled,
            10
        );
        // A constant prediction: rescaled to the target's mean, explaining nothing.
        var constant = RegressionSums.Of(new float[t.Count], t.Select(v => (float)v).ToArray(), 0);
        Assert.Equal(0, constant.VarianceExplainedRescaled);
        Assert.Equal(
            RegressionMetrics.RmseRescaled(new double[t.Count], t),
            constant.RmseRescaled,
            6
        );
    }

    [Fact]
    public void PercentileIntervalInterpolatesAsNumpy()
    {
        // numpy.percentile(range(101), [2.5, 97.5]) = [2.5, 97.5]; of range(10): [0.225, 8.775].
        var ci = Bootstrap.Percentile(Enumerable.Range(0, 101).Select(i => (double)i), 0.95);
        Assert.Equal(2.5, ci.Lo, 12);
        Assert.Equal(97.5, ci.Hi, 12);
        var ten = Bootstrap.Percentile(
            Enumerable.Range(0, 10).Select(i => (double)i).Append(double.NaN),
            0.95
        );
        Assert.Equal(0.225, ten.Lo, 12);
        Assert.Equal(8.775, ten.Hi, 12);
        Assert.Equal(ConfidenceInterval.None, Bootstrap.Percentile([double.NaN], 0.95));
    }

    [Fact]
    public void MultiplicitiesDrawEverySimulationCountOnceInAllAndRepeat()
    {
        var a = Bootstrap.Multiplicities(17, 50, seed: 9).ToList();
        var b = Bootstrap.Multiplicities(17, 50, seed: 9).ToList();
        Assert.Equal(50, a.Count);
        Assert.All(a, m => Assert.Equal(17, m.Sum()));
        Assert.Equal(a, b);
        Assert.NotEqual(a[0], a[1]);
    }
}
