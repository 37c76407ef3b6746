using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Figures.Fig2;
using Kit.Figures.Fig6;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Inputs;
using Kit.Tests.Shared;

namespace Kit.Figures.Tests;

/// <summary>
/// The Figure 6 steps: presets, a tiny end-to-end run on the synthetic cell (cache and repository root in a
/// temporary folder, so no exported network exists and the figure-2 network is trained on the spot), the metrics
/// contract, and the error for an exported network that does not fit the cell.
/// </summary>
public sealed class Fig6ExperimentTests : IDisposable
{
    private readonly IsolatedRoot isolated = new("kit-fig6-");

    private string root => isolated.Path;

    public void Dispose() => isolated.Dispose();

    private KitCache Cache => new(Path.Combine(root, "cache"));

    /// <summary>The smoke preset cut to one 1 s simulation per condition, 4 clusters and a two-step figure-2 network.</summary>
    private static Fig6Config Tiny =>
        Fig6Config.Smoke with
        {
            Network = Fig2Config.Smoke with
            {
                TrainSimulations = 2,
                ValidSimulations = 1,
                TestSimulations = 1,
                SimulationsPerPart = 2,
                Schedule = TrainingSchedule.Constant(1, 1e-3, 1, 0.02),
                StepsPerRound = 2,
                ValidationWindows = 2,
                Bootstrap = 5,
                Threads = 1,
            },
            Clustering = new DendriticClusteringConfig(
                Clusters: 4,
                SimulationDurationMs: 600,
                DiscardMs: 100,
                Restarts: 1
            ),
            SimulationsPerCondition = 1,
            DurationMs = 1500,
            Threads = 1,
        };

    [Fact]
    public void PresetsGrowFromSmokeToPaperAndJudgeTheFigureTwoNetworkOfTheSameProfile()
    {
        var (s, c, p) = (Fig6Config.Smoke, Fig6Config.Course, Fig6Config.Paper);
        Assert.True(s.SimulationsPerCondition < c.SimulationsPerCondition);
        Assert.True(c.SimulationsPerCondition < p.SimulationsPerCondition);
        Assert.True(s.SimulatedMinutesPerCondition < c.SimulatedMinutesPerCondition);
        Assert.True(s.Clustering.Clusters < c.Clustering.Clusters);
        Assert.Equal(64, c.Clustering.Clusters);
        Assert.Equal(64, p.Clustering.Clusters);
        Assert.Equal(2688, p.SimulationsPerCondition * p.Conditions.Length); // the paper's OOD test set
        Assert.Equal(6000, p.DurationMs);
        foreach (var cfg in new[] { s, c, p })
        {
            Assert.Equal(cfg.Profile, cfg.Network.Profile);
            Assert.Equal(OodProtocol.PaperConditions, cfg.Conditions);
            // Distinct from the figure-2 training, validation and test seeds.
            Assert.DoesNotContain(
                cfg.Seed,
                new[] { 0L, 1, 2, 3 }.Select(o => cfg.Network.Seed + o)
            );
        }
    }

