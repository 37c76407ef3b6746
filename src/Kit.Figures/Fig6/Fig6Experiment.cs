using System.Diagnostics;
using System.Text.Json;
using Kit.Core;
using Kit.Figures.Fig2;
using Kit.Figures.L5pcNetwork;
using Kit.Learning;
using Kit.Learning.Evaluation;
using Kit.Learning.Models;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;
using Kit.Neuron.Inputs;

namespace Kit.Figures.Fig6;

/// <summary>
/// Figure 6 of the paper as steps a notebook wires together: cluster the dendrite, simulate the cell under each
/// out-of-distribution protocol, take the figure-2 network (the one notebook 02 exported, or one trained here at the
/// same profile), and judge it without retraining on each condition and on the figure-2 test set with the paper's
/// evaluation. Clusters, test sets and trained networks are cached under <c>data/cache</c> keyed by their config,
/// the cell's SHA-256 and the kit version (docs/architecture.md, "Caching").
/// </summary>
public static class Fig6Experiment
{
    private sealed record ConditionKey(
        L5pcDatasetConfig Dataset,
        string MorphologySha256,
        DendriticClusteringConfig Clustering,
        OodProtocol Protocol
    );

    private const string DatasetFile = "ood.npz";
    private const string InputsFile = "inputs.json";

    /// <summary>The figure-2 network's default folder: <c>figures/02-l5pc-nmda/model</c> under the repository root.</summary>
    public static string DefaultModelFolder(string? root = null) =>
        Path.Combine(root ?? KitPaths.Root(), "figures", Fig2Config.FigureName, "model");

    /// <summary>
    /// The dendritic clusters of the run's cell (<see cref="DendriticClustering.GetOrBuild"/>: one kit simulation,
    /// the correlation matrix of all dendritic voltages, K-means on its rows; cached).
    /// </summary>
    /// <exception cref="L5pcDataNotFoundException">A course or paper run without the reconstruction.</exception>
    public static Fig6Clusters Clusters(
        Fig6Config config,
        bool force = false,
        KitCache? cache = null,
        string? root = null
    )
    {
        cache ??= KitCache.Default;
        var morphology = L5pcNetworkExperiment.Morphology(config.Network, root);
        var file = L5pcNetworkExperiment.CellFile(config.Network, cache, root);
        var clusters = DendriticClustering.GetOrBuild(
            cache,
            config.Clustering with
            {
                Synapses = config.Network.Synapses,
            },
            file,
            force
        );
        return new Fig6Clusters(clusters, morphology, file);
    }

    /// <summary>
    /// The out-of-distribution test sets: for each condition, <see cref="Fig6Config.SimulationsPerCondition"/> inputs
    /// of <see cref="OodInputGenerator"/> (simulation i from stream [<see cref="Fig6Config.Seed"/>, i], the same streams
    /// under every condition) simulated on all cores with the figure-2 cell and method, or read from the cache.
    /// </summary>
    public static Fig6Datasets Datasets(
        Fig6Config config,
        Fig6Clusters clusters,
        bool force = false,
        KitCache? cache = null,
        IProgressSink? progress = null
    )
    {
        cache ??= KitCache.Default;
        var clock = Stopwatch.StartNew();
        bool simulated = false;
        var dataset = new L5pcDatasetConfig(
            config.Network.Synapses,
            config.SimulationsPerCondition,
            config.DurationMs,
            config.Seed
        )
        {
            Simulation = config.Network.Simulation,
        };
        var factory = new L5pcDatasetFactory(dataset, clusters.CellFile);
        var clustering = config.Clustering with { Synapses = config.Network.Synapses };
        var keys = config
            .Conditions.Select(p => new ConditionKey(
                dataset,
                factory.MorphologySha256,
                clustering,
                p
            ))
            .ToArray();
        // Every missing condition is simulated in one parallel pass over all their lane groups: a small run has
        // fewer lane groups per condition than cores.
        var missing = Enumerable
            .Range(0, keys.Length)
            .Where(k => force || !cache.Contains("ood-dataset", keys[k]))
            .ToArray();
        var made = Simulate(config, factory, clusters.Clusters, missing, progress);
        var conditions = new List<Fig6ConditionData>();
        for (int k = 0; k < keys.Length; k++)
        {
            var protocol = config.Conditions[k];
            bool built = false;
            var dir = cache.GetOrBuild(
                "ood-dataset",
                keys[k],
                d =>
                {
                    built = true;
                    var (inputs, records) = made.TryGetValue(k, out var m)
                        ? m
                        : Simulate(config, factory, clusters.Clusters, [k], progress)[k];
                    Write(factory, clusters.Clusters, protocol, inputs, records, d);
                },
                force
            );
            simulated |= built;
            var read = Kit.Neuron.Data.DatasetFile.Read(Path.Combine(dir, DatasetFile));
            var drawn =
                JsonSerializer.Deserialize<Fig6DrawnInput[]>(
                    File.ReadAllText(Path.Combine(dir, InputsFile))
                ) ?? throw new InvalidDataException($"{dir}: empty {InputsFile}");
            conditions.Add(
                new Fig6ConditionData(
                    protocol,
                    new InMemorySource(read.Simulations, protocol.Name),
                    drawn,
                    dir,
                    !built
                )
            );
        }
        return new Fig6Datasets(conditions, simulated ? clock.Elapsed.TotalSeconds : 0);
    }

