using System.Text.Json;
using Kit.Core;
using Kit.Figures.Fig2;
using Kit.Figures.Fig3;
using Kit.Figures.L5pcNetwork;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Tests.Shared;
using static TorchSharp.torch;

namespace Kit.Figures.Tests;

/// <summary>
/// The L5PC network figures (2 and 3): where the data must be and what a run says when they are not there, and the
/// `paper` code path (NeuronIO files, the paper's TCN, training, evaluation, export) run for a few steps on NEURON's
/// own files in the shared reference folder.
/// </summary>
public sealed class L5pcNetworkTests : IDisposable
{
    private readonly IsolatedRoot isolated = new("kit-l5pcnet-");

    private string root => isolated.Path;

    public void Dispose() => isolated.Dispose();

    [SkippableFact]
    public void CourseWithoutTheReconstructionStopsSayingWhereToPutIt()
    {
        IsolatedRoot.RequireNoSharedVariable();
        // An empty root has neither data/morphologies/cell1.asc nor a shared folder beside it.
        var e = Assert.Throws<L5pcDataNotFoundException>(() =>
            L5pcNetworkExperiment.Morphology(Fig2Config.Course, root)
        );
        Assert.IsAssignableFrom<NotebookStopException>(e);
        Assert.Contains("cell1.asc", e.Message);
        Assert.Contains(Path.Combine(root, "data", "morphologies"), e.Message);
        Assert.Contains("smoke", e.Message);
    }

    [SkippableFact]
    public void SmokeFallsBackToTheSyntheticCell()
    {
        IsolatedRoot.RequireNoSharedVariable();
        var m = L5pcNetworkExperiment.Morphology(Fig3Config.Smoke, root);
        Assert.True(m.IsSynthetic);
        Assert.Null(m.SourcePath);
    }

    /// <summary>Figure 2's smoke preset cut to a few short simulations and two steps of one constant phase.</summary>
    private static Fig2Config TinySmoke(int train, int simulationsPerPart) =>
        Fig2Config.Smoke with
        {
            TrainSimulations = train,
            ValidSimulations = 1,
            TestSimulations = 1,
            SimulationsPerPart = simulationsPerPart,
            Schedule = TrainingSchedule.Constant(1, 1e-3, 1, 0.02),
            StepsPerRound = 2,
            ValidationWindows = 2,
        };

    [SkippableFact]
    public void SmokeTrainsOnTheSyntheticCellsOwnInputWidth()
    {
        IsolatedRoot.RequireNoSharedVariable();
        var cfg = TinySmoke(train: 2, simulationsPerPart: 2);
        var cache = new KitCache(Path.Combine(root, "cache"));
        var data = L5pcNetworkExperiment.Data(cfg, cache: cache, root: root);
        Assert.NotEqual(1278, data.Train.Channels); // the synthetic cell has fewer synapses than the Hay cell

        var fit = L5pcNetworkExperiment.Train(cfg, data, cache: cache);
        Assert.Equal(data.Train.Channels, fit.Model.Config.Channels);
        Assert.Equal(2, fit.Steps);
    }

    [Fact]
    public void ADatasetOfAnotherSizeInTheCacheGivesThePartsItShares()
    {
        var cache = new KitCache(Path.Combine(root, "cache"));
        L5pcNetworkData Data(int train, KitCache c) =>
            L5pcNetworkExperiment.Data(
                TinySmoke(train, simulationsPerPart: 1),
                cache: c,
                root: root
            );
        static float[][] Somas(Kit.Neuron.Data.Sources.ISimulationSource source)
        {
            var somas = new List<float[]>();
            for (int b = 0; b < source.Blocks.Count; b++)
                source.ForEach(b, s => somas.Add([.. s.SomaVoltageMv]));
            return [.. somas];
        }
        var four = Data(4, cache);
        Assert.False(four.FromCache);
        // Two of the same seed are the first two of the four: nothing is simulated.
        var two = Data(2, cache);
        Assert.True(two.FromCache);
        Assert.Equal(Somas(four.Train)[..2], Somas(two.Train));
        // Six: four parts copied, two simulated, and the same as six made from an empty cache.
        var six = Data(6, cache);
        Assert.False(six.FromCache);
        var fresh = Data(6, new KitCache(Path.Combine(root, "fresh")));
        Assert.Equal(6, Somas(six.Train).Length);
        Assert.Equal(Somas(fresh.Train), Somas(six.Train));
        Assert.Equal(Somas(four.Train), Somas(six.Train)[..4]);
    }

