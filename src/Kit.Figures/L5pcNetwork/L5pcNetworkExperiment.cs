using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Learning;
using Kit.Learning.Evaluation;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Cells;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;
using Kit.Neuron.Morphology;

namespace Kit.Figures.L5pcNetwork;

/// <summary>
/// An L5PC network figure as steps a notebook wires together: the data (the kit's simulations of the Hay L5PC, made
/// by the dataset factory into the cache, or the paper's NeuronIO files), the network trained on them (cached and
/// resumable), its evaluation with the paper's protocol, the export of the trained network, and the data curve
/// (test AUC against hours of training data). Figures 2 (AMPA+NMDA) and 3 (AMPA only) are this experiment with
/// their own presets.
/// </summary>
public static class L5pcNetworkExperiment
{
    /// <summary>Where the paper's NeuronIO datasets are published (for the message when a folder is missing).</summary>
    public const string NeuronIoPublished =
        "the authors' Kaggle datasets \"single neurons as deep nets\" (NMDA: "
        + "kaggle.com/datasets/selfishgene/single-neurons-as-deep-nets-nmda-train-data, -nmda-test-data; AMPA: "
        + "-ampa-train-data, -ampa-test-data)";

    private sealed record DatasetKey(L5pcDatasetConfig Dataset, string MorphologySha256);

    private sealed record TrainKey(
        object Data,
        CausalNetConfig Model,
        TrainingSchedule Schedule,
        int StepsPerRound,
        int BatchSize,
        int WindowMs,
        int ValidationWindows,
        bool SpikeBiasFromRate,
        long Seed,
        double Fraction,
        string Selection
    );

    /// <summary>
    /// How the trainer picks the weights it returns; part of the training's cache key, so a change of rule retrains
    /// instead of reusing weights the old rule picked. v2: validation loss weighted as the schedule's last phase
    /// in every round (v1 weighted each round by its own phase and kept early-phase weights).
    /// </summary>
    private const string WeightSelection = "best-valid-loss-last-phase-weights-v2";

    /// <summary>
    /// The cell a kit-simulated run uses: the Hay reconstruction (cell1.asc in data/morphologies or the shared
    /// reference folder), else the built-in synthetic cell when <see cref="L5pcNetworkConfig.AllowSyntheticCell"/>.
    /// </summary>
    /// <exception cref="L5pcDataNotFoundException">No reconstruction and the synthetic cell is not allowed.</exception>
    public static NotebookMorphology Morphology(L5pcNetworkConfig config, string? root = null)
    {
        var m = NotebookMorphology.Hay2011OrSynthetic(root ?? KitPaths.Root());
        if (m.IsSynthetic && !config.AllowSyntheticCell)
            throw new L5pcDataNotFoundException(
                $"the {config.Profile} profile simulates the Hay et al. (2011) reconstruction, and it was not found. "
                    + "Put cell1.asc (ModelDB 139653, L5bPCmodelsEH/morphologies/cell1.asc) in "
                    + $"{Path.GetDirectoryName(MorphologyCatalog.ExpectedPath(Morphologies.Hay2011, root))}; "
                    + "only the smoke profile runs on the synthetic cell."
            );
        return m;
    }

    /// <summary>
    /// The training, validation and test data of <paramref name="config"/>. With <see cref="L5pcNetworkConfig.NeuronIoFolder"/>:
    /// its <c>train</c>, <c>valid</c> and <c>test</c> subfolders of NeuronIO <c>.p</c> files. Otherwise the kit's
    /// own simulations, made on all cores by the dataset factory into the cache (a dataset folder per split, seeds
    /// <c>Seed</c>, <c>Seed + 1</c>, <c>Seed + 2</c>); an interrupted run continues where it stopped.
    /// </summary>
    /// <exception cref="L5pcDataNotFoundException">The reconstruction or the NeuronIO folder is missing.</exception>
    public static L5pcNetworkData Data(
        L5pcNetworkConfig config,
        IProgressSink? progress = null,
        KitCache? cache = null,
        string? root = null
    )
    {
        if (config.NeuronIoFolder is { } folder)
            return NeuronIoData(config, folder);
        cache ??= KitCache.Default;
        var morphology = Morphology(config, root);
        string path = morphology.SourcePath ?? SyntheticMorphologyFile(cache);
        var clock = Stopwatch.StartNew();
        bool simulated = false;
        ISimulationSource Split(int simulations, long seed)
        {
            var (source, written) = KitSplit(config, path, simulations, seed, cache, progress);
            simulated |= written;
            return source;
        }
        var train = Split(config.TrainSimulations, config.Seed);
        var valid = Split(config.ValidSimulations, config.Seed + 1);
        var test = Split(config.TestSimulations, config.Seed + 2);
        string synapses = L5pcDatasetConfig.SynapsesToName(config.Synapses);
        return new L5pcNetworkData(
            train,
            valid,
            test,
            $"kit simulations of the {morphology.Name} cell, {synapses} synapses, "
                + $"{config.TrainSimulations} + {config.ValidSimulations} + {config.TestSimulations} x {config.DurationMs / 1000.0:0.#} s",
            morphology,
            simulated ? clock.Elapsed.TotalSeconds : 0
        );
    }

