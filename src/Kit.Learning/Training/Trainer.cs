using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Kit.Core;
using Kit.Learning.Models;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kit.Learning.Training;

/// <summary>
/// Fits a <see cref="CausalNet"/> with the paper's recipe (docs/training-and-evaluation.md): weighted
/// BCE-with-logits on output spikes plus weighted MSE on the voltage target (plus the model's L2), Nadam, a phase
/// schedule, validation after every round, best-by-validation weights kept, checkpoints that let an interrupted
/// fit resume.
/// </summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> on simulations already in memory: <see cref="Fit(CausalNet, ISimulationSource, ISimulationSource?, TrainerConfig, IProgressSink?, CancellationToken?)"/>
    /// over one in-memory block each (so <see cref="TrainerConfig.ResidentBytes"/> is raised to what the lists hold
    /// when smaller, and nothing is prefetched). With <paramref name="valid"/> null or empty the last
    /// <see cref="TrainerConfig.ValidationFraction"/> of <paramref name="train"/> is held out.
    /// </summary>
    /// <param name="model">Network to train (training mode is restored on return).</param>
    /// <param name="train">Training simulations.</param>
    /// <param name="valid">Validation simulations; null = the last <see cref="TrainerConfig.ValidationFraction"/> of <paramref name="train"/>.</param>
    /// <param name="config">Trainer settings.</param>
    /// <param name="progress">Progress sink (default: <see cref="Progress.DefaultSink"/>).</param>
    /// <param name="cancellation">Explicit token; default <see cref="KitCancellation.Token"/>.</param>
    public static FitResult Fit(
        CausalNet model,
        IReadOnlyList<SimulationRecord> train,
        IReadOnlyList<SimulationRecord>? valid,
        TrainerConfig config,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null
    )
    {
        if (train.Count == 0)
            throw new ArgumentException("the training set is empty");
        var trainSource = new InMemorySource(train, "training simulations");
        var validSource = valid is { Count: > 0 }
            ? new InMemorySource(valid, "validation simulations")
            : null;
        // The lists are in memory already: a smaller budget could only refuse them.
        long held = trainSource.Blocks[0].SizeBytes + (validSource?.Blocks[0].SizeBytes ?? 0);
        var inMemory = config with
        {
            ResidentBytes = Math.Max(config.ResidentBytes, held),
            PrefetchWorkingSet = false,
        };
        return Fit(model, trainSource, validSource, inMemory, progress, cancellation);
    }

    /// <summary>
    /// Trains <paramref name="model"/> in place and returns it holding the best weights by validation loss (weighted
    /// as the schedule's last phase weighs its loss, in every round, so that rounds compare), reading
    /// the simulations from <paramref name="train"/> a block at a time and holding at most
    /// <see cref="TrainerConfig.ResidentBytes"/> of them (docs/training-and-evaluation.md, "Streamed training").
    /// When the training set fits the budget it is loaded once; otherwise training runs on working sets of whole
    /// blocks, drawn in a seeded order and replaced every <see cref="TrainerConfig.WorkingSetRounds"/> rounds, and
    /// each round's windows are drawn from the simulations resident in that round. The validation set is chosen
    /// once. Windows and working sets are functions of (seed, round) and the data, so a resumed fit sees what an
    /// uninterrupted one sees.
    /// When <see cref="TrainerConfig.CheckpointDirectory"/> holds a checkpoint of an earlier call, training
    /// continues from its step (same data, config and seed are the caller's responsibility; the architecture is
    /// checked). Cancellation (<paramref name="cancellation"/>, else <see cref="KitCancellation.Token"/>) stops
    /// before the next batch, writes a checkpoint and throws <see cref="OperationCanceledException"/>.
    /// Data with another channel count than the network's throw <see cref="ArgumentException"/> before anything is read.
    /// A non-finite loss throws <see cref="NonFiniteLossException"/> without writing any checkpoint. A block too
    /// large for the budget throws <see cref="InvalidOperationException"/> naming it and the budget; an error
    /// reading a block throws <see cref="InvalidDataException"/> naming the block.
    /// The model is moved to <see cref="TrainerConfig.Device"/> (null: the CPU) and stays there; <c>cuda</c> without a GPU
    /// throws <see cref="DeviceUnavailableException"/> before any data are read.
    /// </summary>
    /// <param name="model">Network to train (training mode is restored on return).</param>
    /// <param name="train">Training simulations.</param>
    /// <param name="valid">
    /// Validation simulations; null = held out of <paramref name="train"/>: its last
    /// <see cref="TrainerConfig.ValidationFraction"/> of blocks, or of simulations when it has one block.
    /// </param>
    /// <param name="config">Trainer settings.</param>
    /// <param name="progress">Progress sink (default: <see cref="Progress.DefaultSink"/>).</param>
    /// <param name="cancellation">Explicit token; default <see cref="KitCancellation.Token"/>.</param>
    public static FitResult Fit(
        CausalNet model,
        ISimulationSource train,
        ISimulationSource? valid,
        TrainerConfig config,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null
    )
    {
        TorchSetup.Configure(config.Threads);
        var token = cancellation ?? KitCancellation.Token;
        if (config.StepsPerRound is <= 0)
            throw new ArgumentException(
                $"StepsPerRound must be positive, got {config.StepsPerRound}"
            );
        if (config.StepsPerRound == null && config.Sampling != WindowSampling.OnePerSimulation)
            throw new ArgumentException("StepsPerRound is required with UniformEnds sampling");
        if (config.VoltageWeightScaleMv is double scale && !(scale > 0 && double.IsFinite(scale)))
            throw new ArgumentException(
                $"VoltageWeightScaleMv must be positive and finite, got {scale}"
            );
        if (config.VoltageSlopeWeight is double slope && !(slope >= 0 && double.IsFinite(slope)))
            throw new ArgumentException(
                $"VoltageSlopeWeight must be non-negative and finite, got {slope}"
            );
        if (model.Config.DendriticHeads > 0 && config.DendriticTarget == null)
            throw new ArgumentException(
                $"the network has a dendritic head ({model.Config.DendriticHeads} outputs) and the trainer no target for it: "
                    + "set TrainerConfig.DendriticTarget (e.g. TargetTransform.L5pcNexus) or build the network with DendriticHeads = 0"
            );
        foreach (var phase in config.Schedule.Phases)
            if (!(phase.DendWeight >= 0 && double.IsFinite(phase.DendWeight)))
                throw new ArgumentException(
                    $"a phase's DendWeight must be non-negative and finite, got {phase.DendWeight}"
                );
        if (config.DendriticTarget != null && model.Config.DendriticHeads != 1)
            throw new ArgumentException(
                $"the dendritic target is one recorded site (the nexus) and the network has {model.Config.DendriticHeads} dendritic outputs: "
                    + "build it with DendriticHeads = 1"
            );
        foreach (var source in valid is null ? [train] : new[] { train, valid })
            if (source.Channels != model.Config.Channels)
                throw new ArgumentException(
                    $"{source.Name} has {source.Channels} input channels and the network takes {model.Config.Channels}: "
                        + "build the network with Channels = the data's channel count"
                );
        // Null is the CPU: a model handed over on a GPU comes back to the CPU, where the batches are built.
        var device = config.Device?.Resolve() ?? CPU;
        bool onDevice = device.type != DeviceType.CPU;
        model.to(device);

        var dir = config.CheckpointDirectory;
        var state = dir != null ? TrainingCheckpoint.TryLoadState(dir) : null;
        int totalRounds = config.Schedule.TotalRounds;
        int lastSet = (totalRounds - 1) / config.WorkingSetRounds;

        // Lists already in memory load silently; a source on disk reports each load.
        bool quiet = train is InMemorySource && valid is null or InMemorySource;
        using var loadReporter = quiet
            ? null
            : new ProgressReporter("load training data", 0, progress);
        void ReportLoad(string text) => loadReporter?.Advance(1, text);

        using var data = TrainingData.Open(train, valid, config, ReportLoad);
        int firstSet = 0;
        if (state != null && config.StepsPerRound is { } fixedSteps)
            firstSet =
                (int)Math.Min(state.Step / fixedSteps, Math.Max(0, totalRounds - 1))
                / config.WorkingSetRounds;
        var loadClock = Stopwatch.StartNew();
        var sets = data.OpenTraining(firstSet, state?.WorkingSet);
        double firstLoad = loadClock.Elapsed.TotalSeconds;
        int stepsPerRound = StepsPerRound(config, sets.Count, sets.AllResident);
        long totalSteps = (long)stepsPerRound * totalRounds;
        var loads = new List<WorkingSetLoad>();
        var target =
            state == null
                ? data.ResolveTarget(config.Target, ReportLoad)
                : config.Target with
                {
                    OffsetMv = state.TargetOffsetMv,
                };
        var validWindows = ValidationWindows(data.Valid, config);

        var phases = config.Schedule.Phases;
        using var optimizer = new Nadam(model.parameters(), phases[0].LearningRate);
        long step = 0;
        double roundLossSum = 0;
        int roundLossCount = 0;
        long bestStep = -1;
        double bestValid = double.PositiveInfinity;
        double previousSeconds = 0;
        var history = new List<HistoryEntry>();
        Dictionary<string, Tensor>? best = null;

        if (dir != null && state != null)
        {
            var statePath = Path.Combine(dir, TrainingCheckpoint.StateFile);
            if (state.ArchitectureJson != TrainingCheckpoint.ArchitectureJson(model.Config))
                throw new CheckpointException(
                    statePath,
                    "it was written for a different network architecture"
                );
            if (state.Step > totalSteps)
                throw new CheckpointException(
                    statePath,
                    $"it is at step {state.Step}, past this schedule's {totalSteps} steps"
                );
            TrainingCheckpoint.LoadModel(Path.Combine(dir, state.ModelFile), model);
            TrainingCheckpoint.LoadOptimizer(Path.Combine(dir, state.OptimizerFile), optimizer);
            step = state.Step;
            roundLossSum = state.RoundLossSum;
            roundLossCount = state.RoundLossCount;
            bestStep = state.BestStep;
            bestValid = state.BestValidLoss;
            previousSeconds = state.TrainSeconds;
            history.AddRange(state.History);
            if (bestStep >= 0)
            {
                using var bestNet = CausalNet.Build(model.Config);
                TrainingCheckpoint.LoadModel(
                    Path.Combine(dir, TrainingCheckpoint.BestFile),
                    bestNet
                );
                best = Snapshot(bestNet);
            }
        }

        var sampler = NewSampler(sets, config);
        loads.Add(sets.Describe((int)(step / stepsPerRound), firstLoad));
        string SetNote() =>
            sets.AllResident
                ? ""
                : string.Create(
                    CultureInfo.InvariantCulture,
                    $", working set {sets.Index} ({loads[^1].Blocks.Count} blocks, {sets.Bytes / 1048576.0:0.0} MiB)"
                );
        ReportLoad(LoadText(loads[^1]));
        loadReporter?.Dispose();
        sets.Prefetch(lastSet);

        var clock = Stopwatch.StartNew();
        double Seconds() => previousSeconds + clock.Elapsed.TotalSeconds;
        void Checkpoint()
        {
            if (dir == null)
                return;
            var s = TrainingCheckpoint.NewState(
                step,
                roundLossSum,
                roundLossCount,
                bestStep,
                bestValid,
                Seconds(),
                target.Offset,
                model.Config,
                history,
                sets.Cursor
            );
            TrainingCheckpoint.Save(dir, s, model, optimizer);
        }

        using var batchBuffer = new WindowBatchBuffer(
            train.Channels,
            config.BatchSize,
            config.WindowMs,
            config.DendriticTarget != null
        );
        var task = step > 0 ? $"train (resumed at step {step})" : "train";
        using var reporter = new ProgressReporter(task, totalSteps - step, progress);
        model.train();
        Window[]? roundWindows = null;
        int windowsRound = -1;
        try
        {
            while (step < totalSteps)
            {
                if (token.IsCancellationRequested)
                {
                    Checkpoint();
                    token.ThrowIfCancellationRequested();
                }
                int round = (int)(step / stepsPerRound);
                int inRound = (int)(step % stepsPerRound);
                int phaseIndex = config.Schedule.PhaseOfRound(round);
                var phase = phases[phaseIndex];
                if (windowsRound != round)
                {
                    int setIndex = round / config.WorkingSetRounds;
                    if (!sets.AllResident && setIndex != sets.Index)
                    {
                        reporter.Advance(0, $"loading working set {setIndex}");
                        double wait = sets.MoveTo(setIndex)!.Value;
                        StepsPerRound(config, sets.Count, sets.AllResident);
                        sampler = NewSampler(sets, config);
                        loads.Add(sets.Describe(round, wait));
                        reporter.Advance(0, LoadText(loads[^1]));
                        sets.Prefetch(lastSet);
                    }
                    roundWindows = sampler.Round(round, stepsPerRound * config.BatchSize);
                    windowsRound = round;
                }
                var batchWindows = BatchOf(roundWindows!, inRound, config.BatchSize);
                optimizer.LearningRate = phase.LearningRate;

                double lossValue;
                using (NewDisposeScope())
                {
                    using var cpuBatch = sets.Fill(
                        batchBuffer,
                        batchWindows,
                        target,
                        config.DendriticTarget
                    );
                    var batch = onDevice ? cpuBatch.To(device) : cpuBatch;
                    optimizer.ZeroGrad();
                    var loss = Loss(model, batch, phase, config)
                        .add(model.L2Penalty(), TorchScalars.One);
                    lossValue = loss.item<float>();
                    if (!double.IsFinite(lossValue))
                        throw new NonFiniteLossException(step, phaseIndex, round, lossValue);
                    loss.backward();
                    try
                    {
                        optimizer.Step();
                    }
                    catch (System.Runtime.InteropServices.ExternalException e)
                    {
                        throw new OptimizerStepException(step, phaseIndex, round, lossValue, e);
                    }
                }
                step++;
                roundLossSum += lossValue;
                roundLossCount++;

                if (step % stepsPerRound == 0)
                {
                    // One yardstick for every round: the last phase's loss weights. With each phase's own weights
                    // (the spike weight rises 8x over the schedule) a later, better network scored worse and the
                    // best weights were those of an early phase.
                    double validLoss = ValidationLoss(
                        model,
                        data.Valid,
                        validWindows,
                        config,
                        target,
                        config.Schedule.Phases[^1],
                        device
                    );
                    history.Add(
                        new HistoryEntry(
                            step,
                            round,
                            phaseIndex,
                            roundLossSum / roundLossCount,
                            validLoss,
                            phase.LearningRate
                        )
                    );
                    roundLossSum = 0;
                    roundLossCount = 0;
                    if (validLoss < bestValid)
                    {
                        bestValid = validLoss;
                        bestStep = step;
                        DisposeAll(best);
                        best = Snapshot(model);
                        if (dir != null)
                            TrainingCheckpoint.SaveModel(
                                Path.Combine(dir, TrainingCheckpoint.BestFile),
                                model
                            );
                    }
                }
                if (dir != null && (step % config.CheckpointEverySteps == 0 || step == totalSteps))
                    Checkpoint();
                reporter.Advance(
                    1,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"loss {lossValue:0.0000}, best valid {bestValid:0.0000}, phase {phaseIndex}, lr {phase.LearningRate:g3}{SetNote()}"
                    )
                );
            }
        }
        catch
        {
            DisposeAll(best);
            throw;
        }

        if (best != null)
        {
            using (no_grad())
            {
                var current = model.state_dict();
                foreach (var (name, value) in best)
                    current[name].copy_(value);
            }
            DisposeAll(best);
        }
        return new FitResult(model, target, history, bestStep, bestValid, Seconds(), step)
        {
            PeakResidentBytes = data.Meter.Peak,
            WorkingSets = loads,
            ValidationBlocks = data.ValidBlocks,
        };
    }

    // Not inlined: Fit's frame (long, with exception regions) must not keep a reference to a working set's list,
    // which would keep the set alive while the next one loads.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WindowSampler NewSampler(WorkingSets sets, TrainerConfig config) =>
        new(sets.Simulations, config.WindowMs, config.Sampling, config.Seed, config.MinWindowEndMs);

    private static string LoadText(WorkingSetLoad load) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{(load.AllResident ? "training set resident" : $"working set {load.Index}")}: {load.Blocks.Count} blocks, {load.Simulations} simulations, {load.ResidentBytes / 1048576.0:0.0} MiB, read in {load.LoadSeconds:0.00} s (waited {load.WaitSeconds:0.00} s)"
        );

    /// <summary>
    /// Weighted loss of one batch: w_spike x BCE-with-logits + w_voltage x the voltage loss (means over N x T), plus
    /// w_dend x the MSE of the dendritic head when the batch carries a dendritic target (training and validation
    /// batches under a <see cref="TrainerConfig.DendriticTarget"/>: the best-weights yardstick is the whole objective).
    /// The voltage loss is the MSE, its bins weighted by 1 + (y / scale)² with
    /// <see cref="TrainerConfig.VoltageWeightScaleMv"/>, plus <see cref="TrainerConfig.VoltageSlopeWeight"/> x
    /// <see cref="SlopeMse"/> when that is set.
    /// </summary>
    internal static Tensor Loss(
        CausalNet model,
        WindowBatch batch,
        Phase phase,
        TrainerConfig config
    )
    {
        var (logit, voltage, dendritic) = model.ForwardAll(batch.Input);
        var spikeLoss = nn.functional.binary_cross_entropy_with_logits(logit, batch.Spikes);
        var voltageLoss = config.VoltageWeightScaleMv is double scale
            ? DepolarisationWeightedMse(voltage, batch.Voltage, scale)
            : nn.functional.mse_loss(voltage, batch.Voltage);
        if (config.VoltageSlopeWeight is double slopeWeight)
        {
            // Explicitly held Scalars: see TorchScalars.
            using Scalar lambda = slopeWeight;
            voltageLoss = voltageLoss.add(SlopeMse(voltage, batch.Voltage), lambda);
            GC.KeepAlive(lambda);
        }
        // Explicitly held Scalars: see TorchScalars.
        using Scalar spikeWeight = phase.SpikeWeight,
            voltageWeight = phase.VoltageWeight;
        var total = spikeLoss
            .mul(spikeWeight)
            .add(voltageLoss.mul(voltageWeight), TorchScalars.One);
        GC.KeepAlive(spikeWeight);
        GC.KeepAlive(voltageWeight);
        if (batch.Dendritic is { } dendriticTarget && phase.DendWeight != 0)
        {
            // Explicitly held Scalars: see TorchScalars.
            using Scalar dendriticWeight = phase.DendWeight;
            var dendriticLoss = nn.functional.mse_loss(
                (
                    dendritic ?? throw new ArgumentException("the network has no dendritic head")
                ).squeeze(1),
                dendriticTarget
            );
            total = total.add(dendriticLoss.mul(dendriticWeight), TorchScalars.One);
            GC.KeepAlive(dendriticWeight);
        }
        return total;
    }

    /// <summary>
    /// mean((Δŷ − Δy)²) over N x (T − 1), Δ the change between consecutive bins along time: the squared error of the
    /// slope (<paramref name="prediction"/> ŷ and <paramref name="target"/> y both (N, T) in mV; the result in (mV per
    /// bin)²). A prediction off by a constant has none.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two bins.</exception>
    internal static Tensor SlopeMse(Tensor prediction, Tensor target)
    {
        long bins = prediction.shape[^1];
        if (bins < 2)
            throw new ArgumentException($"the slope needs at least two bins, got {bins}");
        var error = prediction.add(target.neg(), TorchScalars.One);
        var slope = error
            .narrow(-1, 1, bins - 1)
            .add(error.narrow(-1, 0, bins - 1).neg(), TorchScalars.One);
        return slope.mul(slope).mean();
    }

    /// <summary>
    /// mean((1 + (y / <paramref name="scaleMv"/>)²) (ŷ − y)²) over N x T: the MSE plus the MSE weighted by the squared
    /// target (<paramref name="target"/> y, <paramref name="prediction"/> ŷ, both (N, T) in mV).
    /// </summary>
    internal static Tensor DepolarisationWeightedMse(
        Tensor prediction,
        Tensor target,
        double scaleMv
    )
    {
        // Explicitly held Scalars: see TorchScalars.
        using Scalar inverseSquare = 1.0 / (scaleMv * scaleMv);
        var error = prediction.add(target.neg(), TorchScalars.One);
        var squared = error.mul(error);
        var weight = target.mul(target).mul(inverseSquare).add(TorchScalars.One, TorchScalars.One);
        var loss = squared.mul(weight).mean();
        GC.KeepAlive(inverseSquare);
        return loss;
    }

    /// <summary>
    /// Steps per round: the config's, or one pass over one window per simulation of a resident training set
    /// (<paramref name="trainCount"/> simulations in the working set; <paramref name="allResident"/>: it is the whole training set).
    /// </summary>
    internal static int StepsPerRound(TrainerConfig config, int trainCount, bool allResident = true)
    {
        if (config.StepsPerRound is { } s)
        {
            if (s <= 0)
                throw new ArgumentException($"StepsPerRound must be positive, got {s}");
            if (
                config.Sampling == WindowSampling.OnePerSimulation
                && s * config.BatchSize > trainCount
            )
                throw new ArgumentException(
                    allResident
                        ? $"StepsPerRound {s} x batch {config.BatchSize} exceeds the {trainCount} windows of a round"
                        : $"StepsPerRound {s} x batch {config.BatchSize} exceeds the {trainCount} windows of a round: this working set holds {trainCount} simulations (one window each); lower StepsPerRound or raise ResidentBytes"
                );
            return s;
        }
        if (config.Sampling != WindowSampling.OnePerSimulation)
            throw new ArgumentException("StepsPerRound is required with UniformEnds sampling");
        if (!allResident)
            throw new ArgumentException(
                "StepsPerRound is required when the training set does not fit ResidentBytes (a working set holds a varying number of simulations)"
            );
        return (trainCount + config.BatchSize - 1) / config.BatchSize;
    }

    private static Window[] BatchOf(Window[] round, int index, int batchSize)
    {
        int start = index * batchSize;
        int count = Math.Min(batchSize, round.Length - start);
        return round.AsSpan(start, count).ToArray();
    }

    private static Window[] ValidationWindows(
        IReadOnlyList<SimulationRecord> valid,
        TrainerConfig config
    )
    {
        var sampler = new WindowSampler(
            valid,
            config.WindowMs,
            config.Sampling,
            config.Seed ^ 0x5A5A_5A5A_5A5AL,
            config.MinWindowEndMs
        );
        int count = config.ValidationWindows > 0 ? config.ValidationWindows : valid.Count;
        var windows = sampler.Round(0, count);
        return config.ValidationWindows > 0 && windows.Length > count ? windows[..count] : windows;
    }

    private static double ValidationLoss(
        CausalNet model,
        IReadOnlyList<SimulationRecord> valid,
        Window[] windows,
        TrainerConfig config,
        TargetTransform target,
        Phase phase,
        Device? device
    )
    {
        model.eval();
        try
        {
            using var _ = no_grad();
            double sum = 0;
            int n = 0;
            int chunk = Math.Max(1, Math.Min(config.BatchSize * 4, windows.Length));
            using var buffer = new WindowBatchBuffer(
                valid[0].Channels,
                chunk,
                config.WindowMs,
                config.DendriticTarget != null
            );
            for (int i = 0; i < windows.Length; i += chunk)
            {
                using var scope = NewDisposeScope();
                var part = windows.AsSpan(i, Math.Min(chunk, windows.Length - i)).ToArray();
                using var cpuBatch = buffer.Fill(valid, part, target, config.DendriticTarget);
                var batch = device is { type: not DeviceType.CPU } ? cpuBatch.To(device) : cpuBatch;
                sum += Loss(model, batch, phase, config).item<float>() * part.Length;
                n += part.Length;
            }
            return sum / n;
        }
        finally
        {
            model.train();
        }
    }

    private static Dictionary<string, Tensor> Snapshot(CausalNet model)
    {
        using var _ = no_grad();
        return model
            .state_dict()
            .ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors == null)
            return;
        foreach (var t in tensors.Values)
            t.Dispose();
    }
}
