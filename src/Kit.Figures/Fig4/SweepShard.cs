using System.Globalization;

namespace Kit.Figures.Fig4;

/// <summary>
/// One of <see cref="Count"/> independent jobs of a sweep (a cluster array task): point k of the sweep's list
/// belongs to shard k mod <see cref="Count"/>, so the shards 0 … n − 1 together run every point exactly once, and
/// neighbouring points (often of similar cost) go to different jobs.
/// </summary>
/// <param name="Index">This job's shard, 0 ≤ Index &lt; Count.</param>
/// <param name="Count">How many shards the sweep is cut into (at least 1).</param>
public readonly record struct SweepShard(int Index, int Count)
{
    /// <summary>The whole sweep in one job: shard 0/1.</summary>
    public static SweepShard All { get; } = new(0, 1);

    /// <summary>Whether point <paramref name="k"/> of the sweep's list belongs to this shard.</summary>
    public bool Contains(int k) => k % Count == Index;

    /// <summary>The points of <paramref name="points"/> that belong to this shard, in list order.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> points)
    {
        var shard = this;
        return [.. points.Where((_, k) => shard.Contains(k))];
    }

    /// <summary><c>i/n</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// Parses <c>i/n</c> (e.g. <c>3/10</c>, a SLURM array's <c>$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT</c>).
    /// </summary>
    /// <exception cref="FormatException">Not two integers around a slash, n below 1, or i outside 0 … n − 1; the
    /// message names the text and what is wrong.</exception>
    public static SweepShard Parse(string text)
    {
        var parts = (text ?? "").Split('/');
        if (
            parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
        )
            throw new FormatException(
                $"shard \"{text}\" is not i/n (two non-negative integers, e.g. 0/4: the first of 4 shards)"
            );
        if (n < 1)
            throw new FormatException($"shard \"{text}\": the shard count {n} must be at least 1");
        if (i >= n)
            throw new FormatException(
                $"shard \"{text}\": the index {i} must be below the shard count {n} (shards 0 to {n - 1})"
            );
        return new SweepShard(i, n);
    }
}
