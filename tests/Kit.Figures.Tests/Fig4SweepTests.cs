using Kit.Core;
using Kit.Figures.Fig2;
using Kit.Figures.Fig3;
using Kit.Figures.Fig4;
using Kit.Figures.L5pcNetwork;
using Kit.Learning.Training;
using Kit.Neuron.Cells;

namespace Kit.Figures.Tests;

/// <summary>
/// Figure 4's sweep: shards partition the grid, a resumed or repeated sweep reuses every cached point, shard files
/// merge into the unsharded table, the depth gain and its paired interval on a hand-made table, and bad input.
/// </summary>
public sealed class Fig4SweepTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("kit-fig4-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private const ExcitatorySynapseKind Nmda = ExcitatorySynapseKind.AmpaNmda;
    private const ExcitatorySynapseKind Ampa = ExcitatorySynapseKind.Ampa;

    [Fact]
    public void TheCourseSweepsDatasetsDifferFromFigures2And3sOnlyInTheirCounts()
    {
        // Then the cache gives the sweep the simulations figures 2 and 3 made (L5pcNetworkExperiment.Data reuses the
        // parts of a cached dataset of another count): figure 3's 320 AMPA training simulations inside the sweep's
        // 512, the 32-simulation test sets inside its 64.
        var sweep = Fig4Config.Course;
        foreach (
            var (mine, figure) in new (L5pcNetworkConfig, L5pcNetworkConfig)[]
            {
                (sweep.Nmda, Fig2Config.Course),
                (sweep.Ampa, Fig3Config.Course),
            }
        )
        foreach (
            var (count, figureCount, seed) in new[]
            {
                (mine.TrainSimulations, figure.TrainSimulations, mine.Seed),
                (mine.ValidSimulations, figure.ValidSimulations, mine.Seed + 1),
                (mine.TestSimulations, figure.TestSimulations, mine.Seed + 2),
            }
        )
            Assert.Equal(
                L5pcNetworkExperiment.SplitDataset(
                    figure,
                    figureCount,
                    figure.Seed + (seed - mine.Seed)
                ) with
                {
                    Simulations = count,
                },
                L5pcNetworkExperiment.SplitDataset(mine, count, seed)
            );
        Assert.Equal(
            (512, 320, 64, 32),
            (
                sweep.Ampa.TrainSimulations,
                Fig3Config.Course.TrainSimulations,
                sweep.Ampa.TestSimulations,
                Fig3Config.Course.TestSimulations
            )
        );
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(24)]
    [InlineData(100)]
    public void ShardsCoverEveryPointExactlyOnce(int n)
    {
        foreach (var cfg in new[] { Fig4Config.Course, Fig4Config.Paper })
        {
            var points = cfg.Points();
            var dealt = Enumerable
                .Range(0, n)
                .SelectMany(i =>
                    new SweepShard(i, n).Select(points).Select(p => (Shard: i, Point: p))
                )
                .ToList();
            Assert.Equal(points.Count, dealt.Count);
            Assert.Equal(points.ToHashSet(), dealt.Select(d => d.Point).ToHashSet());
            Assert.Equal(points.Count, points.Distinct().Count()); // no point listed twice in a grid
            // Point k goes to shard k mod n.
            for (int k = 0; k < points.Count; k++)
                Assert.Equal(k % n, dealt.Single(d => d.Point == points[k]).Shard);
        }
    }

    [Theory]
    [InlineData("3/2", "index 3 must be below the shard count 2")]
    [InlineData("2/2", "index 2 must be below the shard count 2")]
    [InlineData("x", "is not i/n")]
    [InlineData("1/0", "shard count 0 must be at least 1")]
    [InlineData("-1/2", "is not i/n")]
    [InlineData("1/2/3", "is not i/n")]
    [InlineData("", "is not i/n")]
    public void MalformedShardsAreRejectedNamingTheText(string text, string why)
    {
        var e = Assert.Throws<FormatException>(() => SweepShard.Parse(text));
        Assert.Contains($"\"{text}\"", e.Message);
        Assert.Contains(why, e.Message);
        Assert.Equal(new SweepShard(3, 10), SweepShard.Parse("3/10"));
    }

    [Fact]
    public void KernelsSpanTheHistoryAndFigures2And3NetworksAreGridPoints()
    {
        Assert.Equal([54, 17, 17, 17, 18, 18, 18], SweepPoint.KernelsFor(7, 153));
        Assert.Equal([43], SweepPoint.KernelsFor(1, 43));
        for (int depth = 1; depth <= 8; depth++)
            foreach (int t in new[] { 8, 30, 43, 88, 153, 200 })
            {
                var k = SweepPoint.KernelsFor(depth, t);
                Assert.Equal(depth, k.Length);
                Assert.Equal(t, k.Sum(x => x - 1) + 1);
                Assert.All(k, x => Assert.True(x >= 1));
            }
        Assert.Throws<ArgumentException>(() => SweepPoint.KernelsFor(5, 4));

        // The course grid holds figure 2's and figure 3's architectures and schedules, on figure 2's data and 512 AMPA
        // simulations (figure 3's course data until it moved to 320 for its budget); every network trains figure 3's
        // 2000 steps (figure 2's own network 3000).
        var cfg = Fig4Config.Course;
        var nmda = cfg.PointConfig(new SweepPoint(Nmda, 7, 32, 153));
        var ampa = cfg.PointConfig(new SweepPoint(Ampa, 1, 16, 153));
        Assert.Contains(new SweepPoint(Nmda, 7, 32, 153), cfg.NmdaGrid);
        Assert.Contains(new SweepPoint(Ampa, 1, 16, 153), cfg.AmpaGrid);
        // The paper's AMPA network is a grid point too.
        Assert.Contains(new SweepPoint(Ampa, 1, 128, 43), cfg.AmpaGrid);
        // Figure 2's course network without its dendritic head (the sweep compares shapes; its trainings predate
        // the head), on the schedule without the dendritic term.
        Assert.Equal(
            KitCache.Key(Fig2Config.Course.Model with { DendriticHeads = 0 }),
            KitCache.Key(nmda.Model)
        );
        Assert.Equal(0, nmda.Model.DendriticHeads);
        Assert.Equal(KitCache.Key(Fig3Config.Course.Model), KitCache.Key(ampa.Model));
        Assert.Equal(KitCache.Key(L5pcNetworkSchedules.Cpu(2e-3)), KitCache.Key(nmda.Schedule));
        Assert.All(nmda.Schedule.Phases, p => Assert.Equal(0, p.DendWeight));
        Assert.Equal(
            Fig2Config.Course.Schedule.Phases.Select(p => p with { DendWeight = 0 }),
            nmda.Schedule.Phases
        );
        Assert.Equal(
            (Fig2Config.Course.TrainSimulations, Fig2Config.Course.Seed),
            (nmda.TrainSimulations, nmda.Seed)
        );
        Assert.Equal(Fig3Config.Course.TotalSteps, nmda.TotalSteps);
        Assert.Equal(Fig3Config.Course.TotalSteps, ampa.TotalSteps);
        Assert.Equal(Fig3Config.Course.Schedule, ampa.Schedule);
        Assert.Equal(
            (Fig4Config.CourseAmpaTrainSimulations, Fig3Config.Course.Seed),
            (ampa.TrainSimulations, ampa.Seed)
        );
        Assert.Equal(512, Fig4Config.CourseAmpaTrainSimulations);
        Assert.True(Fig3Config.Course.TrainSimulations < Fig4Config.CourseAmpaTrainSimulations);
    }

    /// <summary>Figure 2's smoke preset cut to a few short simulations and two steps; three NMDA networks.</summary>
    private static Fig4Config Tiny() =>
        Fig4Config.Smoke with
        {
            Nmda = Fig2Config.Smoke with
            {
                TrainSimulations = 2,
                ValidSimulations = 1,
                TestSimulations = 1,
                SimulationsPerPart = 1,
                Schedule = TrainingSchedule.Constant(1, 1e-3, 1, 0.02),
                StepsPerRound = 2,
                ValidationWindows = 2,
                Bootstrap = 10,
            },
            NmdaGrid = [new(Nmda, 1, 4, 12), new(Nmda, 2, 4, 12), new(Nmda, 3, 4, 12)],
            AmpaGrid = [],
            Threads = 1,
        };

    private static int Entries(KitCache cache, string kind) =>
        Directory.Exists(Path.Combine(cache.Directory, kind))
            ? Directory.GetDirectories(Path.Combine(cache.Directory, kind)).Length
            : 0;

    [Fact]
    public void AResumedSweepTrainsOnlyWhatIsMissingAndItsShardsMergeIntoTheUnshardedTable()
    {
        var cfg = Tiny();
        var cache = new KitCache(Path.Combine(root, "cache"));
        var shards = Path.Combine(root, "shards");
        Fig4Run Sweep(SweepShard shard, string? rows = null) =>
            Fig4Experiment.Run(cfg, Nmda, shard, rows, cache: cache, root: root);

        // Figure 2 made its data first: the sweep simulates nothing of its own.
        var figure2 = L5pcNetworkExperiment.Data(cfg.Nmda, cache: cache, root: root);
        Assert.False(figure2.FromCache);
        int datasets = Entries(cache, "l5pc-dataset");

        // "Interrupted" after the first of two shards: points 0 and 2 trained.
        var first = Sweep(SweepShard.Parse("0/2"), shards);
        Assert.Equal((2, 0), (first.Computed, first.Reused));
        Assert.Equal(0, first.SimulateSeconds);
        Assert.Equal(datasets, Entries(cache, "l5pc-dataset"));
        Assert.Equal(2, Entries(cache, "l5pc-training"));

        // The whole sweep again: only point 1 is trained.
        var all = Sweep(SweepShard.All);
        Assert.Equal((1, 2), (all.Computed, all.Reused));
        Assert.Equal(3, Entries(cache, "l5pc-training"));
        Assert.Equal(3, Entries(cache, Fig4Experiment.PointKind));
        Assert.All(all.Rows, r => Assert.Equal(2, r.TrainSteps));
        Assert.All(all.Rows, r => Assert.Equal(10, r.AucBootstrap.Length));

        // A rerun trains nothing and gives the same rows.
        var again = Sweep(SweepShard.All, Path.Combine(root, "unsharded"));
        Assert.Equal((0, 3), (again.Computed, again.Reused));
        Assert.Equal(3, Entries(cache, "l5pc-training"));
        Assert.All(all.Rows.Zip(again.Rows), p => Assert.True(p.First.SameAs(p.Second)));
        Assert.Equal(first.Rows.Select(r => r.Point), new[] { cfg.NmdaGrid[0], cfg.NmdaGrid[2] });

        // The second shard's file beside the first's merges into the unsharded table.
        var second = Sweep(SweepShard.Parse("1/2"), shards);
        Assert.Equal((0, 1), (second.Computed, second.Reused));
        Assert.Equal(2, Directory.GetFiles(shards, "*.csv").Length);
        var merged = Path.Combine(root, "merged.csv");
        SweepTable.Write(merged, SweepTable.Merge([shards]));
        Assert.Equal(
            File.ReadAllText(
                Path.Combine(root, "unsharded", Fig4Experiment.RowsFileName(Nmda, SweepShard.All))
            ),
            File.ReadAllText(merged)
        );
    }

    /// <summary>A row with made-up numbers (the replicates: <paramref name="replicates"/>).</summary>
    private static SweepRow Row(
        ExcitatorySynapseKind s,
        int depth,
        int width,
        long parameters,
        double auc,
        double[]? replicates = null,
        int seed = 1,
        int kept = 30
    ) =>
        new(
            new SweepPoint(s, depth, width, 43),
            parameters,
            auc,
            auc - 0.01,
            auc + 0.01,
            0.1,
            1.2,
            60.5,
            2000,
            kept,
            seed,
            replicates ?? [auc, auc, auc]
        );

    [Fact]
    public void MergeOfShardFilesEqualsTheUnshardedTable()
    {
        var rows = new List<SweepRow>();
        int i = 0;
        foreach (var p in Fig4Config.Course.Points())
            rows.Add(
                Row(
                    p.Synapses,
                    p.Depth,
                    p.Width,
                    1000 + i,
                    0.9 + 0.001 * i++,
                    [0.1 * i, double.NaN, 1.0 / 3]
                ) with
                {
                    Point = p,
                }
            );
        var unsharded = Path.Combine(root, "all.csv");
        SweepTable.Write(unsharded, rows);
        var dir = Path.Combine(root, "shards");
        for (int k = 0; k < 5; k++)
            SweepTable.Write(Path.Combine(dir, $"s{k}.csv"), new SweepShard(k, 5).Select(rows));
        // A shard written twice (a rerun, or the notebook's file beside the shards') is kept once.
        File.Copy(Path.Combine(dir, "s3.csv"), Path.Combine(dir, "s3-again.csv"));
        var merged = SweepTable.Merge([dir]);
        var file = Path.Combine(root, "merged.csv");
        SweepTable.Write(file, merged);
        Assert.Equal(File.ReadAllText(unsharded), File.ReadAllText(file));
        Assert.Equal(rows.Count, merged.Count);
        Assert.All(
            SweepTable.Read(unsharded).Zip(merged),
            p => Assert.True(p.First.SameAs(p.Second))
        );
        Assert.Equal(rows.Count, SweepTable.ToDataFrame(merged).Rows.Count);
    }

    [Fact]
    public void MergeRejectsAForeignCsvAndConflictingRowsNamingTheFile()
    {
        var foreign = Path.Combine(root, "foreign.csv");
        File.WriteAllText(foreign, "synapses,depth,width,auc\nnmda,1,64,0.9\n");
        var e = Assert.Throws<InvalidDataException>(() => SweepTable.Merge([foreign]));
        Assert.Contains(foreign, e.Message);
        Assert.Contains("header column 4 is \"auc\", expected \"history_ms\"", e.Message);

        var a = Path.Combine(root, "a.csv");
        var b = Path.Combine(root, "b.csv");
        SweepTable.Write(a, [Row(Nmda, 1, 64, 1000, 0.9)]);
        SweepTable.Write(b, [Row(Nmda, 1, 64, 1000, 0.91)]);
        var c = Assert.Throws<InvalidDataException>(() => SweepTable.Merge([a, b]));
        Assert.Contains(a, c.Message);
        Assert.Contains(b, c.Message);

        var bad = Path.Combine(root, "bad.csv");
        File.WriteAllText(bad, File.ReadAllText(a).Replace(",0.9,", ",zero,"));
        var d = Assert.Throws<InvalidDataException>(() => SweepTable.Read(bad));
        Assert.Contains($"{bad}, line 2, column auc", d.Message);
        Assert.Throws<InvalidDataException>(() =>
            SweepTable.Merge([Path.Combine(root, "missing")])
        );
    }

    [Fact]
    public void DepthGainComparesTheBestDeepNetworkWithItsBestOneLayerPeersPaired()
    {
        SweepRow[] table =
        [
            Row(Nmda, 1, 16, 100_000, 0.90, [0.90, 0.95, 0.90]),
            Row(Nmda, 1, 32, 300_000, 0.93, [0.93, 0.93, 0.93]),
            Row(Nmda, 1, 128, 1_000_000, 0.99, [0.99, 0.99, 0.99]), // beyond a factor 2 of every deep network
            Row(Nmda, 2, 32, 150_000, 0.995, [0.995, 0.995, 0.995]), // depth 2 is not deep
            Row(Nmda, 3, 16, 150_000, 0.96, [0.95, 0.96, 0.97]),
            Row(Nmda, 7, 64, 5_000_000, 0.999, [0.999, 0.999, 0.999]), // no one-layer peer
            Row(Ampa, 3, 16, 150_000, 0.5, [0.5, 0.5, 0.5]), // another synapse type
        ];
        var g = DepthGain.Of(table, Nmda);
        Assert.Equal(0.96 - 0.93, g.Gain, 12);
        Assert.Equal("nmda 3x16 T43", g.Deep);
        Assert.Equal("nmda 1x32 T43", g.Shallow);
        Assert.Equal((150_000, 300_000), (g.DeepParameters, g.ShallowParameters));
        Assert.Equal((0.96, 0.93), (g.DeepAuc, g.ShallowAuc));
        // Depth removed 0.03 of the one-layer network's 0.07 shortfall.
        Assert.Equal(0.03 / 0.07, g.ErrorReduction, 12);
        Assert.Null(g.Note);
        // Replicate gains: 0.95 - 0.93, 0.96 - 0.95 (the 16-unit network is the best peer there), 0.97 - 0.93;
        // 95 % percentiles of [0.01, 0.02, 0.04], interpolated as numpy's.
        Assert.Equal(0.01 + 0.05 * 0.01, g.Ci[0], 12);
        Assert.Equal(0.02 + 0.95 * 0.02, g.Ci[1], 12);

        // Networks evaluated with different bootstrap draws cannot be paired: no interval, and it says why.
        var unpaired = DepthGain.Of([table[0], table[4] with { BootstrapSeed = 2 }], Nmda);
        Assert.Equal(0.06, unpaired.Gain, 12);
        Assert.True(double.IsNaN(unpaired.Ci[0]));
        Assert.Contains("cannot be paired", unpaired.Note);

        var none = DepthGain.Of([table[2], table[5]], Nmda);
        Assert.True(double.IsNaN(none.Gain));
        Assert.Contains("within a factor 2", none.Note);

        // Fewest layers first, then fewest parameters.
        Assert.Equal(
            new SweepPoint(Nmda, 1, 128, 43),
            DepthGain.MinimalPassing(table, Nmda, 0.95)!.Point
        );
        Assert.Equal(
            new SweepPoint(Nmda, 2, 32, 43),
            DepthGain.MinimalPassing(table, Nmda, 0.991)!.Point
        );
        Assert.Equal(
            new SweepPoint(Nmda, 1, 16, 43),
            DepthGain.MinimalPassing(table, Nmda, 0.9)!.Point
        );
        Assert.Null(DepthGain.MinimalPassing(table, Nmda, 0.9995));
        Assert.Null(DepthGain.MinimalPassing(table, Ampa, 0.9));

        var metrics = Fig4Metrics.Of(
            Fig4Config.Course,
            table,
            new Fig4Run(table, 0, table.Length, 0, 1)
        );
        Assert.Equal(g.Gain, metrics.NmdaDepthGain!.Gain);
        Assert.True(double.IsNaN(metrics.AmpaDepthGain!.Gain)); // the AMPA network has no one-layer peer
        Assert.False(metrics.NmdaGainExceedsAmpa);
        Assert.Equal(new MinimalPassingDepth(1, null), metrics.MinimalPassingDepth); // course threshold 0.945
        // The default ladder 0.95 ... 0.99: the one-layer 1 x 128 (0.99) passes all of it; above 0.99 the 2 x 32 is the
        // shallowest to pass, above 0.999 none; the AMPA network (0.5) never passes.
        Assert.Equal(
            [
                new PassingDepthAt(0.95, 1, null),
                new PassingDepthAt(0.96, 1, null),
                new PassingDepthAt(0.97, 1, null),
                new PassingDepthAt(0.98, 1, null),
                new PassingDepthAt(0.99, 1, null),
            ],
            metrics.MinimalPassingDepthByThreshold
        );
        Assert.Equal(
            [new PassingDepthAt(0.995, 2, null), new PassingDepthAt(0.9995, null, null)],
            Fig4Metrics
                .Of(
                    Fig4Config.Course with
                    {
                        ThresholdLadder = [0.995, 0.9995],
                    },
                    table,
                    new Fig4Run(table, 0, table.Length, 0, 1)
                )
                .MinimalPassingDepthByThreshold
        );
        var json = metrics.ToJson();
        Assert.Contains("\"nmda_depth_gain\"", json);
        Assert.Contains("\"error_reduction\"", json);
        Assert.Contains("\"minimal_passing_depth_by_threshold\"", json);
    }
}
