using MathNet.Numerics.Statistics;

namespace Kit.Learning.Metrics;

/// <summary>
/// Somatic-voltage metrics. "Raw" metrics compare the prediction as is; "rescaled" ones first z-score the
/// prediction and rescale it to the target's mean and standard deviation, as the paper's evaluation did
/// (docs/training-and-evaluation.md, "Evaluation protocol of the paper"). Variances are population variances
/// (as scikit-learn's explained_variance_score).
/// </summary>
public static class RegressionMetrics
{
    /// <summary>Root-mean-square error, in the inputs' unit (mV).</summary>
    public static double Rmse(IReadOnlyList<double> predicted, IReadOnlyList<double> target)
    {
        Check(predicted, target);
        double sum = 0;
        for (int i = 0; i < target.Count; i++)
        {
            double d = predicted[i] - target[i];
            sum += d * d;
        }
        return Math.Sqrt(sum / target.Count);
    }

    /// <summary>Variance explained, a fraction: 1 - Var(target - predicted) / Var(target).</summary>
    public static double VarianceExplained(
        IReadOnlyList<double> predicted,
        IReadOnlyList<double> target
    )
    {
        Check(predicted, target);
        var residual = new double[target.Count];
        for (int i = 0; i < residual.Length; i++)
            residual[i] = target[i] - predicted[i];
        return 1 - residual.PopulationVariance() / target.PopulationVariance();
    }

    /// <summary>The prediction z-scored, then scaled to the target's mean and (population) standard deviation.</summary>
    public static double[] ZScoreRescale(
        IReadOnlyList<double> predicted,
        IReadOnlyList<double> target
    )
    {
        Check(predicted, target);
        var (pMean, pStd) = predicted.MeanStandardDeviationPopulation();
        var (tMean, tStd) = target.MeanStandardDeviationPopulation();
        var result = new double[predicted.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = pStd > 0 ? (predicted[i] - pMean) / pStd * tStd + tMean : tMean;
        return result;
    }

    /// <summary>RMSE after <see cref="ZScoreRescale"/> (the paper's reported RMSE).</summary>
    public static double RmseRescaled(
        IReadOnlyList<double> predicted,
        IReadOnlyList<double> target
    ) => Rmse(ZScoreRescale(predicted, target), target);

    /// <summary>Variance explained after <see cref="ZScoreRescale"/>.</summary>
    public static double VarianceExplainedRescaled(
        IReadOnlyList<double> predicted,
        IReadOnlyList<double> target
    ) => VarianceExplained(ZScoreRescale(predicted, target), target);

    private static void Check(IReadOnlyList<double> predicted, IReadOnlyList<double> target)
    {
        if (predicted.Count != target.Count)
            throw new ArgumentException(
                $"{predicted.Count} predictions but {target.Count} targets"
            );
        if (target.Count == 0)
            throw new ArgumentException("no samples");
    }
}
