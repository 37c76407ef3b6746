using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Kit.Core;

namespace Kit.Neuron.Data;

// The shard runner: which parts of a shard are missing, lane groups spread over worker threads, each part written
// atomically by the worker that finishes its last group, progress and cancellation.
public sealed partial class L5pcDatasetFactory
{
    /// <summary>
    /// Writes the parts of <see cref="L5pcDatasetRunOptions.Shard"/> that are missing in <paramref name="outDir"/>
    /// (creating it and its manifest), verifying the parts already present and copying those that a folder of
    /// <see cref="L5pcDatasetRunOptions.ReuseFrom"/> holds for the same simulations.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A part present is corrupt or belongs to another dataset, or a folder to reuse parts from holds another dataset
    /// or a corrupt part (the message names it).
    /// </exception>
    /// <exception cref="InvalidOperationException">The folder's manifest describes a different dataset.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; every part completed before is kept.</exception>
    public L5pcDatasetRunSummary Run(string outDir, L5pcDatasetRunOptions? options = null)
    {
        options ??= new();
        var ct = options.Cancellation ?? KitCancellation.Token;
        var shard = options.Shard;
        if (options.Threads <= 0)
            throw new ArgumentException($"threads {options.Threads} must be positive");
        var wall = Stopwatch.StartNew();
        outDir = Path.GetFullPath(outDir);
        var donors = Donors(options.ReuseFrom, outDir);
        Directory.CreateDirectory(outDir);
        WriteOrCheckManifest(outDir);

        var owned = Enumerable.Range(0, Config.Parts).Where(shard.Owns).ToArray();
        int staleRemoved = RemoveStaleTempFiles(outDir, owned);
        var pending = new List<int>();
        int complete = 0;
        foreach (int p in owned)
        {
            var path = Path.Combine(outDir, L5pcDatasetConfig.PartFileName(p));
            if (File.Exists(path))
            {
                VerifyPart(path, p);
                complete++;
            }
            else
                pending.Add(p);
        }
        var reused = ReuseParts(outDir, pending, donors, options.PartWritten, ct);
        if (pending.Count == 0)
            return Summary(0, 0);

        // Lane groups, in part order; a part is written by whichever worker finishes its last group.
        var groups = new List<(int Pending, int Slot, int First, int Count)>();
        var slots = new SimulationRecord[pending.Count][];
        var remaining = new int[pending.Count];
        for (int i = 0; i < pending.Count; i++)
        {
            var (first, count) = Config.PartRange(pending[i]);
            slots[i] = new SimulationRecord[count];
            for (int g = 0; g < count; g += Config.Lanes)
            {
                groups.Add((i, g, first + g, Math.Min(Config.Lanes, count - g)));
                remaining[i]++;
            }
        }
        long totalMs = (long)pending.Sum(p => Config.PartRange(p).Count) * Config.DurationMs;
        int written = 0,
            simulationsWritten = 0;
        using var reporter = new ProgressReporter(
            $"simulate l5pc {shard}",
            totalMs,
            options.Progress ?? Progress.DefaultSink()
        );
        reporter.SetDone(0, $"0/{pending.Count} parts");
        try
        {
            Parallel.ForEach(
                Partitioner.Create(groups, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions
                {
                    MaxDegreeOfParallelism = options.Threads,
                    CancellationToken = ct,
                },
                group =>
                {
                    var forward = new LaneGroupProgress(reporter, group.Count, ct);
                    SimulationRecord[] records;
                    using (var inner = new ProgressReporter(reporter.Task, totalMs, forward))
                        records = SimulateLaneGroup(group.First, group.Count, inner);
                    Array.Copy(records, 0, slots[group.Pending], group.Slot, records.Length);
                    if (Interlocked.Decrement(ref remaining[group.Pending]) != 0)
                        return;
                    // Written even when cancellation came meanwhile: finished work is never thrown away.
                    int part = pending[group.Pending];
                    var path = Path.Combine(outDir, L5pcDatasetConfig.PartFileName(part));
                    DatasetFile.Write(
                        path,
                        new SpikeDataset(PartMetadata(part), slots[group.Pending])
                    );
                    Interlocked.Add(ref simulationsWritten, slots[group.Pending].Length);
                    slots[group.Pending] = [];
                    int w = Interlocked.Increment(ref written);
                    reporter.Advance(0, $"{w}/{pending.Count} parts");
                    options.PartWritten?.Invoke(path);
                }
            );
        }
        catch (AggregateException e)
        {
            var inner = e.Flatten().InnerExceptions;
            var first = inner.FirstOrDefault(x => x is not OperationCanceledException);
            if (first != null)
                ExceptionDispatchInfo.Throw(first);
            throw new OperationCanceledException(
                $"cancelled: {written} part(s) written; run the same command again to continue",
                e,
                ct
            );
        }
        catch (OperationCanceledException e)
        {
            throw new OperationCanceledException(
                $"cancelled: {written} part(s) written; run the same command again to continue",
                e,
                ct
            );
        }
        return Summary(written, simulationsWritten);

        L5pcDatasetRunSummary Summary(int partsWritten, int sims) =>
            new(
                outDir,
                shard,
                owned.Length,
                complete,
                partsWritten,
                sims,
                wall.Elapsed,
                Enumerable
                    .Range(0, Config.Parts)
                    .Count(p =>
                        File.Exists(Path.Combine(outDir, L5pcDatasetConfig.PartFileName(p)))
                    ),
                Config.Parts,
                staleRemoved
            )
            {
                PartsReused = reused.Parts,
                SimulationsReused = reused.Simulations,
            };
    }

    /// <summary>
    /// Removes temporary files (<c>.part-NNNNN.npz.*.tmp</c>, left by a write that was killed) of the parts in
    /// <paramref name="owned"/> that are older than <see cref="StaleTempAge"/> (a write in flight, e.g. of a
    /// second process on the same shard, is seconds old).
    /// </summary>
    private static int RemoveStaleTempFiles(string outDir, IEnumerable<int> owned)
    {
        var names = owned.Select(L5pcDatasetConfig.PartFileName).ToHashSet(StringComparer.Ordinal);
        int removed = 0;
        foreach (var tmp in Directory.EnumerateFiles(outDir, ".part-*.tmp"))
        {
            var name = Path.GetFileName(tmp);
            int end = name.IndexOf(".npz.", StringComparison.Ordinal);
            if (end < 0 || !names.Contains(name[1..(end + 4)]))
                continue;
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(tmp) < StaleTempAge)
                continue;
            try
            {
                File.Delete(tmp);
                removed++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>Age after which a part's temporary file is taken for the remains of a killed write.</summary>
    public static TimeSpan StaleTempAge { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Forwards one lane group's simulated ms (× lanes) to the overall reporter and observes cancellation.</summary>
    private sealed class LaneGroupProgress(ProgressReporter outer, int lanes, CancellationToken ct)
        : IProgressSink
    {
        private long last;

        public void Report(ProgressUpdate update)
        {
            ct.ThrowIfCancellationRequested();
            long delta = update.Done - last;
            if (delta <= 0)
                return;
            last = update.Done;
            outer.Advance(delta * lanes);
        }

        public void Complete(ProgressUpdate final) { }
    }
}
