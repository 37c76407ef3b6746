using System.Diagnostics;
using System.Text.Json;
using Kit.Core;
using Kit.Learning;
using Kit.Learning.Evaluation;
using Kit.Learning.Metrics;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;
using Kit.Plots;

namespace Kit.Figures.Fig5;

/// <summary>
/// Figure 5 of the paper as steps a notebook wires together: simulate the Branco branch on random input, train the
/// four-unit network on its soma voltage, test it on held-out random input, then ask it, never having seen one,
/// for the response to Branco's ordered sequences. Datasets, sequences and trained networks are cached under
/// <c>data/cache</c> keyed by their config and the kit version (docs/architecture.md, "Caching"); training checkpoints
/// there, so an interrupted run resumes.
/// </summary>
public static class Fig5Experiment
{
    private sealed record DatasetKey(
        BrancoDatasetConfig Data,
        int TrainSimulations,
        int TestSimulations,
        long Seed
    );

    private sealed record SequencesKey(
        double DtMs,
        int PermutedSequences,
        double PermutedIntervalMs,
        double[] IntervalsMs,
        long Seed,
        int OrdersPerIndexValue
    );

    private sealed record TrainKey(
        DatasetKey Data,
        CausalNetConfig Model,
        TrainingSchedule Schedule,
        int WindowMs,
        int BatchSize,
        bool WeightDepolarisedBins,
        double VoltageSlopeWeight
    );

    /// <summary>
    /// The voltage target: V + 75 mV (rest at 0), never clipped (the passive cell stays far below 0 mV).
    /// </summary>
    public static TargetTransform Target { get; } = new(0, BrancoBranch.VInitMv);

    private static DatasetKey DataKey(Fig5Config c) =>
        new(c.Data, c.TrainSimulations, c.TestSimulations, c.Seed);

    /// <summary>
    /// The training and test simulations of <paramref name="config"/>: read from the cache, or simulated on all
    /// cores and cached (<paramref name="force"/> re-simulates).
    /// </summary>
    public static Fig5Datasets Datasets(
        Fig5Config config,
        bool force = false,
        KitCache? cache = null,
        IProgressSink? progress = null
    )
    {
        cache ??= KitCache.Default;
        var clock = Stopwatch.StartNew();
        bool built = false;
        var dir = cache.GetOrBuild(
            "branco-dataset",
            DataKey(config),
            d =>
            {
                built = true;
                var train = BrancoDataset.Generate(
                    config.Data,
                    config.TrainSimulations,
                    config.Seed,
                    progress
                );
                DatasetFile.Write(Path.Combine(d, "train.npz"), train);
                var test = BrancoDataset.Generate(
                    config.Data,
                    config.TestSimulations,
                    config.Seed + 1,
                    progress
                );
                DatasetFile.Write(Path.Combine(d, "test.npz"), test);
            },
            force
        );
        return new Fig5Datasets(
            DatasetFile.Read(Path.Combine(dir, "train.npz")),
            DatasetFile.Read(Path.Combine(dir, "test.npz")),
            dir,
            !built,
            clock.Elapsed.TotalSeconds
        );
    }

