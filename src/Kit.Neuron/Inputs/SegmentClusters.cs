namespace Kit.Neuron.Inputs;

/// <summary>
/// A partition of the dendritic segments into spatial clusters (docs/l5pc/inputs-and-outputs.md, "Clustering"): the
/// out-of-distribution protocols stimulate whole clusters. Made by <see cref="DendriticClustering"/> for the Hay cell
/// (64 clusters of its 639 segments), or by hand in tests.
/// </summary>
/// <param name="Clusters">Number of clusters K (≥ 1).</param>
/// <param name="Assignment">Cluster (0 … K − 1) of each segment, in dataset order; length N.</param>
public sealed record SegmentClusters(int Clusters, IReadOnlyList<int> Assignment)
{
    /// <summary>Number of segments N.</summary>
    public int Segments => Assignment.Count;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (Clusters < 1)
            throw new ArgumentException($"Clusters {Clusters} must be ≥ 1", nameof(Clusters));
        ArgumentNullException.ThrowIfNull(Assignment);
        if (Assignment.Count == 0)
            throw new ArgumentException("Assignment is empty", nameof(Assignment));
        for (int j = 0; j < Assignment.Count; j++)
            if ((uint)Assignment[j] >= (uint)Clusters)
                throw new ArgumentException(
                    $"Assignment[{j}] = {Assignment[j]} is not a cluster 0 … {Clusters - 1}",
                    nameof(Assignment)
                );
    }

    /// <summary>The segments of cluster <paramref name="cluster"/>, ascending.</summary>
    public int[] SegmentsOf(int cluster) =>
        [.. Enumerable.Range(0, Segments).Where(j => Assignment[j] == cluster)];

    /// <summary>Per segment: true when its cluster is one of <paramref name="clusters"/>.</summary>
    public bool[] Mask(IEnumerable<int> clusters)
    {
        var chosen = new bool[Clusters];
        foreach (var c in clusters)
            chosen[c] = true;
        return [.. Assignment.Select(c => chosen[c])];
    }
}
