using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;
using Kit.Neuron.Random;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests;

/// <summary>
/// The dendritic clustering (docs/l5pc/inputs-and-outputs.md, "Clustering"): K-means on known blocks, the correlation
/// features, and the cached computation from a short kit simulation of the synthetic cell.
/// </summary>
public sealed class DendriticClusteringTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Path.Combine(
        Path.GetTempPath(),
        $"kit-clustering-{Environment.ProcessId}-{Guid.NewGuid():N}"
    );

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    /// <summary>Block b of sizes[b] points near corner b of a d-dimensional simplex, rows shuffled; the true blocks.</summary>
    private static (double[][] Points, int[] Block) BlockPoints(
        int[] sizes,
        double noise,
        uint seed
    )
    {
        var rng = new NumpyRandomState(seed);
        int d = sizes.Length;
        var truth = sizes.SelectMany((n, b) => Enumerable.Repeat(b, n)).ToArray();
        for (int i = truth.Length - 1; i > 0; i--)
        {
            int j = rng.RandInt(i + 1);
            (truth[i], truth[j]) = (truth[j], truth[i]);
        }
        var points = truth
            .Select(b =>
                Enumerable
                    .Range(0, d)
                    .Select(f => (f == b ? 1.0 : 0.0) + noise * (rng.RandomSample() - 0.5))
                    .ToArray()
            )
            .ToArray();
        return (points, truth);
    }

    /// <summary>Same partition (labels equal up to renaming): i and j share a label in one iff they do in the other.</summary>
    private static void AssertSamePartition(IReadOnlyList<int> expected, IReadOnlyList<int> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        for (int j = i + 1; j < expected.Count; j++)
            Assert.True(
                (expected[i] == expected[j]) == (actual[i] == actual[j]),
                $"points {i} and {j}: together {expected[i] == expected[j]} expected, {actual[i] == actual[j]} found"
            );
    }

    [Fact]
    public void KMeans_recovers_known_blocks()
    {
        var (points, truth) = BlockPoints([12, 30, 7, 20, 16], noise: 0.6, seed: 5);
        var km = KMeans.Fit(points, 5, seed: 1);
        AssertSamePartition(truth, km.Labels);
        // Canonical labels: the cluster of point 0 is 0, the next new cluster 1, …
        Assert.Equal(0, km.Labels[0]);
        Assert.Equal(5, km.Labels.Distinct().Count());
    }

    [Fact]
    public void KMeans_is_deterministic_given_its_seed()
    {
        // Overlapping blocks, so starts can end differently and the seed matters.
        var (points, _) = BlockPoints([40, 40, 40, 40], noise: 2.5, seed: 9);
        var a = KMeans.Fit(points, 6, seed: 3, restarts: 3);
        var b = KMeans.Fit(points, 6, seed: 3, restarts: 3);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Equal(a.Inertia, b.Inertia);
        // The best of several starts is no worse than a single one from the same stream's first start.
        Assert.True(a.Inertia <= KMeans.Fit(points, 6, seed: 3, restarts: 1).Inertia);
    }

    [Fact]
    public void Correlation_features_group_traces_driven_by_a_common_signal()
    {
        // 4 groups of traces; each trace is its group's random walk plus independent noise, so traces correlate
        // within their group and hardly across.
        const int T = 2000;
        var rng = new NumpyRandomState(21);
        int[] sizes = [9, 5, 14, 8];
        var drives = sizes
            .Select(_ =>
            {
                var w = new double[T];
                for (int t = 1; t < T; t++)
                    w[t] = 0.95 * w[t - 1] + (rng.RandomSample() - 0.5);
                return w;
            })
            .ToArray();
        var truth = sizes.SelectMany((n, b) => Enumerable.Repeat(b, n)).ToArray();
        // Interleave the groups so contiguity cannot explain the result.
        int[] order =
        [
            .. Enumerable.Range(0, truth.Length).OrderBy(i => (i * 7919) % truth.Length),
        ];
        truth = [.. order.Select(i => truth[i])];
        var traces = truth
            .Select(b =>
                drives[b]
                    .Select(v => (float)(-70 + 5 * v + 0.3 * (rng.RandomSample() - 0.5)))
                    .ToArray()
            )
            .ToArray();

        var r = VoltageCorrelation.Matrix(traces);
        Assert.All(Enumerable.Range(0, r.Length), i => Assert.Equal(1.0, r[i][i], 12));
        Assert.Equal(r[3][17], r[17][3]);

        var clusters = DendriticClustering.FromVoltages(
            new DendriticClusteringConfig(
                Clusters: 4,
                SimulationDurationMs: T,
                DiscardMs: 100,
                Seed: 2
            ),
            traces
        );
        AssertSamePartition(truth, clusters.Assignment);
    }

    [Fact]
    public void Clusters_of_a_kit_simulation_are_cached_and_spatial()
    {
        var swc = Path.Combine(root, "synthetic.swc");
        Directory.CreateDirectory(root);
        SwcWriter.Write(Morphologies.Synthetic(), swc);
        var cache = new KitCache(Path.Combine(root, "cache"));
        var config = new DendriticClusteringConfig(
            ExcitatorySynapseKind.AmpaNmda,
            Clusters: 8,
            SimulationDurationMs: 400,
            DiscardMs: 100,
            Seed: 4,
            Restarts: 2
        );

        var first = DendriticClustering.GetOrBuild(cache, config, swc);
        var entries = cache.List();
        Assert.Single(entries);
        var stamp = File.GetLastWriteTimeUtc(
            Path.Combine(entries[0].Path, DendriticClustering.FileName)
        );
        var second = DendriticClustering.GetOrBuild(cache, config, swc);
        Assert.Equal(first.Assignment, second.Assignment);
        Assert.Equal(
            stamp,
            File.GetLastWriteTimeUtc(Path.Combine(entries[0].Path, DendriticClustering.FileName))
        );
        // The entry is keyed by the whole config and the morphology: both are in its config.json, and another
        // seed is another entry.
        var recorded = File.ReadAllText(Path.Combine(entries[0].Path, "config.json"));
        Assert.Contains("\"MorphologySha256\"", recorded, StringComparison.Ordinal);
        Assert.Contains("\"SimulationDurationMs\": 400", recorded, StringComparison.Ordinal);
        DendriticClustering.GetOrBuild(cache, config with { Seed = 5 }, swc);
        Assert.Equal(2, cache.List().Count);

        var segments = Discretization.Build(Morphologies.Synthetic()).DatasetSegments;
        Assert.Equal(segments.Length, first.Segments);
        Assert.Equal(8, first.Assignment.Distinct().Count());
        // Spatial clusters, against the same cluster sizes dealt out at random: the cluster says much about a
        // segment's tree and its distance from the soma.
        var shuffled = Shuffled(first.Assignment, seed: 8);
        double agree = TreeAgreement(first.Assignment, segments),
            agreeRandom = TreeAgreement(shuffled, segments);
        double explained = DistanceExplained(first.Assignment, segments),
            explainedRandom = DistanceExplained(shuffled, segments);
        output.WriteLine(
            $"tree agreement {agree:F3} (random {agreeRandom:F3}); distance R² {explained:F3} (random {explainedRandom:F3})"
        );
        Assert.True(
            agree > agreeRandom + 0.15,
            $"tree agreement {agree:F3}, random {agreeRandom:F3}"
        );
        Assert.True(explained > 0.5, $"distance R² {explained:F3}, random {explainedRandom:F3}");
    }

    private static int[] Shuffled(IReadOnlyList<int> labels, uint seed)
    {
        var rng = new NumpyRandomState(seed);
        var x = labels.ToArray();
        for (int i = x.Length - 1; i > 0; i--)
        {
            int j = rng.RandInt(i + 1);
            (x[i], x[j]) = (x[j], x[i]);
        }
        return x;
    }

    // Fraction of segments in their cluster's majority tree (basal or apical).
    private static double TreeAgreement(
        IReadOnlyList<int> labels,
        IReadOnlyList<SegmentGeometry> segments
    ) =>
        (double)
            labels
                .Select((c, j) => (c, basal: segments[j].Type == SectionType.Basal))
                .GroupBy(x => x.c)
                .Sum(g => Math.Max(g.Count(x => x.basal), g.Count(x => !x.basal))) / labels.Count;

    // R² of the distance from the soma explained by the cluster label (between-cluster / total variance).
    private static double DistanceExplained(
        IReadOnlyList<int> labels,
        IReadOnlyList<SegmentGeometry> segments
    )
    {
        var d = segments.Select(s => s.DistanceFromSomaCentreUm).ToArray();
        double mean = d.Average();
        double total = d.Sum(v => (v - mean) * (v - mean));
        double within = labels
            .Select((c, j) => (c, v: d[j]))
            .GroupBy(x => x.c)
            .Sum(g =>
            {
                double m = g.Average(x => x.v);
                return g.Sum(x => (x.v - m) * (x.v - m));
            });
        return 1 - within / total;
    }

    [Fact]
    public void Bad_clustering_values_throw_ArgumentException_naming_the_field()
    {
        void Throws(string field, DendriticClusteringConfig c)
        {
            var e = Assert.ThrowsAny<ArgumentException>(c.Validate);
            Assert.Equal(field, e.ParamName);
        }
        var ok = new DendriticClusteringConfig();
        Throws("Clusters", ok with { Clusters = 0 });
        Throws("DiscardMs", ok with { DiscardMs = -1 });
        Throws("SimulationDurationMs", ok with { SimulationDurationMs = 500 });
        Throws("Seed", ok with { Seed = -1 });
        Throws("Restarts", ok with { Restarts = 0 });
        Throws("MaxIterations", ok with { MaxIterations = 0 });
        Assert.Equal(
            "k",
            Assert
                .Throws<ArgumentException>(() =>
                    KMeans.Fit(
                        [
                            [0.0],
                            [1.0],
                        ],
                        3,
                        0
                    )
                )
                .ParamName
        );
    }
}
