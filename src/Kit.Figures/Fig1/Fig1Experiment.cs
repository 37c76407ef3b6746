using System.Diagnostics;
using Kit.Core;
using Kit.Learning;
using Kit.Learning.Evaluation;
using Kit.Learning.Metrics;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;

namespace Kit.Figures.Fig1;

/// <summary>
/// Figure 1 of the paper as steps a notebook wires together: simulate the integrate-and-fire neuron, train the
/// one-unit causal network, evaluate it, analyse its filter. Datasets and trained networks are cached under
/// <c>data/cache</c> keyed by their config and the kit version (docs/architecture.md, "Caching"); training checkpoints
/// there too, so an interrupted run resumes.
/// </summary>
public static class Fig1Experiment
{
    private sealed record DatasetKey(
        IntegrateAndFireDatasetConfig Neuron,
        int TrainSimulations,
        int TestSimulations,
        long Seed
    );

    private sealed record TrainKey(
        DatasetKey Data,
        CausalNetConfig Model,
        TrainingSchedule Schedule,
        int WindowMs,
        int BatchSize,
        bool SpikeBiasFromRate
    );

    private static DatasetKey DataKey(Fig1Config c) =>
        new(c.Neuron, c.TrainSimulations, c.TestSimulations, c.Seed);

    /// <summary>
    /// The training and test simulations of <paramref name="config"/>: read from the cache, or simulated on all
    /// cores and cached (<paramref name="force"/> re-simulates).
    /// </summary>
    public static Fig1Datasets Datasets(
        Fig1Config config,
        bool force = false,
        KitCache? cache = null,
        IProgressSink? progress = null
    )
    {
        cache ??= KitCache.Default;
        var clock = Stopwatch.StartNew();
        var key = DataKey(config);
        bool built = false;
        var dir = cache.GetOrBuild(
            "if-dataset",
            key,
            d =>
            {
                built = true;
                var train = IntegrateAndFireDataset.Generate(
                    config.Neuron,
                    config.TrainSimulations,
                    config.Seed,
                    progress
                );
                var test = IntegrateAndFireDataset.Generate(
                    config.Neuron,
                    config.TestSimulations,
                    config.Seed + 1,
                    progress
                );
                DatasetFile.Write(Path.Combine(d, "train.npz"), train);
                DatasetFile.Write(Path.Combine(d, "test.npz"), test);
            },
            force
        );
        var trainSet = DatasetFile.Read(Path.Combine(dir, "train.npz"));
        var testSet = DatasetFile.Read(Path.Combine(dir, "test.npz"));
        return new Fig1Datasets(trainSet, testSet, dir, !built, clock.Elapsed.TotalSeconds);
    }

    private static TrainKey TrainingKey(Fig1Config config) =>
        new(
            DataKey(config),
            config.Model,
            config.Schedule,
            config.WindowMs,
            config.BatchSize,
            config.SpikeBiasFromRate
        );

    /// <summary>The folder where the network of <paramref name="config"/> is trained and checkpointed.</summary>
    public static string TrainingDirectory(Fig1Config config, KitCache? cache = null) =>
        (cache ?? KitCache.Default).EntryPath("fig1-training", TrainingKey(config));

    /// <summary>
    /// Trains the network of <paramref name="config"/> on <paramref name="data"/>, or returns the finished
    /// training from the cache; an interrupted training resumes from its last checkpoint. <paramref name="force"/>
    /// starts over.
    /// </summary>
    public static FitResult Train(
        Fig1Config config,
        Fig1Datasets data,
        bool force = false,
        KitCache? cache = null,
        IProgressSink? progress = null
    )
    {
        cache ??= KitCache.Default;
        using var entry = cache.OpenHeldEntry(
            "fig1-training",
            TrainingKey(config),
            restart: force,
            progress
        );
        TorchSetup.Configure(config.Threads);
        var modelConfig = config.SpikeBiasFromRate
            ? config.Model with
            {
                SpikeHeadInitBias = SpikeRate.Logit(new InMemorySource(data.Train.Simulations)),
            }
            : config.Model;
        var model = CausalNet.Build(modelConfig, seed: config.Seed);
        var trainer = TrainerConfig.IntegrateAndFire() with
        {
            Schedule = config.Schedule,
            WindowMs = config.WindowMs,
            BatchSize = config.BatchSize,
            Seed = config.Seed,
            Threads = config.Threads,
            CheckpointDirectory = entry.Path,
        };
        return Trainer.Fit(model, data.Train.Simulations, null, trainer, progress);
    }

