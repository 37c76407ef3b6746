namespace Kit.Learning.Metrics;

/// <summary>A confidence interval [Lo, Hi]; NaN bounds when it could not be computed.</summary>
public readonly record struct ConfidenceInterval(double Lo, double Hi)
{
    /// <summary>No interval (no resamples, or none where the statistic was defined).</summary>
    public static ConfidenceInterval None { get; } = new(double.NaN, double.NaN);

    /// <summary>Hi − Lo.</summary>
    public double Width => Hi - Lo;

    /// <summary>Whether Lo ≤ <paramref name="value"/> ≤ Hi.</summary>
    public bool Contains(double value) => Lo <= value && value <= Hi;
}

/// <summary>
/// The nonparametric bootstrap over simulations: a replicate draws as many simulations as there are, uniformly with
/// replacement, and is represented by each simulation's multiplicity (how often it was drawn), so a statistic that
/// takes per-simulation weights evaluates it without copying data. Intervals are percentile intervals.
/// </summary>
public static class Bootstrap
{
    /// <summary>
    /// The multiplicities of <paramref name="resamples"/> replicates of <paramref name="simulations"/> simulations,
    /// one array per replicate (<see cref="Multiplicity"/> of replicates 0, 1, …).
    /// </summary>
    public static IEnumerable<double[]> Multiplicities(int simulations, int resamples, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(resamples);
        for (int b = 0; b < resamples; b++)
            yield return Multiplicity(simulations, seed, b);
    }

    /// <summary>
    /// How often each of <paramref name="simulations"/> simulations is drawn in replicate
    /// <paramref name="replicate"/>: <paramref name="simulations"/> uniform draws with replacement from a generator
    /// seeded by (<paramref name="seed"/>, <paramref name="replicate"/>), so replicates can be computed in any order
    /// or in parallel and still repeat.
    /// </summary>
    public static double[] Multiplicity(int simulations, int seed, int replicate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(simulations);
        var rng = new Random(unchecked(seed * 1_000_003 + replicate));
        var m = new double[simulations];
        for (int i = 0; i < simulations; i++)
            m[rng.Next(simulations)]++;
        return m;
    }

    /// <summary>
    /// The percentile interval of the replicate values at <paramref name="confidence"/> (0.95: the 2.5th and 97.5th
    /// percentiles, linearly interpolated between order statistics as numpy's default). NaN values (replicates
    /// where the statistic was undefined, e.g. an AUC without positives) are left out;
    /// <see cref="ConfidenceInterval.None"/> when none remain.
    /// </summary>
    public static ConfidenceInterval Percentile(IEnumerable<double> replicates, double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(
                nameof(confidence),
                $"confidence {confidence} must be in (0, 1)"
            );
        var v = replicates.Where(x => !double.IsNaN(x)).ToArray();
        if (v.Length == 0)
            return ConfidenceInterval.None;
        Array.Sort(v);
        double alpha = (1 - confidence) / 2;
        return new ConfidenceInterval(Quantile(v, alpha), Quantile(v, 1 - alpha));
    }

    private static double Quantile(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