    /// <summary>
    /// Draws the inputs of conditions <paramref name="which"/> (indices into the config's conditions) and simulates
    /// all their lane groups (simulations [g·lanes, …) of each condition, fixed by index, so the records do not depend
    /// on the threads) in one parallel pass.
    /// </summary>
    private static Dictionary<int, (OodInput[] Inputs, SimulationRecord[] Records)> Simulate(
        Fig6Config config,
        L5pcDatasetFactory factory,
        SegmentClusters clusters,
        int[] which,
        IProgressSink? progress
    )
    {
        int n = config.SimulationsPerCondition,
            lanes = factory.Config.Lanes,
            groups = (n + lanes - 1) / lanes;
        var made = which.ToDictionary(
            k => k,
            k =>
            {
                var generator = OodInputGenerator.ForCell(
                    factory.Config.InputConfig,
                    factory.Cell.Tree.Discretization,
                    clusters,
                    config.Conditions[k]
                );
                var inputs = Enumerable
                    .Range(0, n)
                    .Select(i => generator.Generate(config.Seed, i))
                    .ToArray();
                return (Inputs: inputs, Records: new SimulationRecord[n]);
            }
        );
        if (which.Length == 0)
            return made;
        using var reporter = new ProgressReporter(
            $"simulate {which.Length} conditions",
            which.Length * groups,
            progress
        );
        Parallel.For(
            0,
            which.Length * groups,
            new ParallelOptions
            {
                MaxDegreeOfParallelism =
                    config.Threads > 0 ? config.Threads : Environment.ProcessorCount,
                CancellationToken = KitCancellation.Token,
            },
            j =>
            {
                var (inputs, records) = made[which[j / groups]];
                int first = j % groups * lanes,
                    count = Math.Min(lanes, n - first);
                var group = factory.Simulate([
                    .. inputs.Skip(first).Take(count).Select(x => x.Input),
                ]);
                Array.Copy(group, 0, records, first, count);
                reporter.Advance();
            }
        );
        return made;
    }

    /// <summary>Writes one condition's simulations (<c>ood.npz</c>) and what each drew (<c>inputs.json</c>) into <paramref name="dir"/>.</summary>
    private static void Write(
        L5pcDatasetFactory factory,
        SegmentClusters clusters,
        OodProtocol protocol,
        OodInput[] inputs,
        SimulationRecord[] records,
        string dir
    )
    {
        var metadata = factory.PartMetadata(0) with
        {
            ConfigJson = JsonSerializer.Serialize(
                new
                {
                    dataset = factory.Config,
                    protocol,
                    clusters = clusters.Clusters,
                }
            ),
        };
        Kit.Neuron.Data.DatasetFile.Write(
            Path.Combine(dir, DatasetFile),
            new SpikeDataset(metadata, records)
        );
        File.WriteAllText(
            Path.Combine(dir, InputsFile),
            JsonSerializer.Serialize(
                inputs.Select(x => new Fig6DrawnInput([.. x.StimulatedClusters], x.PeriodMs))
            )
        );
    }

    /// <summary>
    /// Loads the exported network in <paramref name="folder"/> and checks that it reads <paramref name="channels"/>
    /// inputs (the cell's synapse count).
    /// </summary>
    /// <exception cref="InvalidDataException">The folder is not a model folder, or the network reads another number
    /// of channels than the cell has synapses (the message names both and what to do).</exception>
    public static SavedModel LoadNetwork(string folder, int channels, string device = "cpu")
    {
        var saved = ModelFolder.Load(folder, DeviceSetting.Parse(device));
        if (saved.InputChannels != channels)
        {
            saved.Dispose();
            throw new InvalidDataException(
                $"{folder}: the network reads {saved.InputChannels} input channels, but the simulated cell has "
                    + $"{channels} synapses; it was trained on another cell. Export the figure-2 network of this "
                    + "cell (run notebooks/02-l5pc-nmda.ipynb at the same profile) or give another ModelFolder."
            );
        }
        return saved;
    }

