using Kit.Core;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>Training from an <see cref="ISimulationSource"/>: the memory bound, working sets, determinism, devices.</summary>
public sealed class StreamedTrainingTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"nk-stream-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(dir))
            Directory.Delete(dir, recursive: true);
    }

    private static readonly CausalNetConfig Linear = new(
        10,
        [40],
        [1],
        false,
        Activation.Linear,
        0.1,
        0.0,
        0.5,
        -2,
        0.5
    );

    private static TrainerConfig Config(int rounds, int? stepsPerRound = null) =>
        new(
            new TrainingSchedule([new Phase(rounds, 0.01, 1, 0.05)]),
            TargetTransform.IntegrateAndFire,
            200,
            4,
            stepsPerRound == null ? WindowSampling.OnePerSimulation : WindowSampling.UniformEnds,
            StepsPerRound: stepsPerRound,
            MinWindowEndMs: 200,
            Seed: 5,
            Threads: 1,
            CheckpointEverySteps: 3
        );

    private static void AssertSameFit(FitResult a, FitResult b, CausalNet netA, CausalNet netB)
    {
        Assert.Equal(a.Steps, b.Steps);
        Assert.Equal(a.Target.Offset, b.Target.Offset);
        Assert.Equal(a.History.Select(h => h.TrainLoss), b.History.Select(h => h.TrainLoss));
        Assert.Equal(a.History.Select(h => h.ValidLoss), b.History.Select(h => h.ValidLoss));
        foreach (var (name, p) in netA.named_parameters())
        {
            var q = netB.named_parameters().Single(x => x.name == name).parameter;
            Assert.True(p.eq(q).all().item<bool>(), $"{name} differs");
        }
    }

    [Fact]
    public void AListAndTheSameDataAsResidentBlocksTrainBitForBitAlike()
    {
        var train = Synthetic.Set(12, 11);
        var valid = Synthetic.Set(4, 12);
        var cfg = Config(4);
        using var netList = CausalNet.Build(Linear, seed: 1);
        var list = Trainer.Fit(netList, train, valid, cfg, Progress.None);

        using var netSource = CausalNet.Build(Linear, seed: 1);
        var source = Trainer.Fit(
            netSource,
            new InMemorySource(train),
            new InMemorySource(valid),
            cfg,
            Progress.None
        );
        AssertSameFit(list, source, netList, netSource);

        // The same simulations as three blocks of four, all within the budget: one resident working set.
        var blocks = new BlockListSource([
            train.GetRange(0, 4),
            train.GetRange(4, 4),
            train.GetRange(8, 4),
        ]);
        using var netBlocks = CausalNet.Build(Linear, seed: 1);
        var fromBlocks = Trainer.Fit(
            netBlocks,
            blocks,
            new InMemorySource(valid),
            cfg,
            Progress.None
        );
        AssertSameFit(list, fromBlocks, netList, netBlocks);
        var set = Assert.Single(fromBlocks.WorkingSets);
        Assert.True(set.AllResident);
        Assert.Equal(3, set.Blocks.Count);
        Assert.Equal(new[] { 0, 1, 2 }, blocks.Reads.Order()); // loaded once, never reloaded over 4 rounds
        Assert.Equal(
            train.Sum(InMemorySource.ResidentBytes) + valid.Sum(InMemorySource.ResidentBytes),
            fromBlocks.PeakResidentBytes
        );
    }

    [Fact]
    public void DeviceCpuTrainsAsBefore()
    {
        var train = Synthetic.Set(8, 13);
        using var plain = CausalNet.Build(Linear, seed: 2);
        var a = Trainer.Fit(
            plain,
            train,
            null,
            Config(3) with
            {
                ValidationFraction = 0.25,
            },
            Progress.None
        );
        using var onCpu = CausalNet.Build(Linear, seed: 2);
        var b = Trainer.Fit(
            onCpu,
            train,
            null,
            Config(3) with
            {
                ValidationFraction = 0.25,
                Device = DeviceSetting.Cpu,
            },
            Progress.None
        );
        AssertSameFit(a, b, plain, onCpu);
        Assert.Equal(TorchSharp.DeviceType.CPU, onCpu.parameters().First().device_type);
    }

    [SkippableFact]
    public void CudaWithoutAGpuFailsBeforeReadingData()
    {
        Skip.If(DeviceSetting.CudaAvailable(), "this machine has a GPU");
        var source = BlockListSource.Synthetic(3, 2, 14);
        using var net = CausalNet.Build(Linear, seed: 2);
        Assert.Throws<DeviceUnavailableException>(() =>
            Trainer.Fit(
                net,
                source,
                null,
                Config(1, 1) with
                {
                    Device = DeviceSetting.Cuda,
                },
                Progress.None
            )
        );
        Assert.Empty(source.Reads);
    }

    [Fact]
    public void WorkingSetsRotateThroughEveryBlockWithinTheBudget()
    {
        // 10 blocks of 4 simulations; 2 held out for validation; the budget holds about 3 blocks.
        var source = BlockListSource.Synthetic(10, 4, 21);
        long block = source.Blocks.Max(b => b.SizeBytes);
        var cfg = Config(8, stepsPerRound: 2) with
        {
            ResidentBytes = 3 * block + block / 2,
            ValidationFraction = 0.2,
        };
        using var net = CausalNet.Build(Linear, seed: 3);
        var fit = Trainer.Fit(net, source, null, cfg, Progress.None);

        Assert.True(
            fit.PeakResidentBytes <= cfg.ResidentBytes,
            $"peak {fit.PeakResidentBytes} > {cfg.ResidentBytes}"
        );
        // Blocks 8 and 9 are held out; the validation share (a quarter of the budget) holds one of them.
        var validBlock = Assert.Single(fit.ValidationBlocks);
        Assert.Contains(validBlock, new[] { "lists/block-8", "lists/block-9" });
        Assert.Equal(8, fit.WorkingSets.Count); // one per round
        Assert.Equal(Enumerable.Range(0, 8), fit.WorkingSets.Select(s => s.Index));
        Assert.All(fit.WorkingSets, s => Assert.False(s.AllResident));
        Assert.All(fit.WorkingSets, s => Assert.Equal(2, s.Blocks.Count));
        var visited = fit.WorkingSets.SelectMany(s => s.Blocks).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"lists/block-{i}").ToHashSet(), visited);
        Assert.DoesNotContain("lists/block-9", visited);
        Assert.DoesNotContain("lists/block-8", visited);
        Assert.Equal(16, fit.Steps);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AResumedStreamedFitSeesTheSameWorkingSetsAndWindows(bool prefetch)
    {
        var source = BlockListSource.Synthetic(8, 4, 31);
        var valid = BlockListSource.Synthetic(1, 4, 32, "valid");
        long block = source.Blocks.Max(b => b.SizeBytes);
        var cfg = Config(6, stepsPerRound: 2) with
        {
            ResidentBytes =
                valid.Blocks[0].SizeBytes + (prefetch ? 2 : 1) * (2 * block + block / 2),
            WorkingSetRounds = 2,
            PrefetchWorkingSet = prefetch,
            Target = TargetTransform.IntegrateAndFire, // a null offset: resolved by a pass over every block
        };
        using var straightNet = CausalNet.Build(Linear, seed: 4);
        var straight = Trainer.Fit(
            straightNet,
            source,
            valid,
            cfg with
            {
                CheckpointDirectory = dir + "-a",
            },
            Progress.None
        );
        Assert.True(straight.PeakResidentBytes <= cfg.ResidentBytes);
        Assert.Equal([0, 1, 2], straight.WorkingSets.Select(s => s.Index));
        Assert.All(straight.WorkingSets, s => Assert.Equal(2, s.Blocks.Count));

        // Stop after step 5: round 2, the second working set; resume into a fresh network.
        using var cts = new CancellationTokenSource();
        using var first = CausalNet.Build(Linear, seed: 4);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Trainer.Fit(
                first,
                source,
                valid,
                cfg with
                {
                    CheckpointDirectory = dir,
                },
                new StopAfter(5, cts),
                cts.Token
            )
        );
        using var second = CausalNet.Build(Linear, seed: 98);
        var resumed = Trainer.Fit(
            second,
            source,
            valid,
            cfg with
            {
                CheckpointDirectory = dir,
            },
            Progress.None
        );
        Assert.Equal(straight.Steps, resumed.Steps);
        Assert.Equal(straight.Target.Offset, resumed.Target.Offset);
        Assert.Equal(
            straight.History.Select(h => h.ValidLoss),
            resumed.History.Select(h => h.ValidLoss)
        );
        Assert.Equal(
            straight.History.Select(h => h.TrainLoss),
            resumed.History.Select(h => h.TrainLoss)
        );
        Assert.Equal(
            straight.WorkingSets.Skip(1).Select(s => (s.Index, string.Join(",", s.Blocks))),
            resumed.WorkingSets.Select(s => (s.Index, string.Join(",", s.Blocks)))
        );
        Assert.Equal(2, resumed.WorkingSets[0].FirstRound);
        foreach (var (name, p) in straightNet.named_parameters())
        {
            var q = second.named_parameters().Single(x => x.name == name).parameter;
            Assert.True(p.allclose(q, 1e-6, 1e-7), $"{name} differs after resume");
        }
        Directory.Delete(dir + "-a", true);
    }

    [Fact]
    public void PrefetchingLoadsTheSameSetsAsLoadingInTurn()
    {
        var source = BlockListSource.Synthetic(8, 4, 35);
        var valid = BlockListSource.Synthetic(1, 4, 36, "valid");
        long block = source.Blocks.Max(b => b.SizeBytes);
        long room = 2 * block + block / 2; // two blocks per working set
        var cfg = Config(6, stepsPerRound: 2) with
        {
            ResidentBytes = valid.Blocks[0].SizeBytes + room,
        };
        using var inTurnNet = CausalNet.Build(Linear, seed: 4);
        var inTurn = Trainer.Fit(inTurnNet, source, valid, cfg, Progress.None);
        using var prefetchNet = CausalNet.Build(Linear, seed: 4);
        var prefetched = Trainer.Fit(
            prefetchNet,
            source,
            valid,
            cfg with
            {
                ResidentBytes = cfg.ResidentBytes + room,
                PrefetchWorkingSet = true,
            },
            Progress.None
        );
        AssertSameFit(inTurn, prefetched, inTurnNet, prefetchNet);
        Assert.Equal(
            inTurn.WorkingSets.Select(s => string.Join(",", s.Blocks)),
            prefetched.WorkingSets.Select(s => string.Join(",", s.Blocks))
        );
        // Two sets resident at once while the next one loads, never more than the budget.
        Assert.InRange(
            prefetched.PeakResidentBytes,
            inTurn.PeakResidentBytes + 1,
            cfg.ResidentBytes + room
        );
    }

    [Fact]
    public void TheVoltageOffsetOfAStreamedSetIsTheMeanOverEveryTrainingBlock()
    {
        var source = BlockListSource.Synthetic(6, 3, 41);
        long block = source.Blocks.Max(b => b.SizeBytes);
        var cfg = Config(1, stepsPerRound: 1) with
        {
            ResidentBytes = 3 * block,
            ValidationFraction = 0.2,
        };
        using var net = CausalNet.Build(Linear, seed: 5);
        var fit = Trainer.Fit(net, source, null, cfg, Progress.None);
        Assert.False(fit.WorkingSets[0].AllResident);
        var training = Enumerable
            .Range(0, 5)
            .SelectMany(b => Synthetic.Set(3, 41 * 100 + b))
            .ToList();
        Assert.Equal(TargetTransform.IntegrateAndFire.Resolve(training).Offset, fit.Target.Offset);
    }

    [Fact]
    public void ABlockLargerThanTheBudgetIsAnErrorNamingItAndTheBudget()
    {
        var source = BlockListSource.Synthetic(4, 4, 51, "big");
        var valid = BlockListSource.Synthetic(1, 1, 52, "small");
        long block = source.Blocks.Max(b => b.SizeBytes);
        long budget = valid.Blocks[0].SizeBytes + block / 2;
        using var net = CausalNet.Build(Linear, seed: 6);
        var e = Assert.Throws<InvalidOperationException>(() =>
            Trainer.Fit(
                net,
                source,
                valid,
                Config(1, 1) with
                {
                    ResidentBytes = budget,
                },
                Progress.None
            )
        );
        Assert.Contains("big/block-", e.Message);
        Assert.Contains(
            budget.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            e.Message
        );
        Assert.Contains("ResidentBytes", e.Message);

        // One block, split for validation, larger than the budget.
        var single = BlockListSource.Synthetic(1, 8, 53, "one");
        var e2 = Assert.Throws<InvalidOperationException>(() =>
            Trainer.Fit(net, single, null, Config(1) with { ResidentBytes = 1000 }, Progress.None)
        );
        Assert.Contains("one/block-0", e2.Message);
        Assert.Contains("1,000 bytes", e2.Message);
    }

    [Fact]
    public void BadDataInABlockNamesTheBlock()
    {
        var blocks = Enumerable
            .Range(0, 4)
            .Select(b => (IReadOnlyList<SimulationRecord>)Synthetic.Set(3, 60 + b))
            .ToArray();
        var source = new BlockListSource(blocks, "flaky", failAt: 2);
        using var net = CausalNet.Build(Linear, seed: 7);
        var e = Assert.Throws<InvalidDataException>(() =>
            Trainer.Fit(
                net,
                source,
                null,
                Config(2, 1) with
                {
                    ValidationFraction = 0.25,
                },
                Progress.None
            )
        );
        Assert.Contains("flaky/block-2", e.Message);
        Assert.Contains("soma voltage array truncated", e.Message);
        Assert.IsType<FormatException>(e.InnerException);

        // A truncated part file: the reader's own message names the file, kept as it is.
        var files = PartFileSource.Write(dir, 3, 2, 10, 600, 0.02, 1, out _);
        var bytes = File.ReadAllBytes(files[1]);
        File.WriteAllBytes(files[1], bytes[..(bytes.Length / 2)]);
        var e2 = Assert.Throws<InvalidDataException>(() =>
            Trainer.Fit(
                net,
                new PartFileSource(files, 10),
                null,
                Config(1, 1) with
                {
                    ValidationFraction = 0.3,
                },
                Progress.None
            )
        );
        Assert.Contains(files[1], e2.Message);
    }

    [Fact]
    public void HoldingOutMoreBlocksThanThereAreIsAnError()
    {
        var source = BlockListSource.Synthetic(2, 2, 71);
        using var net = CausalNet.Build(Linear, seed: 8);
        var e = Assert.Throws<ArgumentException>(() =>
            Trainer.Fit(
                net,
                source,
                null,
                Config(1, 1) with
                {
                    ValidationFraction = 0.8,
                },
                Progress.None
            )
        );
        Assert.Contains("cannot hold out 2 validation blocks from the 2", e.Message);
    }

    /// <summary>Cancels after a number of reported steps.</summary>
    private sealed class StopAfter(long steps, CancellationTokenSource cts) : IProgressSink
    {
        public void Report(ProgressUpdate update)
        {
            if (update.Task.StartsWith("train", StringComparison.Ordinal) && update.Done >= steps)
                cts.Cancel();
        }

        public void Complete(ProgressUpdate final) { }
    }
}