    [SkippableFact]
    public void RunsOnTheSyntheticCellAndWritesEveryMetricFiniteAndInRange()
    {
        IsolatedRoot.RequireNoSharedVariable();
        var cfg = Tiny;
        var cache = Cache;
        var clusters = Fig6Experiment.Clusters(cfg, cache: cache, root: root);
        Assert.True(clusters.Morphology.IsSynthetic);
        Assert.Equal(4, clusters.Clusters.Clusters);
        Assert.Equal(487, clusters.Clusters.Segments); // the synthetic cell's dendritic segments

        var data = Fig6Experiment.Datasets(cfg, clusters, cache: cache, progress: Progress.None);
        Assert.Equal(4, data.Conditions.Count);
        Assert.All(data.Conditions, c => Assert.False(c.FromCache));
        Assert.All(data.Conditions, c => Assert.Equal(2 * 487, c.Simulations.Channels));
        // Paired conditions: simulation 0 stimulates the same clusters under each.
        Assert.Single(
            data.Conditions.Select(c => string.Join(",", c.Drawn[0].StimulatedClusters)).Distinct()
        );
        Assert.Null(data.Conditions[0].Drawn[0].PeriodMs);
        Assert.InRange(data.Conditions[2].Drawn[0].PeriodMs!.Value, 15, 300);
        var again = Fig6Experiment.Datasets(cfg, clusters, cache: cache, progress: Progress.None);
        Assert.All(again.Conditions, c => Assert.True(c.FromCache));
        Assert.Equal(0, again.SimulateSeconds);
        Assert.Equal(
            data.Conditions[1].Simulations.Simulations[0].SomaVoltageMv,
            again.Conditions[1].Simulations.Simulations[0].SomaVoltageMv
        );

        var network = Fig6Experiment.Network(
            cfg,
            clusters.Clusters.Segments * 2,
            cache: cache,
            progress: Progress.None,
            root: root
        );
        Assert.True(network.TrainedHere);
        Assert.Contains("absent", network.Origin);
        var evaluation = Fig6Experiment.Evaluate(
            cfg,
            network,
            data,
            cache: cache,
            progress: Progress.None,
            root: root
        );
        var metrics = Fig6Experiment.Metrics(cfg, clusters, data, network, evaluation);
        using var json = JsonDocument.Parse(metrics.ToJson());
        var r = json.RootElement;
        Assert.Equal("smoke", r.GetProperty("profile").GetString());
        static void Score(JsonElement e, string what)
        {
            // A test set without an output spike has no AUC (null); the voltage score always stands.
            var auc = e.GetProperty("auc");
            if (auc.ValueKind == JsonValueKind.Null)
                Assert.Equal(0, e.GetProperty("output_spikes").GetInt64());
            else
                Assert.InRange(auc.GetDouble(), 0, 1);
            Assert.True(
                e.GetProperty("rmse_mv_rescaled").GetDouble() is > 0 and < 100,
                $"{what}: rmse_mv_rescaled"
            );
        }
        Score(r.GetProperty("in_distribution"), "in_distribution");
        var conditions = r.GetProperty("conditions");
        Assert.Equal(
            OodProtocol.PaperConditions.Select(p => p.Name),
            conditions.EnumerateObject().Select(p => p.Name)
        );
        foreach (var c in conditions.EnumerateObject())
        {
            Score(c.Value, c.Name);
            Assert.Equal(1500 / 60000.0, c.Value.GetProperty("simulated_minutes").GetDouble(), 6);
        }
        Assert.Contains(
            r.GetProperty("worst_condition").GetString(),
            OodProtocol.PaperConditions.Select(p => p.Name)
        );
        Assert.Equal(4, r.GetProperty("clusters").GetInt32());
        Assert.True(r.GetProperty("network_trained_here").GetBoolean());

        var diagnosis = Fig6Experiment.Diagnose(
            cfg,
            network,
            data,
            cache: cache,
            progress: Progress.None,
            root: root
        );
        // Every simulation scored once: the figure-2 test set (all spike counts), then each condition.
        Assert.Equal(
            ["in-distribution", .. OodProtocol.PaperConditions.Select(p => p.Name)],
            diagnosis.Conditions.Select(c => c.Condition)
        );
        Assert.Equal(cfg.Network.TestSimulations + 4, diagnosis.Rows.Count);
        Assert.Equal(cfg.Network.MaxOutputSpikes, diagnosis.TrainingRangeSpikes);
        for (int k = 0; k < 4; k++)
        {
            var row = diagnosis.Rows.Single(r => r.Condition == cfg.Conditions[k].Name);
            var sim = data.Conditions[k].Simulations.Simulations[0];
            Assert.Equal(
                data.Conditions[k].Drawn[0].StimulatedClusters.Length,
                row.ClustersStimulated
            );
            Assert.Equal(data.Conditions[k].Drawn[0].PeriodMs, row.PeriodMs);
            Assert.Equal(
                sim.OutputSpikeTimesMs.Count(t => t >= cfg.Network.DropFirstMs),
                row.OutputSpikes
            );
            if (!cfg.Conditions[k].Inhibition)
                Assert.Equal(0, row.InhibitoryInputsPerMs);
            Assert.True(row.ExcitatoryInputsPerMs > 0, $"{row.Condition}: excitatory input");
        }
        var inRow = diagnosis.Rows.First(r => r.Condition == "in-distribution");
        Assert.Equal(4, inRow.ClustersStimulated); // every cluster in distribution
        Assert.Null(inRow.PeriodMs);
        Assert.Equal(diagnosis.Rows.Count, diagnosis.Table().Rows.Count);
        var diagnosed = JsonNode
            .Parse(
                Fig6Experiment.Metrics(cfg, clusters, data, network, evaluation, diagnosis).ToJson()
            )!
            .AsObject();
        Assert.Equal(5, diagnosed["diagnosis"]!.AsArray().Count);
        Assert.Equal(
            cfg.Network.MaxOutputSpikes,
            diagnosed["training_range_spikes"]!.GetValue<int>()
        );

        var panels = Fig6Figure.Panels(cfg, clusters, data, evaluation);
        Assert.Equal(
            [
                "a-clusters",
                "b-clustered-ei-raster",
                "b-clustered-ei-voltage",
                "c-clustered-e-raster",
                "c-clustered-e-voltage",
                "d-clustered-sinusoidal-ei-raster",
                "d-clustered-sinusoidal-ei-voltage",
                "e-clustered-sinusoidal-e-raster",
                "e-clustered-sinusoidal-e-voltage",
                "f-auc",
                "f-rmse",
            ],
            panels.Select(p => p.Name)
        );
        // The period panel only when some sinusoidal simulation has an AUC to draw.
        bool periodic = diagnosis.Rows.Any(r => r.PeriodMs is not null && double.IsFinite(r.Auc));
        Assert.Equal(
            periodic ? ["g-auc-by-output-spikes", "h-auc-by-period"] : ["g-auc-by-output-spikes"],
            Fig6Figure.DiagnosisPanels(diagnosis).Select(p => p.Name)
        );
    }