    /// <summary>
    /// The figure-2 network to judge. With <see cref="Fig6Config.ModelFolder"/> set: that folder, which must fit the
    /// cell (else <see cref="InvalidDataException"/>). Otherwise <c>figures/02-l5pc-nmda/model</c> when it exists, was
    /// trained at this profile and reads the cell's channels; failing that, the figure-2 network is trained here with
    /// the figure-2 code and preset (<see cref="L5pcNetworkExperiment.Train"/>, cached), and <see cref="Fig6Network.Origin"/>
    /// says why.
    /// </summary>
    /// <param name="config">The run.</param>
    /// <param name="channels">Input channels of the simulated cell (2 × its dendritic segments).</param>
    /// <param name="force">Retrain the on-the-spot network.</param>
    /// <param name="cache">The cache.</param>
    /// <param name="progress">Progress sink.</param>
    /// <param name="root">Repository root (default: found from the working directory).</param>
    public static Fig6Network Network(
        Fig6Config config,
        int channels,
        bool force = false,
        KitCache? cache = null,
        IProgressSink? progress = null,
        string? root = null
    )
    {
        if (config.ModelFolder is { } explicitFolder)
        {
            var saved = LoadNetwork(explicitFolder, channels, config.Network.Device);
            return new Fig6Network(
                saved.Model,
                saved.Target,
                $"the network exported in {explicitFolder}",
                false,
                null
            );
        }
        var folder = DefaultModelFolder(root);
        string why;
        if (File.Exists(Path.Combine(folder, ModelFolder.ModelFile)))
        {
            var saved = ModelFolder.Load(folder);
            var profile = saved.Training?["profile"]?.GetValue<string>();
            if (profile == config.Profile && saved.InputChannels == channels)
                return new Fig6Network(
                    saved.Model,
                    saved.Target,
                    $"the network notebook 02 exported ({folder}, profile {profile})",
                    false,
                    null
                );
            why =
                $"{folder} holds a {profile ?? "unknown"}-profile network reading {saved.InputChannels} channels, "
                + $"not the {config.Profile} one of this {channels}-channel cell";
            saved.Dispose();
        }
        else
            why = $"notebook 02 has not exported a network ({folder} is absent)";
        var data = L5pcNetworkExperiment.Data(config.Network, progress, cache, root);
        var fit = L5pcNetworkExperiment.Train(
            config.Network,
            data,
            force: force,
            progress: progress,
            cache: cache
        );
        return new Fig6Network(
            fit.Model,
            fit.Target,
            $"trained here with the figure-2 {config.Profile} preset, because {why}",
            true,
            fit
        );
    }

    /// <summary>
    /// The paper's evaluation (<see cref="PaperEvaluation"/>) of the network on the figure-2 test set (figure-2 rules)
    /// and on every condition (first 500 ms dropped, simulations kept up to <see cref="Fig6Config.MaxOutputSpikes"/>),
    /// keeping <paramref name="keepPredictions"/> predictions of each for the panels. A condition whose kept
    /// simulations hold no output spike has AUC NaN (undefined), its voltage scores still stand.
    /// </summary>
    public static Fig6Evaluation Evaluate(
        Fig6Config config,
        Fig6Network network,
        Fig6Datasets data,
        bool force = false,
        KitCache? cache = null,
        IProgressSink? progress = null,
        string? root = null,
        int keepPredictions = 1
    )
    {
        var net = config.Network;
        var test = L5pcNetworkExperiment.TestData(net, progress, cache, root);
        PaperEvaluationConfig Rules(int maxSpikes) =>
            PaperEvaluationConfig.Paper with
            {
                DropFirstMs = net.DropFirstMs,
                MaxSpikes = maxSpikes,
                WindowMs = net.EvalWindowMs,
                BootstrapResamples = net.Bootstrap,
                BootstrapSeed = (int)(config.Seed & 0x7fffffff),
                KeepPredictions = keepPredictions,
                Threads = net.TorchThreads,
            };
        var inDistribution = new Fig6Score(
            "in-distribution",
            PaperEvaluation.Run(
                network.Model,
                network.Target,
                test,
                Rules(net.MaxOutputSpikes),
                progress
            ),
            net.TestSimulations * net.DurationMs / 60000.0
        );
        var conditions = data
            .Conditions.Select(c => new Fig6Score(
                c.Protocol.Name,
                PaperEvaluation.Run(
                    network.Model,
                    network.Target,
                    c.Simulations,
                    Rules(config.MaxOutputSpikes),
                    progress
                ),
                c.SimulatedMinutes
            ))
            .ToList();
        return new Fig6Evaluation(inDistribution, conditions);
    }