    /// <summary>
    /// What the dataset factory makes for one split of <paramref name="config"/>'s kit data: <paramref name="simulations"/>
    /// simulations of seed <paramref name="seed"/> (the training split's seed is <see cref="L5pcNetworkConfig.Seed"/>,
    /// validation's + 1, test's + 2). Two figures whose splits differ only in their count share the simulations they
    /// have in common through the cache.
    /// </summary>
    public static L5pcDatasetConfig SplitDataset(
        L5pcNetworkConfig config,
        int simulations,
        long seed
    ) =>
        new(config.Synapses, simulations, config.DurationMs, seed)
        {
            Simulation = config.Simulation,
            SimulationsPerPart = config.SimulationsPerPart,
        };

    /// <summary>
    /// One split of the kit's data: <paramref name="simulations"/> simulations of seed <paramref name="seed"/> made by
    /// the dataset factory into the cache entry the split's config and the cell's SHA-256 name (resumable).
    /// </summary>
    private static (ISimulationSource Source, bool Written) KitSplit(
        L5pcNetworkConfig config,
        string morphologyPath,
        int simulations,
        long seed,
        KitCache cache,
        IProgressSink? progress
    )
    {
        var dataset = SplitDataset(config, simulations, seed);
        var factory = new L5pcDatasetFactory(dataset, morphologyPath);
        var key = new DatasetKey(dataset, factory.MorphologySha256);
        // Simulation i depends on (seed, i) alone: the cached datasets of this one but for their count (figure 3's 320
        // AMPA simulations inside figure 4's 512, a 32-simulation test set inside a 64) give the parts they share; one
        // that cannot (its manifest not written yet by the process making it) is passed over.
        var variants = cache.Variants(
            "l5pc-dataset",
            recorded =>
                recorded.ValueKind == JsonValueKind.Object
                && recorded.TryGetProperty(nameof(DatasetKey.Dataset), out var d)
                && d.ValueKind == JsonValueKind.Object
                && d.TryGetProperty(nameof(L5pcDatasetConfig.Simulations), out var n)
                && n.TryGetInt32(out int count)
                && count > 0
                && count != simulations
                    ? key with
                    {
                        Dataset = dataset with { Simulations = count },
                    }
                    : null
        );
        var dir = cache.OpenResumableEntry("l5pc-dataset", key);
        var summary = factory.Run(
            dir,
            new L5pcDatasetRunOptions
            {
                Threads = config.Threads > 0 ? config.Threads : Environment.ProcessorCount,
                Progress = progress,
                ReuseFrom = [.. variants.Where(factory.CanReuse)],
            }
        );
        return (new KitDatasetSource(dir), summary.PartsWritten > 0);
    }

    /// <summary>
    /// The test split of <paramref name="config"/>'s kit data alone (the same cache entry <see cref="Data"/> uses, so
    /// whichever runs first makes it): what a figure that judges an exported network on the in-distribution test set
    /// needs, without simulating the training data.
    /// </summary>
    /// <exception cref="L5pcDataNotFoundException">The reconstruction is missing (course, paper).</exception>
    public static ISimulationSource TestData(
        L5pcNetworkConfig config,
        IProgressSink? progress = null,
        KitCache? cache = null,
        string? root = null
    )
    {
        if (config.NeuronIoFolder is { } folder)
            return NeuronIoData(config, folder).Test;
        cache ??= KitCache.Default;
        return KitSplit(
            config,
            CellFile(config, cache, root),
            config.TestSimulations,
            config.Seed + 2,
            cache,
            progress
        ).Source;
    }

