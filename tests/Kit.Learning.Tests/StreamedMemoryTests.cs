using Kit.Core;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Xunit.Abstractions;

namespace Kit.Learning.Tests;

/// <summary>Tests that measure the process's managed memory: run alone, never beside other tests.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

[Collection(nameof(MemoryMeasurements))]
public sealed class StreamedMemoryTests(ITestOutputHelper output) : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"nk-memory-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrainingOnPartFilesHoldsNoMoreThanTheBudget(bool prefetch)
    {
        // 16 part files of 8 simulations (100 channels x 1 s, a quarter of the bins spiking): ~26 MB resident,
        // against a 6 MiB budget.
        var files = PartFileSource.Write(dir, 16, 8, 100, 1000, 0.25, 3, out long datasetBytes);
        var source = new PartFileSource(files, 100);
        const long budget = 6L << 20;
        Assert.True(
            datasetBytes > 4 * budget,
            $"the dataset ({datasetBytes} bytes) should dwarf the budget"
        );

        var net = new CausalNetConfig(
            100,
            [10],
            [1],
            false,
            Activation.Linear,
            0.1,
            0,
            0.5,
            -2,
            0.5
        );
        using var model = CausalNet.Build(net, seed: 1);
        var cfg = new TrainerConfig(
            new TrainingSchedule([new Phase(16, 0.01, 1, 0.05)]),
            TargetTransform.L5pc,
            100,
            4,
            WindowSampling.UniformEnds,
            StepsPerRound: 1,
            MinWindowEndMs: 100,
            ValidationFraction: 0.1,
            Seed: 3,
            Threads: 1,
            ResidentBytes: budget,
            PrefetchWorkingSet: prefetch
        );

        long before = GC.GetTotalMemory(true);
        long peak = before;
        var gate = new Lock(); // a prefetch samples from its own thread
        void Sample()
        {
            long now = GC.GetTotalMemory(true);
            lock (gate)
                peak = Math.Max(peak, now);
        }
        source.AfterRead = Sample; // after each block is decoded and handed over: the high-water mark
        var fit = Trainer.Fit(model, source, null, cfg, new Sampler(Sample));
        long after = GC.GetTotalMemory(true);

        output.WriteLine(
            $"prefetch {prefetch}: dataset {datasetBytes:N0} B, budget {budget:N0} B, peak resident {fit.PeakResidentBytes:N0} B, "
                + $"managed growth: peak {peak - before:N0} B, after {after - before:N0} B; "
                + $"{fit.WorkingSets.Count} working sets of {string.Join("/", fit.WorkingSets.Select(s => s.Blocks.Count))} blocks, "
                + $"mean read {fit.WorkingSets.Average(s => s.LoadSeconds):0.000} s"
        );
        // (a) the trainer's own count stays within the budget;
        Assert.InRange(fit.PeakResidentBytes, budget / 2, budget);
        // (b) every training block (the last 2 of 16 are held out) was trained on (sets of 2 blocks, or 1 when
        // prefetching halves the room);
        Assert.All(fit.WorkingSets, s => Assert.Equal(prefetch ? 1 : 2, s.Blocks.Count));
        Assert.Equal(
            files.Take(14).ToHashSet(),
            fit.WorkingSets.SelectMany(s => s.Blocks).ToHashSet()
        );
        Assert.All(fit.ValidationBlocks, b => Assert.Contains(b, files.Skip(14)));
        // (c) the process's managed memory grows by about the budget (plus the block being decoded), not the
        // dataset (measured: 6.6 MB; 13 MB when the trainer's frame kept the previous working set alive).
        Assert.True(peak - before < budget * 3 / 2, $"managed memory grew by {peak - before:N0} B");
        Assert.True(after - before < budget / 4, $"{after - before:N0} B still held after the fit");
    }

    private sealed class Sampler(Action sample) : IProgressSink
    {
        public void Report(ProgressUpdate update) => sample();

        public void Complete(ProgressUpdate final) { }
    }
}