    /// <summary>
    /// Where and why the network falls short out of distribution (<see cref="Fig6Diagnosis"/>): every simulation of
    /// the figure-2 test set (all spike counts) and of every condition predicted and scored alone (the first
    /// <see cref="L5pcNetworkConfig.DropFirstMs"/> ms left out, windows stitched as in the evaluation), with its input
    /// rates and output spikes; per test set, the AUC within the figure-2 training range (at most
    /// <see cref="L5pcNetworkConfig.MaxOutputSpikes"/> output spikes) and beyond it.
    /// </summary>
    public static Fig6Diagnosis Diagnose(
        Fig6Config config,
        Fig6Network network,
        Fig6Datasets data,
        KitCache? cache = null,
        IProgressSink? progress = null,
        string? root = null
    )
    {
        var net = config.Network;
        var test = L5pcNetworkExperiment.TestData(net, progress, cache, root);
        int overlap = network.Model.HistoryMs - 1;
        int window = Math.Max(net.EvalWindowMs, overlap + 1);
        TorchSetup.Configure(net.TorchThreads);
        ScoredSimulation Scored(SimulationRecord record, int index, Fig6DrawnInput? drawn)
        {
            int from = Math.Min(net.DropFirstMs, record.DurationMs);
            int n = record.DurationMs - from;
            var p = Predictor.Predict(network.Model, record, network.Target, window, overlap);
            int half = record.Channels / 2;
            int excitatory = 0,
                inhibitory = 0;
            for (int k = 0; k < record.SpikeTimesMs.Count; k++)
                if (record.SpikeTimesMs[k] >= from)
                {
                    if (record.SpikeChannels[k] < half)
                        excitatory++;
                    else
                        inhibitory++;
                }
            double clip = network.Target.ClipMv;
            return new ScoredSimulation(
                index,
                drawn?.StimulatedClusters.Length ?? config.Clustering.Clusters,
                drawn?.PeriodMs,
                n == 0 ? 0 : (double)excitatory / n,
                n == 0 ? 0 : (double)inhibitory / n,
                p.SpikeProbability[from..],
                [.. record.OutputSpikeTrain()[from..].Select(v => (double)v)],
                p.VoltageMv[from..],
                [.. record.SomaVoltageMv.Skip(from).Select(v => Math.Min(v, clip))]
            );
        }
        var sets = new List<(string, IReadOnlyList<ScoredSimulation>)>();
        var inDistribution = new List<ScoredSimulation>();
        for (int b = 0; b < test.Blocks.Count; b++)
            test.ForEach(b, r => inDistribution.Add(Scored(r, inDistribution.Count, null)));
        sets.Add(("in-distribution", inDistribution));
        foreach (var c in data.Conditions)
        {
            var sims = c.Simulations.Simulations;
            sets.Add((c.Protocol.Name, [.. sims.Select((r, i) => Scored(r, i, c.Drawn[i]))]));
        }
        return Fig6Diagnosis.Of(sets, net.MaxOutputSpikes);
    }

    /// <summary>The metrics.json record of a run, with the <paramref name="diagnosis"/> when there is one.</summary>
    public static Fig6Metrics Metrics(
        Fig6Config config,
        Fig6Clusters clusters,
        Fig6Datasets data,
        Fig6Network network,
        Fig6Evaluation evaluation,
        Fig6Diagnosis? diagnosis = null
    ) =>
        new(
            config.Profile,
            Fig6ScoreMetrics.Of(evaluation.InDistribution),
            evaluation.Conditions.ToDictionary(c => c.Name, Fig6ScoreMetrics.Of),
            evaluation.Worst.Name,
            evaluation.WorstAucGap,
            evaluation.WorstAucGap <= config.AucGapThreshold,
            config.AucGapThreshold,
            clusters.Clusters.Clusters,
            network.Origin,
            network.TrainedHere,
            network.Model.ParameterCount(),
            Math.Round(data.SimulateSeconds, 1),
            config.Seed,
            clusters.Morphology.Name,
            KitInfo.Version
        )
        {
            Diagnosis = diagnosis?.Conditions,
            TrainingRangeSpikes = diagnosis?.TrainingRangeSpikes,
        };
}