    /// <summary>Predicts every test simulation (stitched windows) and computes the paper's metrics.</summary>
    public static EvaluationResult Evaluate(Fig1Config config, FitResult fit, Fig1Datasets data)
    {
        if (config.EvalOverlapMs < fit.Model.HistoryMs - 1)
            throw new ArgumentException(
                $"EvalOverlapMs {config.EvalOverlapMs} is shorter than the network's history - 1 "
                    + $"({fit.Model.HistoryMs - 1} ms); stitched predictions would differ from a full pass"
            );
        return EvaluationResult.Compute(
            fit.Model,
            data.Test.Simulations,
            fit.Target,
            config.EvalWindowMs,
            config.EvalOverlapMs
        );
    }

    /// <summary>The hidden unit's filter, sign-fixed, its cross-sections and the τ fit of the excitatory one.</summary>
    public static Fig1Filter Filter(Fig1Config config, CausalNet model)
    {
        var tapFilter = FilterAnalysis.Unit(model.FirstLayerWeights(), 0);
        var (fixedFilter, flipped) = FilterAnalysis.SignFix(tapFilter, config.ExcitatoryChannels);
        var (exc, inh) = FilterAnalysis.TemporalCrossSection(
            fixedFilter,
            config.ExcitatoryChannels
        );
        int channels = fixedFilter.GetLength(0),
            taps = fixedFilter.GetLength(1);
        var byLag = new double[channels, taps];
        for (int c = 0; c < channels; c++)
        for (int lag = 0; lag < taps; lag++)
            byLag[c, lag] = fixedFilter[c, taps - 1 - lag];
        var lags = Enumerable.Range(0, taps).Select(l => (double)l).ToArray();
        return new Fig1Filter(byLag, lags, exc, inh, FitOrNaN(exc), flipped);
    }

    /// <summary>
    /// The exponential fit of an excitatory cross-section, or NaN (written as null in metrics.json) when the filter is
    /// not yet clearly non-zero over three lags: a network trained for a few steps from its random start.
    /// </summary>
    private static ExponentialFit FitOrNaN(double[] excitatory)
    {
        try
        {
            return FilterAnalysis.FitExponential(excitatory);
        }
        catch (ArgumentException)
        {
            return new ExponentialFit(double.NaN, double.NaN, 0, 0, double.NaN);
        }
    }

    /// <summary>
    /// The least-squares optimum of a linear filter on the same data (<see cref="LinearFilterRegression"/>, the
    /// first <paramref name="simulations"/> training simulations, voltage clipped as the network's target) and the
    /// τ of its excitatory cross-section: what the best possible linear unit would show, for comparison with the
    /// network's filter and with the neuron's own 20 ms kernel.
    /// </summary>
    public static (double[] Excitatory, double[] Inhibitory, ExponentialFit Fit) LeastSquaresFilter(
        Fig1Config config,
        Fig1Datasets data,
        int simulations = 100
    )
    {
        var sims = data.Train.Simulations.Take(simulations).ToList();
        var (exc, inh) = LinearFilterRegression.Fit(
            sims,
            config.ExcitatoryChannels,
            config.Model.KernelSizesMs[0],
            TargetTransform.IntegrateAndFire.ClipMv
        );
        return (exc, inh, FilterAnalysis.FitExponential(exc));
    }

    /// <summary>The metrics.json record of a run.</summary>
    public static Fig1Metrics Metrics(
        Fig1Config config,
        Fig1Datasets data,
        FitResult fit,
        EvaluationResult evaluation,
        Fig1Filter filter,
        double? leastSquaresTauMs = null
    ) =>
        new(
            config.Profile,
            evaluation.Auc,
            evaluation.TprAtPaperFpr,
            evaluation.RmseMv,
            evaluation.VarianceExplained,
            evaluation.RmseMvRescaled,
            evaluation.VarianceExplainedRescaled,
            filter.Fit.TauMs,
            [filter.Fit.FirstLagMs, filter.Fit.LastLagMs],
            leastSquaresTauMs,
            config.Neuron.Cell.MembraneTimeConstantMs,
            evaluation.CrossCorrelation.PeakLagMs,
            fit.TrainSeconds,
            data.FromCache ? 0 : data.Seconds,
            fit.Steps,
            fit.Model.ParameterCount(),
            config.TrainSimulations,
            config.TestSimulations,
            (long)evaluation.SpikeTruth.Sum(),
            TorchSetup.Threads ?? TorchSetup.DefaultThreads,
            config.Seed,
            "none (point neuron: integrate-and-fire)",
            KitInfo.Version
        );

    /// <summary>The results-table row of a run.</summary>
    public static ModelMetrics Row(
        Fig1Config config,
        FitResult fit,
        EvaluationResult e,
        Fig1Filter f
    ) =>
        ModelMetrics.From(
            $"I&F FCN 1x{config.Model.KernelSizesMs[0]} ms ({config.Profile})",
            e,
            f.Fit.TauMs,
            fit.Model.ParameterCount()
        );
}
