using System.Text.Json;
using Kit.Core;
using Kit.Figures.Fig1;
using Kit.Learning.Training;

namespace Kit.Figures.Tests;

/// <summary>The Figure 1 steps end to end on a tiny configuration, with the cache in a temporary folder.</summary>
public class Fig1ExperimentTests
{
    private static Fig1Config Tiny =>
        Fig1Config.Smoke with
        {
            TrainSimulations = 24,
            TestSimulations = 4,
            Schedule = new([new Phase(2, 3e-3, 1, 0.003)]),
            Threads = 1,
        };

    [Fact]
    public void RunsCachesAndWritesTheMetricsContract()
    {
        var cache = new KitCache(Directory.CreateTempSubdirectory("kit-fig1-").FullName);
        var cfg = Tiny;
        var data = Fig1Experiment.Datasets(cfg, cache: cache, progress: Progress.None);
        Assert.False(data.FromCache);
        Assert.Equal(24, data.Train.Simulations.Count);
        Assert.Equal(4, data.Test.Simulations.Count);
        Assert.Equal(cfg.Seed, data.Train.Metadata.Seed);

        var again = Fig1Experiment.Datasets(cfg, cache: cache, progress: Progress.None);
        Assert.True(again.FromCache);
        Assert.Equal(
            data.Train.Simulations[3].SpikeTimesMs,
            again.Train.Simulations[3].SpikeTimesMs
        );
        // The test set has its own seed: it is not a copy of the first training simulations.
        Assert.NotEqual(
            data.Train.Simulations[0].SpikeTimesMs,
            data.Test.Simulations[0].SpikeTimesMs
        );

        var fit = Fig1Experiment.Train(cfg, data, cache: cache, progress: Progress.None);
        Assert.Equal(2 * ((23 + 15) / 16), fit.Steps);
        var resumed = Fig1Experiment.Train(cfg, data, cache: cache, progress: Progress.None);
        Assert.Equal(fit.Steps, resumed.Steps);
        Assert.Equal(fit.BestValidLoss, resumed.BestValidLoss);

        var eval = Fig1Experiment.Evaluate(cfg, fit, data);
        Assert.Equal(4 * cfg.DurationMs, eval.SpikeProbability.Length);
        var filter = Fig1Experiment.Filter(cfg, fit.Model);
        Assert.Equal(100, filter.Weights.GetLength(0));
        Assert.Equal(80, filter.LagsMs.Length);

        var metrics = Fig1Experiment.Metrics(cfg, data, fit, eval, filter);
        var path = Path.Combine(cache.Directory, "metrics.json");
        metrics.Save(path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        foreach (
            var key in new[]
            {
                "profile",
                "auc",
                "rmse_mv",
                "variance_explained",
                "tau_ms",
                "train_seconds",
            }
        )
            Assert.True(json.RootElement.TryGetProperty(key, out _), $"metrics.json lacks {key}");
        Assert.Equal("smoke", json.RootElement.GetProperty("profile").GetString());
        // Four steps from a random start teach the unit little (AUC 0.54 measured; 0.86 before the initialisation
        // was truly random: every weight started at +0.25, an excitatory filter for free). How well the network
        // learns is checked by the smoke notebook (AUC 0.998) and Kit.Learning's TrainingTests; here, the contract.
        Assert.Equal(eval.Auc, json.RootElement.GetProperty("auc").GetDouble());
        Assert.InRange(eval.Auc, 0, 1);
        Assert.Equal(0.9973, json.RootElement.GetProperty("paper").GetProperty("auc").GetDouble());
    }

    [Fact]
    public void OverlapShorterThanTheHistoryIsRefused()
    {
        var cache = new KitCache(Directory.CreateTempSubdirectory("kit-fig1-").FullName);
        var cfg = Tiny with { EvalOverlapMs = 40 };
        var data = Fig1Experiment.Datasets(cfg, cache: cache, progress: Progress.None);
        var fit = Fig1Experiment.Train(cfg, data, cache: cache, progress: Progress.None);
        var e = Assert.Throws<ArgumentException>(() => Fig1Experiment.Evaluate(cfg, fit, data));
        Assert.Contains("79 ms", e.Message);
    }

    [Fact]
    public void ProfilesAreOrderedBySize()
    {
        Assert.True(Fig1Config.Smoke.TrainSimulations < Fig1Config.Course.TrainSimulations);
        Assert.True(Fig1Config.Course.TrainSimulations < Fig1Config.Paper.TrainSimulations);
        Assert.Equal(12000, Fig1Config.Paper.TrainSimulations);
        Assert.Equal(1000, Fig1Config.Paper.TestSimulations);
        Assert.Equal(100, Fig1Config.Paper.Schedule.TotalRounds);
        Assert.Equal(3e-4, Fig1Config.Paper.Schedule.Phases[0].LearningRate);
        Assert.Same(Fig1Config.Course, Fig1Config.For("course"));
    }
}