    [Fact]
    public void MetricsJsonCarriesTheIssuesKeyNames()
    {
        static Fig6ScoreMetrics S(double auc) =>
            new(auc, [auc - 0.01, auc], 1.2, [1, 1.4], 2.5, 5, 5, 7);
        var m = new Fig6Metrics(
            "course",
            S(0.98),
            new Dictionary<string, Fig6ScoreMetrics>
            {
                ["clustered-ei"] = S(0.95),
                ["clustered-e"] = S(0.9),
            },
            "clustered-e",
            0.08,
            false,
            0.05,
            64,
            "trained here",
            true,
            1000,
            12.5,
            6,
            "cell1",
            "test"
        );
        var o = JsonNode.Parse(m.ToJson())!.AsObject();
        Assert.Equal(
            [
                "profile",
                "in_distribution",
                "conditions",
                "worst_condition",
                "worst_auc_gap",
                "close",
                "auc_gap_threshold",
                "clusters",
                "network",
                "network_trained_here",
                "model_parameters",
                "simulate_seconds",
                "seed",
                "morphology",
                "kit_version",
                "diagnosis",
                "training_range_spikes",
            ],
            o.Select(p => p.Key)
        );
        string[] score =
        [
            "auc",
            "auc_ci",
            "rmse_mv_rescaled",
            "rmse_mv_rescaled_ci",
            "simulated_minutes",
            "simulations",
            "simulations_kept",
            "output_spikes",
        ];
        Assert.Equal(score, o["in_distribution"]!.AsObject().Select(p => p.Key));
        Assert.Equal(score, o["conditions"]!["clustered-e"]!.AsObject().Select(p => p.Key));
        Assert.Equal(0.9, o["conditions"]!["clustered-e"]!["auc"]!.GetValue<double>());
        Assert.Empty(m.CompareWithPaper()); // the paper gives no number for figure 6
    }

    [Fact]
    public void AnExportedNetworkOfAnotherCellStopsNamingBothChannelCounts()
    {
        var folder = Path.Combine(root, "model");
        using (var net = CausalNet.Build(CausalNetConfig.L5pc(1278, [5, 3], 4), seed: 1))
            ModelFolder.Save(
                folder,
                net,
                TargetTransform.L5pc,
                new JsonObject { ["profile"] = "smoke" }
            );

        var e = Assert.Throws<InvalidDataException>(() =>
            Fig6Experiment.Network(
                Tiny with
                {
                    ModelFolder = folder,
                },
                974,
                cache: Cache,
                root: root
            )
        );
        Assert.Contains(folder, e.Message);
        Assert.Contains("1278 input channels", e.Message);
        Assert.Contains("974 synapses", e.Message);
        // The same folder loads when the channel counts agree.
        using var fits = Fig6Experiment.LoadNetwork(folder, 1278);
        Assert.Equal(1278, fits.InputChannels);
    }
}