    [Fact]
    public void ACachedDatasetOfAnotherSizeThatCannotGiveItsPartsIsPassedOver()
    {
        var cache = new KitCache(Path.Combine(root, "cache"));
        var cfg = TinySmoke(train: 4, simulationsPerPart: 1);
        L5pcNetworkExperiment.Data(cfg, cache: cache, root: root);
        // The four's entry as another process leaves it before its manifest is written.
        var four = Directory
            .GetDirectories(Path.Combine(cache.Directory, "l5pc-dataset"))
            .Single(d =>
                File.ReadAllText(Path.Combine(d, "manifest.json")).Contains("\"simulations\": 4,")
            );
        File.Delete(Path.Combine(four, "manifest.json"));
        var two = L5pcNetworkExperiment.Data(
            cfg with
            {
                TrainSimulations = 2,
            },
            cache: cache,
            root: root
        );
        Assert.False(two.FromCache);
        Assert.Equal(2, two.Train.Blocks.Count);
    }

    [Fact]
    public void DataCurvePointsDoNotDependOnHowManyTrainAtOnce()
    {
        var cfg = TinySmoke(train: 4, simulationsPerPart: 1) with
        {
            Bootstrap = 10,
            CurveFractions = [0.25, 0.5],
        };
        var data = L5pcNetworkExperiment.Data(
            cfg,
            cache: new KitCache(Path.Combine(root, "data")),
            root: root
        );
        var main = L5pcNetworkExperiment.Train(
            cfg,
            data,
            cache: new KitCache(Path.Combine(root, "main"))
        );
        var mainEval = L5pcNetworkExperiment.Evaluate(cfg, main, data.Test);
        IReadOnlyList<DataCurvePoint> Curve(int threads) =>
            L5pcNetworkExperiment.DataCurve(
                cfg with
                {
                    Threads = threads,
                },
                data,
                main,
                mainEval,
                cache: new KitCache(Path.Combine(root, $"curve-{threads}"))
            );
        var oneAtATime = Curve(1);
        var twoAtOnce = Curve(2);
        Assert.Equal([0.25, 0.5, 1], oneAtATime.Select(p => p.Fraction));
        Assert.Equal(
            oneAtATime.Select(p => (p.TrainSteps, p.Auc, p.RmseMvRescaled)),
            twoAtOnce.Select(p => (p.TrainSteps, p.Auc, p.RmseMvRescaled))
        );
    }