    /// <summary>
    /// Branco's sequences for <paramref name="config"/>: <see cref="Fig5Config.PermutedSequences"/> random orders
    /// (seed <c>Seed + 2</c>) and the orders spanning the directionality index (<see cref="Fig5Config.OrdersPerIndexValue"/>,
    /// seed <c>Seed + 3</c>) at the permuted interval, and IN and OUT at each interval, simulated on all cores or read
    /// from the cache.
    /// </summary>
    public static Fig5Sequences Sequences(
        Fig5Config config,
        bool force = false,
        KitCache? cache = null,
        IProgressSink? progress = null
    )
    {
        cache ??= KitCache.Default;
        var clock = Stopwatch.StartNew();
        bool built = false;
        var key = new SequencesKey(
            config.Data.DtMs,
            config.PermutedSequences,
            config.PermutedIntervalMs,
            config.Intervals,
            config.Seed,
            config.OrdersPerIndexValue
        );
        var dir = cache.GetOrBuild(
            "branco-sequences",
            key,
            d =>
            {
                built = true;
                var branch = new BrancoBranch();
                var orders = BrancoSequences.RandomOrders(
                    config.PermutedSequences,
                    config.Seed + 2
                );
                var permuted = BrancoSequences.Run(
                    branch,
                    orders,
                    config.PermutedIntervalMs,
                    config.Data.DtMs,
                    progress
                );
                var spanning =
                    config.OrdersPerIndexValue > 0
                        ? BrancoSequences.Run(
                            branch,
                            BrancoSequences.OrdersByDirectionality(
                                config.OrdersPerIndexValue,
                                config.Seed + 3
                            ),
                            config.PermutedIntervalMs,
                            config.Data.DtMs,
                            progress
                        )
                        : [];
                var (inRuns, outRuns) = BrancoSequences.InAndOut(
                    branch,
                    config.Intervals,
                    config.Data.DtMs,
                    progress
                );
                File.WriteAllText(
                    Path.Combine(d, "sequences.json"),
                    JsonSerializer.Serialize(new Fig5Sequences(permuted, inRuns, outRuns, spanning))
                );
            },
            force
        );
        var path = Path.Combine(dir, "sequences.json");
        var read =
            JsonSerializer.Deserialize<Fig5Sequences>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path}: empty sequence file");
        return read with { FromCache = !built, Seconds = clock.Elapsed.TotalSeconds };
    }

    private static TrainKey TrainingKey(Fig5Config c) =>
        new(
            DataKey(c),
            c.Model,
            c.Schedule,
            c.WindowMs,
            c.BatchSize,
            c.WeightDepolarisedBins,
            c.VoltageSlopeWeight
        );

    /// <summary>The folder where the network of <paramref name="config"/> is trained and checkpointed.</summary>
    public static string TrainingDirectory(Fig5Config config, KitCache? cache = null) =>
        (cache ?? KitCache.Default).EntryPath("fig5-training", TrainingKey(config));

    /// <summary>
    /// Trains the network of <paramref name="config"/> on the soma voltage of <paramref name="data"/>, or returns the
    /// finished training from the cache; an interrupted training resumes from its last checkpoint.
    /// <paramref name="force"/> starts over.
    /// </summary>
    public static FitResult Train(
        Fig5Config config,
        Fig5Datasets data,
        bool force = false,
        KitCache? cache = null,
        IProgressSink? progress = null
    )
    {
        cache ??= KitCache.Default;
        using var entry = cache.OpenHeldEntry(
            "fig5-training",
            TrainingKey(config),
            restart: force,
            progress
        );
        TorchSetup.Configure(config.Threads);
        var model = CausalNet.Build(config.Model, seed: config.Seed);
        var trainer = new TrainerConfig(
            config.Schedule,
            Target,
            config.WindowMs,
            config.BatchSize,
            WindowSampling.OnePerSimulation
        )
        {
            Seed = config.Seed,
            Threads = config.Threads,
            CheckpointDirectory = entry.Path,
            VoltageWeightScaleMv = config.WeightDepolarisedBins
                ? DepolarisationScaleMv(data.Train.Simulations)
                : null,
            // 0 trains exactly as no slope term; a negative or non-finite weight is refused by the trainer.
            VoltageSlopeWeight = config.VoltageSlopeWeight,
        };
        return Trainer.Fit(model, data.Train.Simulations, null, trainer, progress);
    }

    /// <summary>
    /// The RMS of the training target, the soma's depolarisation V − V_init over every 1 ms bin of
    /// <paramref name="simulations"/> (mV): the scale of the depolarisation weighting
    /// (<see cref="Fig5Config.WeightDepolarisedBins"/>).
    /// </summary>
    /// <exception cref="ArgumentException">No bins, or every bin at rest (a weighting scale of 0).</exception>
    public static double DepolarisationScaleMv(IReadOnlyList<SimulationRecord> simulations)
    {
        double sum = 0;
        long bins = 0;
        foreach (var r in simulations)
        {
            foreach (float v in r.SomaVoltageMv)
            {
                double y = v - BrancoBranch.VInitMv;
                sum += y * y;
            }
            bins += r.DurationMs;
        }
        double rms = bins > 0 ? Math.Sqrt(sum / bins) : 0;
        if (!(rms > 0))
            throw new ArgumentException(
                $"the {simulations.Count} training simulations never leave rest: no depolarisation to weight by"
            );
        return rms;
    }

    /// <summary>Predicts every test simulation in one causal pass each and scores the soma voltage.</summary>
    public static Fig5Evaluation Evaluate(FitResult fit, Fig5Datasets data)
    {
        var test = data.Test.Simulations;
        if (test.Count == 0)
            throw new ArgumentException("the test set is empty");
        int t = test[0].DurationMs;
        var truth = new List<double>(test.Count * t);
        var predicted = new List<double>(test.Count * t);
        foreach (var record in test)
        {
            var p = PredictWhole(fit, record);
            truth.AddRange(record.SomaVoltageMv.Select(v => (double)v));
            predicted.AddRange(p);
        }
        return new Fig5Evaluation(
            [.. truth],
            [.. predicted],
            t,
            RegressionMetrics.Rmse(predicted, truth),
            RegressionMetrics.VarianceExplained(predicted, truth)
        );
    }

    /// <summary>
    /// Why the training trials start from rest (docs/l23-branch.md, "Why the trials start from rest"): Branco's IN
    /// sequence at <paramref name="intervalMs"/> after <paramref name="backgroundMs"/> of the random input at a constant
    /// <paramref name="branchSpikesPer100Ms"/> and then each silence of <paramref name="silencesMs"/>, over
    /// <paramref name="backgrounds"/> random inputs (simulation i of seed <paramref name="seed"/>). Under ongoing input
    /// the NMDA receptors desensitise and recover over about a second, so with the membrane back at rest the same
    /// sequence still depolarises the soma far less than from rest.
    /// </summary>
    /// <exception cref="ArgumentException">No silence, a negative one, or fewer than one background or ms of input.</exception>
    public static IReadOnlyList<Fig5Recovery> InAfterOngoingInput(
        IReadOnlyList<double> silencesMs,
        int backgroundMs = 1000,
        double branchSpikesPer100Ms = 7.5,
        int backgrounds = 8,
        long seed = 5,
        double intervalMs = 5
    )
    {
        ArgumentNullException.ThrowIfNull(silencesMs);
        if (silencesMs.Count == 0 || silencesMs.Any(s => !(s >= 0) || double.IsInfinity(s)))
            throw new ArgumentException(
                "silences must be finite and at least 0 ms, and at least one",
                nameof(silencesMs)
            );
        ArgumentOutOfRangeException.ThrowIfLessThan(backgroundMs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(backgrounds, 1);
        var generator = new BrancoRandomInputGenerator(
            BrancoRandomInputConfig.Paper with
            {
                DurationMs = backgroundMs,
                BranchSpikesPer100Ms = new SpikeCountRange(
                    branchSpikesPer100Ms,
                    branchSpikesPer100Ms
                ),
            }
        );
        var ongoing = Enumerable
            .Range(0, backgrounds)
            .Select(i => generator.Generate(seed, i).Activations)
            .ToArray();
        var branch = new BrancoBranch();
        double fromRest = branch.Run(BrancoBranchInput.In(intervalMs)).PeakSomaDepolarisationMv;
        var results = new Fig5Recovery[silencesMs.Count];
        Parallel.For(
            0,
            silencesMs.Count,
            k =>
            {
                double onsetMs = backgroundMs + Math.Round(silencesMs[k]);
                var sequence = BrancoBranchInput.In(intervalMs, onsetMs).ActivationTimesMs;
                var inputs = ongoing
                    .Select(b => new BrancoBranchInput(
                        Enumerable
                            .Range(0, BrancoBranch.Synapses)
                            .Select(s => b.ActivationTimesMs[s].Concat(sequence[s]))
                    ))
                    .ToList();
                var traces = branch.RunMany(inputs, onsetMs + BrancoSequences.RunMs);
                int onset = (int)onsetMs;
                var peaks = traces
                    .Select(t => t.SomaVMv.Skip(onset).Max() - t.SomaVMv[onset])
                    .ToArray();
                results[k] = new Fig5Recovery(
                    onsetMs - backgroundMs,
                    peaks.Average(),
                    peaks.Min(),
                    peaks.Max(),
                    traces.Average(t => t.SomaVMv[onset] - BrancoBranch.VInitMv),
                    fromRest
                );
            }
        );
        return results;
    }

    /// <summary>The network's soma voltage for each sequence, and its peak depolarisation (mV above −75).</summary>
    public static Fig5SequencePredictions PredictSequences(FitResult fit, Fig5Sequences sequences)
    {
        double[] Trace(BrancoSequenceRun run) =>
            PredictWhole(fit, BrancoDataset.Record(run.Input(), run.Trace, BrancoSequences.RunMs));
        double Peak(double[] trace) => trace.Max() - BrancoBranch.VInitMv;
        var inTraces = sequences.In.Select(Trace).ToArray();
        var outTraces = sequences.Out.Select(Trace).ToArray();
        return new Fig5SequencePredictions(
            [.. sequences.Permuted.Select(r => Peak(Trace(r)))],
            [.. sequences.Spanning.Select(r => Peak(Trace(r)))],
            [.. inTraces.Select(Peak)],
            [.. outTraces.Select(Peak)],
            inTraces,
            outTraces
        );
    }

    private static double[] PredictWhole(FitResult fit, SimulationRecord record) =>
        Predictor.Predict(fit.Model, record, fit.Target, record.DurationMs, 0).VoltageMv;

    /// <summary>Each hidden unit's filter by lag (rows: synapse 0, the most distal, to 8) with its voltage-head weight.</summary>
    public static IReadOnlyList<Fig5UnitFilter> Filters(CausalNet model)
    {
        var weights = model.FirstLayerWeights();
        var head = model.VoltageHeadWeights();
        int units = weights.GetLength(0),
            channels = weights.GetLength(1),
            taps = weights.GetLength(2);
        return
        [
            .. Enumerable
                .Range(0, units)
                .Select(u =>
                {
                    var byLag = new double[channels, taps];
                    for (int c = 0; c < channels; c++)
                    for (int lag = 0; lag < taps; lag++)
                        byLag[c, lag] = weights[u, c, taps - 1 - lag];
                    return new Fig5UnitFilter(u, byLag, head[u]);
                }),
        ];
    }

    /// <summary>
    /// Largest |kit − NEURON| peak somatic depolarisation over the IN and OUT runs whose interval NEURON's reference
    /// has (biophysics/09 §7: 0 … 8 ms), or NaN when none has.
    /// </summary>
    public static double MaxAbsErrorAgainstNeuron(Fig5Sequences sequences)
    {
        double worst = double.NaN;
        void Check(IEnumerable<BrancoSequenceRun> runs, IReadOnlyList<double> reference)
        {
            foreach (var r in runs)
            {
                if (r.IntervalMs != Math.Floor(r.IntervalMs) || r.IntervalMs is < 0 or > 8)
                    continue;
                double e = Math.Abs(r.PeakSomaMv - reference[(int)r.IntervalMs]);
                if (double.IsNaN(worst) || e > worst)
                    worst = e;
            }
        }
        Check(sequences.In, BrancoNeuronPeaks.InMv);
        Check(sequences.Out, BrancoNeuronPeaks.OutMv);
        return worst;
    }

    /// <summary>The metrics.json record of a run.</summary>
    public static Fig5Metrics Metrics(
        Fig5Config config,
        Fig5Datasets data,
        Fig5Sequences sequences,
        FitResult fit,
        Fig5Evaluation evaluation,
        Fig5SequencePredictions predictions
    )
    {
        var simPeaks = sequences.Permuted.Select(r => r.PeakSomaMv).ToArray();
        var di = sequences.Permuted.Select(r => r.DirectionalityIndex).ToArray();
        var intervals = sequences.In.Select(r => r.IntervalMs).ToArray();
        var spanPeaks = sequences.Spanning.Select(r => r.PeakSomaMv).ToArray();
        double? Spanning(double[] x) =>
            spanPeaks.Length < 2 ? null : CorrelationPanel.Pearson(x, spanPeaks);
        return new Fig5Metrics(
            config.Profile,
            CorrelationPanel.Pearson(simPeaks, predictions.PermutedPeakMv),
            CorrelationPanel.Pearson(di, simPeaks),
            CorrelationPanel.Pearson([.. sequences.Permuted.Select(r => r.StepIndex)], simPeaks),
            evaluation.RmseMv,
            evaluation.VarianceExplained,
            MaxAbsErrorAgainstNeuron(sequences),
            RegressionMetrics.Rmse(predictions.PermutedPeakMv, simPeaks),
            BrancoSequences.InOutRatio(
                intervals,
                [.. sequences.In.Select(r => r.PeakSomaMv)],
                [.. sequences.Out.Select(r => r.PeakSomaMv)]
            ),
            BrancoSequences.InOutRatio(intervals, predictions.InPeakMv, predictions.OutPeakMv),
            config.PermutedSequences,
            config.PermutedIntervalMs,
            fit.TrainSeconds,
            data.FromCache ? 0 : data.Seconds,
            sequences.FromCache ? 0 : sequences.Seconds,
            fit.Steps,
            fit.Model.ParameterCount(),
            fit.Model.HistoryMs,
            config.TrainSimulations,
            config.TestSimulations,
            data.Train.Simulations.Sum(r => r.DurationMs) / 3_600_000.0,
            data.BranchSpikesPer100Ms,
            TorchSetup.Threads ?? TorchSetup.DefaultThreads,
            config.Seed,
            "rc19 (built in; Branco et al. 2010, ModelDB 140828)",
            KitInfo.Version
        )
        {
            RNetworkPeakSpanning = Spanning(predictions.SpanningPeakMv),
            RDirectionalityIndexPeakSpanning = Spanning([
                .. sequences.Spanning.Select(r => r.DirectionalityIndex),
            ]),
            RStepIndexPeakSpanning = Spanning([.. sequences.Spanning.Select(r => r.StepIndex)]),
            SpanningSequences = sequences.Spanning.Count,
            VoltageWeightScaleMv = config.WeightDepolarisedBins
                ? DepolarisationScaleMv(data.Train.Simulations)
                : null,
            VoltageSlopeWeight = config.VoltageSlopeWeight,
        };
    }
}
