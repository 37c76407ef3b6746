namespace Kit.Learning.Metrics;

/// <summary>
/// ROC analysis of time bins pooled over simulations, sorted by score once and then evaluated under any weighting
/// of the simulations (a bootstrap replicate weights each simulation by how often it was drawn). Every evaluation
/// is one O(n) sweep over the sorted bins: the weighted Mann-Whitney U with tied scores counted half (average
/// ranks), and the ROC point nearest a target false-positive rate. With all weights 1 the AUC equals
/// <see cref="Roc.Auc"/> exactly and the point equals <see cref="RocCurve.AtFpr"/> of <see cref="Roc.Compute"/>;
/// with integer weights both equal those of the data with each simulation repeated that many times.
/// </summary>
public sealed class PooledRoc
{
    // Per sorted bin (ascending score): simulation << 2 | positive << 1 | last-of-its-tie-group.
    private readonly int[] codes;
    private readonly float[] sortedScores;
    private readonly long[] positives;
    private readonly long[] negatives;

    /// <summary>Sorts the bins of every simulation by score.</summary>
    /// <param name="scores">Per simulation, the score of each bin (e.g. the spike probability).</param>
    /// <param name="labels">Per simulation, the label of each bin (values &gt; 0.5 are positive), as long as its scores.</param>
    public PooledRoc(IReadOnlyList<float[]> scores, IReadOnlyList<float[]> labels)
    {
        if (scores.Count != labels.Count)
            throw new ArgumentException(
                $"{scores.Count} simulations of scores but {labels.Count} of labels"
            );
        if (scores.Count >= 1 << 29)
            throw new ArgumentException($"too many simulations ({scores.Count})");
        long n = 0;
        for (int s = 0; s < scores.Count; s++)
        {
            if (scores[s].Length != labels[s].Length)
                throw new ArgumentException(
                    $"simulation {s}: {scores[s].Length} scores but {labels[s].Length} labels"
                );
            n += scores[s].Length;
        }
        if (n > Array.MaxLength)
            throw new ArgumentException($"too many bins ({n})");
        sortedScores = new float[n];
        codes = new int[n];
        positives = new long[scores.Count];
        negatives = new long[scores.Count];
        int k = 0;
        for (int s = 0; s < scores.Count; s++)
        {
            var score = scores[s];
            var label = labels[s];
            for (int t = 0; t < score.Length; t++, k++)
            {
                if (float.IsNaN(score[t]))
                    throw new ArgumentException($"simulation {s}: score of bin {t} is NaN");
                bool positive = label[t] > 0.5f;
                if (positive)
                    positives[s]++;
                else
                    negatives[s]++;
                sortedScores[k] = score[t];
                codes[k] = s << 2 | (positive ? 2 : 0);
            }
        }
        Array.Sort(sortedScores, codes);
        for (int i = 0; i < codes.Length; i++)
            if (i == codes.Length - 1 || sortedScores[i + 1] != sortedScores[i])
                codes[i] |= 1;
    }

    /// <summary>Number of simulations.</summary>
    public int Simulations => positives.Length;

    /// <summary>Number of bins, all simulations together.</summary>
    public long Bins => codes.Length;

    /// <summary>Positive bins, all simulations together.</summary>
    public long Positives => positives.Sum();

    /// <summary>
    /// AUC and the ROC point nearest <paramref name="targetFpr"/> (ties: the higher TPR, then the higher threshold,
    /// as <see cref="RocCurve.AtFpr"/>), with each bin counted <c>weights[its simulation]</c> times. The AUC is
    /// NaN when the weighted positives or negatives are zero (the point is then (NaN, NaN)).
    /// </summary>
    /// <param name="weights">One non-negative weight per simulation.</param>
    /// <param name="targetFpr">False-positive rate of the operating point (paper: 0.002).</param>
    public (double Auc, RocPoint Point) Evaluate(ReadOnlySpan<double> weights, double targetFpr)
    {
        if (weights.Length != Simulations)
            throw new ArgumentException($"{weights.Length} weights for {Simulations} simulations");
        double totalPos = 0,
            totalNeg = 0;
        for (int s = 0; s < weights.Length; s++)
        {
            totalPos += weights[s] * positives[s];
            totalNeg += weights[s] * negatives[s];
        }
        if (totalPos <= 0 || totalNeg <= 0)
            return (double.NaN, new RocPoint(double.NaN, double.NaN, double.NaN));

        // AUC: one ascending sweep; a positive scores 1 against every negative below its tie group and ½
        // against every negative in it.
        double u = 0,
            negBelow = 0,
            groupPos = 0,
            groupNeg = 0;
        for (int i = 0; i < codes.Length; i++)
        {
            int c = codes[i];
            double w = weights[c >> 2];
            if ((c & 2) != 0)
                groupPos += w;
            else
                groupNeg += w;
            if ((c & 1) != 0)
            {
                u += groupPos * (negBelow + 0.5 * groupNeg);
                negBelow += groupNeg;
                groupPos = groupNeg = 0;
            }
        }
        return (u / (totalPos * totalNeg), PointNear(weights, targetFpr, totalPos, totalNeg));
    }