    /// <summary>
    /// The file of the cell a kit-simulated run uses: the reconstruction's path, or the synthetic cell written once
    /// into the cache as SWC (smoke runs without cell1.asc).
    /// </summary>
    /// <exception cref="L5pcDataNotFoundException">No reconstruction and the synthetic cell is not allowed.</exception>
    public static string CellFile(
        L5pcNetworkConfig config,
        KitCache? cache = null,
        string? root = null
    ) => Morphology(config, root).SourcePath ?? SyntheticMorphologyFile(cache ?? KitCache.Default);

    private static L5pcNetworkData NeuronIoData(L5pcNetworkConfig config, string folder)
    {
        ISimulationSource Split(string name)
        {
            var dir = Path.Combine(folder, name);
            if (!Directory.Exists(dir) || Directory.GetFiles(dir, "*.p").Length == 0)
                throw new L5pcDataNotFoundException(
                    $"no NeuronIO files (*.p) in {Path.GetFullPath(dir)}. The {config.Profile} profile trains on the "
                        + $"paper's released dataset: put its train, validation and test pickles in {Path.GetFullPath(folder)}/"
                        + $"train, /valid and /test. They are published as {NeuronIoPublished}."
                );
            return SimulationSources.Open(dir);
        }
        var train = Split("train");
        var valid = Split("valid");
        var test = Split("test");
        return new L5pcNetworkData(
            train,
            valid,
            test,
            $"NeuronIO files in {Path.GetFullPath(folder)} ({train.Blocks.Count} + {valid.Blocks.Count} + {test.Blocks.Count} files)",
            null,
            0
        );
    }

    private static string SyntheticMorphologyFile(KitCache cache)
    {
        var dir = cache.GetOrBuild(
            "morphology",
            "synthetic-l5pc",
            d => SwcWriter.Write(Morphologies.Synthetic(), Path.Combine(d, "synthetic.swc"))
        );
        return Path.Combine(dir, "synthetic.swc");
    }

    /// <summary>The folder where the network of <paramref name="config"/> (on a <paramref name="fraction"/> of the training data) is trained and checkpointed.</summary>
    public static string TrainingDirectory(
        L5pcNetworkConfig config,
        L5pcNetworkData data,
        double fraction = 1,
        KitCache? cache = null
    ) =>
        (cache ?? KitCache.Default).EntryPath("l5pc-training", TrainingKey(config, data, fraction));

    private static TrainKey TrainingKey(
        L5pcNetworkConfig c,
        L5pcNetworkData data,
        double fraction
    ) =>
        new(
            // The data: the dataset folders (named by their own keys) or the NeuronIO file list.
            new[] { data.Train, data.Valid }
                .Select(s => string.Join("|", s.Blocks.Select(b => b.Name)))
                .ToArray(),
            c.Model,
            c.Schedule,
            c.StepsPerRound,
            c.BatchSize,
            c.WindowMs,
            c.ValidationWindows,
            c.SpikeBiasFromRate,
            c.Seed,
            fraction,
            WeightSelection
        );

