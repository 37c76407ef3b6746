using System.Diagnostics;
using Kit.Core;
using Kit.Figures.L5pcNetwork;
using Kit.Learning;
using Kit.Neuron.Cells;

namespace Kit.Figures.Fig4;

/// <summary>What one call of <see cref="Fig4Experiment.Run"/> did.</summary>
/// <param name="Rows">The rows of the shard's points, sorted (<see cref="SweepTable.Order"/>).</param>
/// <param name="Computed">Points trained (or their training resumed) and evaluated in this call.</param>
/// <param name="Reused">Points whose row came from the cache.</param>
/// <param name="SimulateSeconds">Wall time spent simulating data (0 when figures 2 and 3 had made it).</param>
/// <param name="WallSeconds">Wall time of the call.</param>
public sealed record Fig4Run(
    IReadOnlyList<SweepRow> Rows,
    int Computed,
    int Reused,
    double SimulateSeconds,
    double WallSeconds
);

/// <summary>
/// The complexity sweep (figure 4) as steps: the data of figures 2 and 3 (their cache entries), each point of a
/// shard trained with figure 2/3's training (<see cref="L5pcNetworkExperiment.Train"/>: a cache entry per network,
/// keyed by its full config, resumable) and evaluated with their evaluation, its row cached in an entry of its own
/// (kind <c>l5pc-sweep-point</c>) so a rerun reuses what is done and an interrupted sweep continues with the points
/// it had not finished; the shard's rows written as a table a merge combines.
/// </summary>
public static class Fig4Experiment
{
    /// <summary>Cache kind of a point's row.</summary>
    public const string PointKind = "l5pc-sweep-point";

    // A point's row is named by its training (the training directory's key names the full config and the data), the
    // test data and the evaluation settings; the version names the row's format.
    private sealed record PointKey(
        string Training,
        string Test,
        int DropFirstMs,
        int MaxOutputSpikes,
        int EvalWindowMs,
        int Bootstrap,
        long Seed,
        string Version = "sweep-row-v1"
    );

    /// <summary>The file a shard's rows are written to: <c>sweep-&lt;synapses&gt;-shard-i-of-n.csv</c>.</summary>
    public static string RowsFileName(ExcitatorySynapseKind? synapses, SweepShard shard) =>
        $"sweep-{(synapses is { } s ? SweepPoint.NameOf(s) : "both")}-shard-{shard.Index}-of-{shard.Count}.csv";

    /// <summary>
    /// Trains and evaluates the points of <paramref name="shard"/> (of <paramref name="synapses"/>' points; null:
    /// both types, NMDA first), reusing every point already in the cache, and writes the shard's rows to
    /// <paramref name="rowsDirectory"/> when given (<see cref="RowsFileName"/>). Trainings run side by side, as many
    /// at once as <see cref="Fig4Config.Threads"/> holds <c>TorchThreads</c>.
    /// </summary>
    /// <exception cref="L5pcDataNotFoundException">The reconstruction or the NeuronIO folder is missing.</exception>
    public static Fig4Run Run(
        Fig4Config config,
        ExcitatorySynapseKind? synapses = null,
        SweepShard? shard = null,
        string? rowsDirectory = null,
        bool force = false,
        IProgressSink? progress = null,
        KitCache? cache = null,
        string? root = null
    )
    {
        var clock = Stopwatch.StartNew();
        cache ??= KitCache.Default;
        var part = shard ?? SweepShard.All;
        var points = part.Select(config.Points(synapses));
        var data = new Dictionary<ExcitatorySynapseKind, L5pcNetworkData>();
        foreach (var s in points.Select(p => p.Synapses).Distinct())
            data[s] = L5pcNetworkExperiment.Data(config.Base(s), progress, cache, root);

        int threads = config.Threads > 0 ? config.Threads : TorchSetup.DefaultThreads;
        int torchThreads = Math.Max(
            1,
            Math.Max(config.Nmda.TorchThreads, config.Ampa.TorchThreads)
        );
        int atOnce = Math.Clamp(threads / torchThreads, 1, Math.Max(1, points.Count));
        var rows = new SweepRow[points.Count];
        var computed = new bool[points.Count];
        try
        {
            Parallel.For(
                0,
                points.Count,
                new ParallelOptions
                {
                    MaxDegreeOfParallelism = atOnce,
                    CancellationToken = KitCancellation.Token,
                },
                i =>
                    (rows[i], computed[i]) = Point(
                        config,
                        points[i],
                        data[points[i].Synapses],
                        force,
                        progress,
                        cache
                    )
            );
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first failure as itself (a NaN loss, a cancellation), not wrapped.
            System
                .Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0])
                .Throw();
        }
        var ordered = SweepTable.Order(rows);
        if (rowsDirectory != null)
            SweepTable.Write(Path.Combine(rowsDirectory, RowsFileName(synapses, part)), ordered);
        return new Fig4Run(
            ordered,
            computed.Count(c => c),
            computed.Count(c => !c),
            data.Values.Sum(d => d.SimulateSeconds),
            clock.Elapsed.TotalSeconds
        );
    }

    /// <summary>One point: its cached row, or trained, evaluated and cached now (true).</summary>
    private static (SweepRow Row, bool Computed) Point(
        Fig4Config config,
        SweepPoint point,
        L5pcNetworkData data,
        bool force,
        IProgressSink? progress,
        KitCache cache
    )
    {
        var pc = config.PointConfig(point);
        var key = new PointKey(
            Path.GetFileName(L5pcNetworkExperiment.TrainingDirectory(pc, data, cache: cache)),
            string.Join("|", data.Test.Blocks.Select(b => b.Name)),
            pc.DropFirstMs,
            pc.MaxOutputSpikes,
            pc.EvalWindowMs,
            pc.Bootstrap,
            pc.Seed
        );
        const string file = "row.csv";
        if (!force && cache.Contains(PointKind, key))
        {
            var cached = SweepTable.Read(Path.Combine(cache.EntryPath(PointKind, key), file));
            if (cached.Count == 1 && cached[0].Point == point)
                return (cached[0], false);
        }
        var fit = L5pcNetworkExperiment.Train(
            pc,
            data,
            force: force,
            progress: progress,
            cache: cache
        );
        SweepRow row;
        try
        {
            var e = L5pcNetworkExperiment.Evaluate(pc, fit, data.Test, 0, progress);
            row = SweepRow.Of(point, fit, e);
        }
        finally
        {
            fit.Model.Dispose();
        }
        cache.GetOrBuild(
            PointKind,
            key,
            dir => SweepTable.Write(Path.Combine(dir, file), [row]),
            force: true
        );
        return (row, true);
    }
}
