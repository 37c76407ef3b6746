namespace Kit.Learning.Metrics;

/// <summary>One ROC operating point: predict a spike where score ≥ <paramref name="Threshold"/>.</summary>
public readonly record struct RocPoint(double Fpr, double Tpr, double Threshold);

/// <summary>
/// ROC curve of scores against binary labels: points at every distinct score (descending thresholds),
/// starting at (0, 0) with threshold +∞, and the AUC.
/// </summary>
/// <param name="Fpr">False-positive rate per point (ascending).</param>
/// <param name="Tpr">True-positive rate per point (ascending).</param>
/// <param name="Thresholds">Threshold per point: predict positive where score ≥ threshold.</param>
/// <param name="Auc">Area under the curve (Mann-Whitney U with average ranks for ties).</param>
public sealed record RocCurve(double[] Fpr, double[] Tpr, double[] Thresholds, double Auc)
{
    /// <summary>The point whose FPR is nearest <paramref name="targetFpr"/>; among equally near points, the one with the highest TPR.</summary>
    public RocPoint AtFpr(double targetFpr)
    {
        int best = 0;
        for (int i = 1; i < Fpr.Length; i++)
        {
            double d = Math.Abs(Fpr[i] - targetFpr),
                bestD = Math.Abs(Fpr[best] - targetFpr);
            if (d < bestD || (d == bestD && Tpr[i] > Tpr[best]))
                best = i;
        }
        return new RocPoint(Fpr[best], Tpr[best], Thresholds[best]);
    }
}
