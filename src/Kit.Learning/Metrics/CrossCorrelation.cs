namespace Kit.Learning.Metrics;

/// <summary>
/// Cross-correlogram of predicted vs true spikes. <c>Values[i]</c> at lag <c>LagsMs[i]</c> = (number of pairs of a
/// true spike at t and a predicted spike at t + lag) / (number of true spikes): the probability of a predicted
/// spike lag ms after a true one (positive lag = prediction late). Pairs never cross simulations.
/// </summary>
public sealed record CrossCorrelation(
    int[] LagsMs,
    double[] Values,
    long TrueSpikes,
    long PredictedSpikes
)
{
    /// <summary>Lag (ms) of the largest value (the first on ties).</summary>
    public int PeakLagMs => LagsMs[Array.IndexOf(Values, Values.Max())];
}

/// <summary>
/// Spike-train cross-correlation (docs/training-and-evaluation.md, "Evaluation protocol of the paper"): the
/// prediction thresholded at FP = 0.002 against the true spike train, ±50 ms.
/// </summary>
public static class SpikeCrossCorrelation
{
    /// <summary>0/1 spike train: 1 where <paramref name="probability"/> ≥ <paramref name="threshold"/>.</summary>
    public static double[] Threshold(IReadOnlyList<double> probability, double threshold) =>
        probability.Select(p => p >= threshold ? 1.0 : 0.0).ToArray();

    /// <summary>Correlogram over lags -maxLag..maxLag of per-simulation 0/1 trains (see <see cref="CrossCorrelation"/>).</summary>
    public static CrossCorrelation Compute(
        IReadOnlyList<double[]> predicted,
        IReadOnlyList<double[]> truth,
        int maxLagMs = 50
    )
    {
        if (predicted.Count != truth.Count)
            throw new ArgumentException(
                $"{predicted.Count} predicted trains but {truth.Count} true trains"
            );
        return Core(
            truth.Count,
            s => (predicted[s].Length, truth[s].Length),
            (s, t) => predicted[s][t] > 0.5,
            (s, t) => truth[s][t] > 0.5,
            maxLagMs
        );
    }

    /// <summary>
    /// Correlogram of per-simulation spike probabilities thresholded at <paramref name="threshold"/> (a spike where
    /// probability ≥ threshold) against 0/1 true trains (values &gt; 0.5 are spikes), without building the
    /// thresholded trains.
    /// </summary>
    public static CrossCorrelation Compute(
        IReadOnlyList<float[]> probability,
        IReadOnlyList<float[]> truth,
        double threshold,
        int maxLagMs = 50
    )
    {
        if (probability.Count != truth.Count)
            throw new ArgumentException(
                $"{probability.Count} predicted trains but {truth.Count} true trains"
            );
        return Core(
            truth.Count,
            s => (probability[s].Length, truth[s].Length),
            (s, t) => probability[s][t] >= threshold,
            (s, t) => truth[s][t] > 0.5f,
            maxLagMs
        );
    }

    private static CrossCorrelation Core(
        int simulations,
        Func<int, (int Predicted, int True)> lengths,
        Func<int, int, bool> predictedSpike,
        Func<int, int, bool> trueSpike,
        int maxLagMs
    )
    {
        var lags = Enumerable.Range(-maxLagMs, 2 * maxLagMs + 1).ToArray();
        var counts = new double[lags.Length];
        long nTrue = 0,
            nPred = 0;
        for (int s = 0; s < simulations; s++)
        {
            var (pLength, yLength) = lengths(s);
            if (pLength != yLength)
                throw new ArgumentException(
                    $"simulation {s}: {pLength} predicted bins but {yLength} true bins"
                );
            for (int t = 0; t < pLength; t++)
                if (predictedSpike(s, t))
                    nPred++;
            for (int t = 0; t < yLength; t++)
            {
                if (!trueSpike(s, t))
                    continue;
                nTrue++;
                for (int i = 0; i < lags.Length; i++)
                {
                    int u = t + lags[i];
                    if (u >= 0 && u < pLength && predictedSpike(s, u))
                        counts[i]++;
                }
            }
        }
        if (nTrue > 0)
            for (int i = 0; i < counts.Length; i++)
                counts[i] /= nTrue;
        return new CrossCorrelation(lags, counts, nTrue, nPred);
    }
}