    [Fact]
    public void PaperWithoutTheNeuronIoFolderStopsSayingWhereItIsPublished()
    {
        var missing = Path.Combine(root, "neuronio");
        var e = Assert.Throws<L5pcDataNotFoundException>(() =>
            L5pcNetworkExperiment.Data(Fig2Config.Paper with { NeuronIoFolder = missing })
        );
        Assert.Contains(Path.Combine(missing, "train"), e.Message);
        Assert.Contains("single neurons as deep nets", e.Message);
        Assert.Contains("kaggle", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PresetsKeepThePaperArchitecturesAndTheCourseIdea()
    {
        Assert.Equal(153, Fig2Config.Paper.Model.HistoryMs);
        Assert.Equal(7, Fig2Config.Paper.Model.Depth);
        Assert.Equal(128, Fig2Config.Paper.Model.Widths[0]);
        Assert.Equal(1, Fig3Config.Paper.Model.Depth);
        Assert.Equal(43, Fig3Config.Paper.Model.HistoryMs);
        // The course keeps a deep TCN of the paper's history for NMDA and one hidden layer for AMPA.
        Assert.Equal(7, Fig2Config.Course.Model.Depth);
        Assert.Equal(153, Fig2Config.Course.Model.HistoryMs);
        Assert.Equal(1, Fig3Config.Course.Model.Depth);
        Assert.Equal(480L * 250, Fig2Config.Paper.TotalSteps);
        // Figure 2's course network learns the nexus with one dendritic head at 0.2 x the soma weight in every phase;
        // the paper's networks and figure 3's have none.
        Assert.Equal(1, Fig2Config.Course.Model.DendriticHeads);
        Assert.All(
            Fig2Config.Course.Schedule.Phases,
            p => Assert.Equal(0.2 * p.VoltageWeight, p.DendWeight, 12)
        );
        Assert.Equal(0, Fig2Config.Paper.Model.DendriticHeads);
        Assert.Equal(0, Fig3Config.Course.Model.DendriticHeads);
    }

    [Fact]
    public void PaperCodePathTrainsEvaluatesAndExportsOnNeuronIoFiles()
    {
        var fixture = SharedData.RequireFile("reference/neuron/l5pc_nmda_fixture.p");
        var folder = Path.Combine(root, "neuronio");
        foreach (var split in new[] { "train", "valid", "test" })
        {
            Directory.CreateDirectory(Path.Combine(folder, split));
            File.CreateSymbolicLink(Path.Combine(folder, split, "sims.p"), fixture);
        }
        var cfg = Fig2Config.Paper with
        {
            NeuronIoFolder = folder,
            Schedule = TrainingSchedule.Constant(1, 1e-4, 1, 0.02),
            StepsPerRound = 2,
            ValidationWindows = 2,
            Bootstrap = 20,
            Device = "cpu",
        };
        var cache = new KitCache(Path.Combine(root, "cache"));
        var data = L5pcNetworkExperiment.Data(cfg, cache: cache);
        Assert.Contains("NeuronIO files", data.Origin);
        Assert.Equal(1278, data.Train.Channels);

        var fit = L5pcNetworkExperiment.Train(cfg, data, cache: cache);
        Assert.Equal(2, fit.Steps);
        Assert.Equal(CausalNetConfig.Tcn7x128().KernelSizesMs, fit.Model.Config.KernelSizesMs);

        var eval = L5pcNetworkExperiment.Evaluate(cfg, fit, data.Test);
        Assert.InRange(eval.SimulationsKept, 1, eval.Simulations);
        Assert.Single(eval.Predictions);
        var reference = L5pcNetworkExperiment.EvaluateReference(cfg, fit, data.Test);
        Assert.Equal(reference.Simulations, reference.SimulationsKept); // every spike count counts there

        var metrics = L5pcNetworkExperiment.Metrics<Fig2Metrics>(
            cfg,
            data,
            fit,
            eval,
            reference,
            []
        );
        using var json = JsonDocument.Parse(metrics.ToJson());
        foreach (
            var key in new[]
            {
                "profile",
                "auc",
                "auc_ci",
                "tpr_at_fpr_0.002",
                "rmse_mv",
                "rmse_mv_rescaled",
                "rmse_mv_rescaled_ci",
                "variance_explained",
                "variance_explained_rescaled",
                "model_parameters",
                "train_simulated_hours",
                "simulate_seconds",
                "train_seconds",
                "neuron_reference",
                "paper",
            }
        )
            Assert.True(json.RootElement.TryGetProperty(key, out _), $"metrics.json lacks {key}");
        Assert.Equal(0.9911, json.RootElement.GetProperty("paper").GetProperty("auc").GetDouble());

        // The exported network is what kit evaluate loads: same outputs.
        var modelDir = Path.Combine(root, "model");
        L5pcNetworkExperiment.Export(cfg, data, fit, modelDir);
        using var saved = ModelFolder.Load(modelDir);
        fit.Model.eval();
        using var x = (rand(1, 1278, 300) > 0.99).to(ScalarType.Float32);
        using var noGrad = no_grad();
        var (a, va) = fit.Model.forward(x);
        var (b, vb) = saved.Model.forward(x);
        Assert.True(a.allclose(b, 0, 0) && va.allclose(vb, 0, 0));
        GC.KeepAlive(noGrad);
        Assert.Equal("paper", saved.Training!["profile"]!.GetValue<string>());
    }
}
