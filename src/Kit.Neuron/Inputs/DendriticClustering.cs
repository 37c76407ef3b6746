using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Data;

namespace Kit.Neuron.Inputs;

/// <summary>
/// The paper's spatial clusters of the dendritic segments (its STAR methods, figure 6; docs/l5pc/inputs-and-outputs.md,
/// "Clustering"): K-means on the correlation matrix of all dendritic voltages from a kit simulation under the
/// ordinary random input. Each segment's feature vector is its row of the N × N correlation matrix (its correlation
/// with every segment), so segments that move together, and that correlate alike with the rest of the tree, share a
/// cluster; the paper says only "K-means on the cross-correlation matrix", and this is the kit's reading.
/// </summary>
public static class DendriticClustering
{
    /// <summary>Cache kind of the entries (<c>data/cache/dendritic-clusters/&lt;key&gt;/clusters.json</c>).</summary>
    public const string CacheKind = "dendritic-clusters";

    /// <summary>File of an entry holding the <see cref="SegmentClusters"/> as JSON.</summary>
    public const string FileName = "clusters.json";

    /// <summary>
    /// The clusters for <paramref name="config"/> on the reconstruction <paramref name="morphologyPathOrName"/>,
    /// computed once and cached in <paramref name="cache"/> under the config and the morphology's SHA-256.
    /// </summary>
    /// <param name="cache">The kit's cache (e.g. <see cref="KitCache.Default"/>).</param>
    /// <param name="config">What to compute.</param>
    /// <param name="morphologyPathOrName">A <c>.asc</c>/<c>.swc</c> path or a catalog name (<c>Hay2011</c>).</param>
    /// <param name="force">Recompute even when cached.</param>
    public static SegmentClusters GetOrBuild(
        KitCache cache,
        DendriticClusteringConfig config,
        string morphologyPathOrName,
        bool force = false
    )
    {
        ArgumentNullException.ThrowIfNull(cache);
        config.Validate();
        var factory = Factory(config, morphologyPathOrName);
        var key = new CacheKey(config, factory.MorphologySha256);
        var entry = cache.GetOrBuild(
            CacheKind,
            key,
            dir =>
                File.WriteAllText(
                    Path.Combine(dir, FileName),
                    JsonSerializer.Serialize(Compute(config, factory))
                ),
            force
        );
        return Read(Path.Combine(entry, FileName));
    }

    /// <summary>Computes the clusters without the cache.</summary>
    public static SegmentClusters Compute(
        DendriticClusteringConfig config,
        string morphologyPathOrName
    )
    {
        config.Validate();
        return Compute(config, Factory(config, morphologyPathOrName));
    }

    /// <summary>
    /// K-means of the segments on the rows of the correlation matrix of <paramref name="voltagesMv"/> (one 1 ms
    /// trace per segment; the first <see cref="DendriticClusteringConfig.DiscardMs"/> samples are left out).
    /// </summary>
    public static SegmentClusters FromVoltages(
        DendriticClusteringConfig config,
        IReadOnlyList<float[]> voltagesMv
    )
    {
        config.Validate();
        var kept = voltagesMv.Select(v => v[config.DiscardMs..]).ToArray();
        var features = VoltageCorrelation.Matrix(kept);
        var km = KMeans.Fit(
            features,
            config.Clusters,
            config.Seed,
            config.Restarts,
            config.MaxIterations
        );
        return new SegmentClusters(config.Clusters, km.Labels);
    }

    /// <summary>Reads an entry's <see cref="FileName"/>.</summary>
    public static SegmentClusters Read(string path)
    {
        var c =
            JsonSerializer.Deserialize<SegmentClusters>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path}: no clusters");
        c.Validate();
        return c;
    }

    private static SegmentClusters Compute(
        DendriticClusteringConfig config,
        L5pcDatasetFactory factory
    ) => FromVoltages(config, factory.SimulateSegmentVoltages(0));

    private static L5pcDatasetFactory Factory(
        DendriticClusteringConfig config,
        string morphologyPathOrName
    ) =>
        new(
            new L5pcDatasetConfig(config.Synapses, 1, config.SimulationDurationMs, config.Seed)
            {
                Lanes = 1,
                SimulationsPerPart = 1,
            },
            morphologyPathOrName
        );

    /// <summary>What an entry is keyed by: the config and the reconstruction's bytes.</summary>
    private sealed record CacheKey(DendriticClusteringConfig Config, string MorphologySha256);
}