    /// <summary>
    /// The point nearest <paramref name="targetFpr"/>, walking down the thresholds from (0, 0) as
    /// <see cref="RocCurve.AtFpr"/> does, and stopping once the FPR is further above the target than the best
    /// point (FPR only grows from there): a small part of the bins for the paper's 0.002.
    /// </summary>
    private RocPoint PointNear(
        ReadOnlySpan<double> weights,
        double targetFpr,
        double totalPos,
        double totalNeg
    )
    {
        double fp = 0,
            tp = 0,
            bestD = Math.Abs(targetFpr),
            bestFpr = 0,
            bestTpr = 0,
            bestThreshold = double.PositiveInfinity;
        for (int i = codes.Length - 1; i >= 0; i--)
        {
            int c = codes[i];
            double w = weights[c >> 2];
            if ((c & 2) != 0)
                tp += w;
            else
                fp += w;
            // The tie group is complete (walking down) at its lowest element.
            if (i > 0 && (codes[i - 1] & 1) == 0)
                continue;
            double fpr = fp / totalNeg,
                tpr = tp / totalPos,
                d = Math.Abs(fpr - targetFpr);
            if (d < bestD || (d == bestD && tpr > bestTpr))
                (bestD, bestFpr, bestTpr, bestThreshold) = (d, fpr, tpr, sortedScores[i]);
            else if (fpr - targetFpr > bestD)
                break;
        }
        return new RocPoint(bestFpr, bestTpr, bestThreshold);
    }

    /// <summary>AUC with each bin counted <c>weights[its simulation]</c> times (see <see cref="Evaluate"/>).</summary>
    public double Auc(ReadOnlySpan<double> weights) => Evaluate(weights, Roc.PaperFpr).Auc;

    /// <summary>Weights of 1 for every simulation.</summary>
    public double[] UnitWeights() => Enumerable.Repeat(1.0, Simulations).ToArray();

    /// <summary>
    /// The unweighted ROC curve, decimated for plotting: from (0, 0) at threshold +∞ down the thresholds, a point is
    /// kept where FPR or TPR moved by at least <paramref name="linearStep"/> since the last kept point, where FPR grew
    /// by at least 5 % (a log scale down to the first false positive), and at <paramref name="keepThreshold"/> (the
    /// operating point); the last point (1, 1) is always kept. The AUC is that of all bins.
    /// </summary>
    public RocCurve Curve(double keepThreshold = double.NaN, double linearStep = 0.002)
    {
        var ones = UnitWeights();
        double auc = Evaluate(ones, Roc.PaperFpr).Auc;
        double totalPos = Positives,
            totalNeg = Bins - totalPos;
        var fprs = new List<double> { 0 };
        var tprs = new List<double> { 0 };
        var thresholds = new List<double> { double.PositiveInfinity };
        long tp = 0,
            fp = 0;
        for (int i = codes.Length - 1; i >= 0; i--)
        {
            if ((codes[i] & 2) != 0)
                tp++;
            else
                fp++;
            // The group is complete (descending) at its first element in ascending order.
            if (i > 0 && (codes[i - 1] & 1) == 0)
                continue;
            double fpr = totalNeg > 0 ? fp / totalNeg : double.NaN,
                tpr = totalPos > 0 ? tp / totalPos : double.NaN,
                lastFpr = fprs[^1],
                lastTpr = tprs[^1];
            bool keep =
                i == 0
                || sortedScores[i] == keepThreshold
                || fpr - lastFpr >= linearStep
                || tpr - lastTpr >= linearStep
                || (fpr > lastFpr && fpr >= lastFpr * 1.05);
            if (!keep)
                continue;
            fprs.Add(fpr);
            tprs.Add(tpr);
            thresholds.Add(sortedScores[i]);
        }
        return new RocCurve(fprs.ToArray(), tprs.ToArray(), thresholds.ToArray(), auc);
    }
}