    /// <summary>
    /// Trains the network of <paramref name="config"/> on <paramref name="data"/> (on the leading
    /// <paramref name="fraction"/> of its training blocks), or returns the finished training from the cache; an
    /// interrupted training resumes from its last checkpoint. <paramref name="force"/> starts over.
    /// </summary>
    public static FitResult Train(
        L5pcNetworkConfig config,
        L5pcNetworkData data,
        double fraction = 1,
        bool force = false,
        IProgressSink? progress = null,
        KitCache? cache = null
    )
    {
        cache ??= KitCache.Default;
        var key = TrainingKey(config, data, fraction);
        using var entry = cache.OpenHeldEntry("l5pc-training", key, restart: force, progress);
        TorchSetup.Configure(config.TorchThreads);
        ISimulationSource train =
            fraction >= 1 ? data.Train : BlockSubsetSource.Fraction(data.Train, fraction);
        // The input width is the cell's synapse count (1278 on the Hay cell; the smoke profile's synthetic cell has fewer).
        var model = config.Model with
        {
            Channels = train.Channels,
        };
        if (config.SpikeBiasFromRate)
            model = model with { SpikeHeadInitBias = SpikeRate.Logit(train) };
        var net = CausalNet.Build(model, seed: config.Seed);
        var trainer = TrainerConfig.L5pc() with
        {
            Schedule = config.Schedule,
            StepsPerRound = config.StepsPerRound,
            BatchSize = config.BatchSize,
            WindowMs = config.WindowMs,
            ValidationWindows = config.ValidationWindows,
            Seed = config.Seed,
            Threads = config.TorchThreads,
            CheckpointDirectory = entry.Path,
            ResidentBytes = config.ResidentBytes,
            Device = DeviceSetting.Parse(config.Device),
            // A dendritic head learns the nexus voltage, weighted by the schedule's DendWeight.
            DendriticTarget = model.DendriticHeads > 0 ? TargetTransform.L5pcNexus : null,
        };
        return Trainer.Fit(net, train, data.Valid, trainer, progress);
    }

    /// <summary>
    /// The paper's evaluation of a trained network on <paramref name="source"/> (the test set, or NEURON's own
    /// simulations): stitched predictions, first 500 ms dropped, simulations with 0-24 output spikes, AUC, TPR at
    /// FPR 0.002, raw and rescaled soma RMSE and variance explained, with bootstrap intervals.
    /// </summary>
    /// <param name="config">The run (its evaluation settings).</param>
    /// <param name="fit">The trained network.</param>
    /// <param name="source">Simulations to judge it on.</param>
    /// <param name="keepPredictions">Kept simulations whose full predictions are returned for the panels.</param>
    /// <param name="progress">Progress sink.</param>
    public static PaperEvaluationResult Evaluate(
        L5pcNetworkConfig config,
        FitResult fit,
        ISimulationSource source,
        int keepPredictions = 1,
        IProgressSink? progress = null
    ) =>
        PaperEvaluation.Run(
            fit.Model,
            fit.Target,
            source,
            PaperEvaluationConfig.Paper with
            {
                DropFirstMs = config.DropFirstMs,
                MaxSpikes = config.MaxOutputSpikes,
                WindowMs = config.EvalWindowMs,
                BootstrapResamples = config.Bootstrap,
                BootstrapSeed = (int)(config.Seed & 0x7fffffff),
                KeepPredictions = keepPredictions,
                Threads = config.TorchThreads,
            },
            progress
        );

    /// <summary>
    /// The evaluation on NEURON's own simulations (<see cref="NeuronReference"/>): the paper's protocol without the
    /// 0-24 spike rule, which would leave almost nothing of the few reference simulations (the NMDA file has one
    /// simulation with no spike and one with 40).
    /// </summary>
    public static PaperEvaluationResult EvaluateReference(
        L5pcNetworkConfig config,
        FitResult fit,
        ISimulationSource source,
        IProgressSink? progress = null
    ) => Evaluate(config with { MaxOutputSpikes = int.MaxValue }, fit, source, 0, progress);

    /// <summary>
    /// NEURON's own simulations of the same cell and synapses, as the shared reference folder holds them
    /// (<c>reference/neuron/l5pc_nmda_fixture.p</c> or <c>l5pc_ampa_fixture.p</c>), or null when absent.
    /// </summary>
    public static ISimulationSource? NeuronReference(L5pcNetworkConfig config, string? root = null)
    {
        if (KitPaths.Shared(root ?? KitPaths.Root()) is not { } shared)
            return null;
        string name = config.Synapses == ExcitatorySynapseKind.AmpaNmda ? "nmda" : "ampa";
        var file = Path.Combine(shared, "reference", "neuron", $"l5pc_{name}_fixture.p");
        return File.Exists(file) ? SimulationSources.Open(file) : null;
    }

