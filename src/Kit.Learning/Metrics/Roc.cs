namespace Kit.Learning.Metrics;

/// <summary>ROC analysis of spike prediction (pooled time bins). Labels are 0/1 (values &gt; 0.5 are positive).</summary>
public static class Roc
{
    /// <summary>The false-positive rate of the paper's operating point.</summary>
    public const double PaperFpr = 0.002;

    /// <summary>The ROC curve and AUC of <paramref name="scores"/> against <paramref name="labels"/>.</summary>
    public static RocCurve Compute(IReadOnlyList<double> scores, IReadOnlyList<double> labels)
    {
        var (nPos, nNeg) = Count(scores, labels);
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var thr = new List<double> { double.PositiveInfinity };
        long tp = 0,
            fp = 0;
        for (int k = 0; k < order.Length; )
        {
            double s = scores[order[k]];
            while (k < order.Length && scores[order[k]] == s)
            {
                if (labels[order[k]] > 0.5)
                    tp++;
                else
                    fp++;
                k++;
            }
            fpr.Add((double)fp / nNeg);
            tpr.Add((double)tp / nPos);
            thr.Add(s);
        }
        return new RocCurve(fpr.ToArray(), tpr.ToArray(), thr.ToArray(), Auc(scores, labels));
    }

    /// <summary>
    /// AUC = P(score of a random positive &gt; score of a random negative) + ½ P(tie), computed as the
    /// Mann-Whitney U statistic with average ranks for tied scores, divided by n_pos x n_neg.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<double> labels)
    {
        var (nPos, nNeg) = Count(scores, labels);
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        double positiveRankSum = 0;
        for (int k = 0; k < order.Length; )
        {
            int end = k;
            while (end < order.Length && scores[order[end]] == scores[order[k]])
                end++;
            double averageRank = (k + 1 + end) / 2.0; // ranks k+1 .. end
            for (int j = k; j < end; j++)
                if (labels[order[j]] > 0.5)
                    positiveRankSum += averageRank;
            k = end;
        }
        double u = positiveRankSum - nPos * (nPos + 1.0) / 2.0;
        return u / ((double)nPos * nNeg);
    }

    private static (long pos, long neg) Count(
        IReadOnlyList<double> scores,
        IReadOnlyList<double> labels
    )
    {
        if (scores.Count != labels.Count)
            throw new ArgumentException($"{scores.Count} scores but {labels.Count} labels");
        long pos = labels.Count(l => l > 0.5);
        long neg = labels.Count - pos;
        if (pos == 0 || neg == 0)
            throw new ArgumentException(
                $"ROC needs both classes; got {pos} positive and {neg} negative bins"
            );
        if (scores.Any(double.IsNaN))
            throw new ArgumentException("scores contain NaN");
        return (pos, neg);
    }
}
