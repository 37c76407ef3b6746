namespace Kit.Plots;

/// <summary>
/// Argument checks and array helpers shared by the panels: every panel takes plain arrays, and a wrong length or
/// an empty window fails here with the parameter names, before any trace is built.
/// </summary>
internal static class PanelInput
{
    /// <summary>Throws naming both arrays when their lengths differ (or either is null).</summary>
    public static void SameLength<TA, TB>(TA[] a, TB[] b, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(a, nameA);
        ArgumentNullException.ThrowIfNull(b, nameB);
        if (a.Length != b.Length)
            throw new ArgumentException(
                $"{nameA} has {a.Length} values but {nameB} has {b.Length}; they must be the same length",
                nameB
            );
    }

    /// <summary>Throws when a time window is empty ('to' must exceed 'from').</summary>
    public static void CheckWindow((int from, int to) w, string name)
    {
        if (w.to <= w.from)
            throw new ArgumentException(
                $"{name} ({w.from}, {w.to}) is empty: 'to' must exceed 'from'",
                name
            );
    }

    /// <summary>
    /// The sample indices [lo, hi) of a series of <paramref name="n"/> samples starting at
    /// <paramref name="startMs"/> every <paramref name="dtMs"/> that fall in <paramref name="windowMs"/>.
    /// </summary>
    public static (int lo, int hi) SampleRange(
        int n,
        int startMs,
        double dtMs,
        (int from, int to)? windowMs
    )
    {
        if (!(dtMs > 0))
            throw new ArgumentOutOfRangeException(nameof(dtMs), $"dtMs ({dtMs}) must be positive");
        if (windowMs is not { } w)
            return (0, n);
        CheckWindow(w, nameof(windowMs));
        var lo = (int)Math.Ceiling((w.from - startMs) / dtMs);
        var hi = (int)Math.Ceiling((w.to - startMs) / dtMs);
        return (Math.Clamp(lo, 0, n), Math.Clamp(hi, 0, n));
    }

    /// <summary>The values as nullable doubles (plotly's gaps are nulls).</summary>
    public static double?[] Opt(double[] values) => values.Select(v => (double?)v).ToArray();

    /// <summary>values[lo..hi] with non-finite values as gaps.</summary>
    public static double?[] Slice(double[] values, int lo, int hi) =>
        values[lo..hi].Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    /// <summary>Indices of a seeded random subsample of size min(n, max), in ascending order.</summary>
    public static int[] Subsample(int n, int max, int seed)
    {
        if (n <= max)
            return Enumerable.Range(0, n).ToArray();
        var rng = new Random(seed);
        var idx = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < max; i++)
        {
            var j = rng.Next(i, n);
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        var pick = idx[..max];
        Array.Sort(pick);
        return pick;
    }
}