    /// <summary>
    /// Writes the trained network to <paramref name="folder"/> (<see cref="ModelFolder"/>: what <c>kit evaluate</c>
    /// and a notebook cell load), with how it was trained.
    /// </summary>
    public static void Export(
        L5pcNetworkConfig config,
        L5pcNetworkData data,
        FitResult fit,
        string folder
    )
    {
        var training = new JsonObject
        {
            ["profile"] = config.Profile,
            ["synapses"] = L5pcDatasetConfig.SynapsesToName(config.Synapses),
            ["data"] = data.Origin,
            ["train_simulated_hours"] =
                config.NeuronIoFolder == null ? config.TrainSimulatedHours : null,
            ["train_steps"] = fit.Steps,
            ["best_step"] = fit.BestStep,
            ["train_seconds"] = Math.Round(fit.TrainSeconds, 1),
            ["kit_version"] = KitInfo.Version,
        };
        ModelFolder.Save(folder, fit.Model, fit.Target, training);
    }

    /// <summary>
    /// "How far a laptop gets": the same architecture and schedule trained on each of
    /// <see cref="L5pcNetworkConfig.CurveFractions"/> of the training data (each a cached training of its own; 1 is
    /// the main network, passed in), each judged on the test set. The trainings run side by side, as many at a time
    /// as <see cref="L5pcNetworkConfig.Threads"/> (0: NEURONKIT_THREADS or every core) holds
    /// <see cref="L5pcNetworkConfig.TorchThreads"/>; each is deterministic on its own, so the points do not depend
    /// on how many run at once.
    /// </summary>
    public static IReadOnlyList<DataCurvePoint> DataCurve(
        L5pcNetworkConfig config,
        L5pcNetworkData data,
        FitResult main,
        PaperEvaluationResult mainEvaluation,
        IProgressSink? progress = null,
        KitCache? cache = null
    )
    {
        double hoursPerBlock = config.TrainSimulatedHours / data.Train.Blocks.Count;
        var fractions = config.CurveFractions.Where(f => f < 1).Order().ToArray();
        int threads = config.Threads > 0 ? config.Threads : TorchSetup.DefaultThreads;
        int atOnce = Math.Clamp(
            threads / Math.Max(1, config.TorchThreads),
            1,
            Math.Max(1, fractions.Length)
        );
        var points = new DataCurvePoint[fractions.Length];
        try
        {
            Parallel.For(
                0,
                fractions.Length,
                new ParallelOptions { MaxDegreeOfParallelism = atOnce },
                i =>
                {
                    var fit = Train(config, data, fractions[i], progress: progress, cache: cache);
                    var source = BlockSubsetSource.Fraction(data.Train, fractions[i]);
                    var e = Evaluate(config, fit, data.Test, 0, progress);
                    points[i] = DataCurvePoint.Of(
                        fractions[i],
                        source.Blocks.Count * hoursPerBlock,
                        fit,
                        e
                    );
                    fit.Model.Dispose();
                }
            );
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first failure as itself (a NaN loss, a cancellation), not wrapped.
            System
                .Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0])
                .Throw();
        }
        return [.. points, DataCurvePoint.Of(1, config.TrainSimulatedHours, main, mainEvaluation)];
    }

    /// <summary>The metrics.json record of a run (<typeparamref name="T"/>: the figure's own metrics type).</summary>
    public static T Metrics<T>(
        L5pcNetworkConfig config,
        L5pcNetworkData data,
        FitResult fit,
        PaperEvaluationResult test,
        PaperEvaluationResult? neuronReference,
        IReadOnlyList<DataCurvePoint> curve
    )
        where T : L5pcNetworkMetrics, new() =>
        L5pcNetworkMetrics.From<T>(test) with
        {
            Profile = config.Profile,
            ModelParameters = fit.Model.ParameterCount(),
            TrainSimulatedHours =
                config.NeuronIoFolder == null ? config.TrainSimulatedHours : double.NaN,
            SimulateSeconds = Math.Round(data.SimulateSeconds, 1),
            TrainSeconds = Math.Round(fit.TrainSeconds, 1),
            TrainSteps = fit.Steps,
            NeuronReference = neuronReference is null
                ? null
                : ReferenceScore.Of(
                    "NEURON simulations of the same cell (reference/neuron), all spike counts",
                    neuronReference
                ),
            DataCurve = curve,
            Data = data.Origin,
            Device = config.Device,
            Threads = TorchSetup.Threads ?? TorchSetup.DefaultThreads,
            KitVersion = KitInfo.Version,
        };
}
