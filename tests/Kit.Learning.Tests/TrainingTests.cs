using Kit.Core;
using Kit.Learning.Evaluation;
using Kit.Learning.Metrics;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

public sealed class TrainingTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"nk-train-{Guid.NewGuid():N}");

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

    private static TrainerConfig Config(int rounds, double lr = 0.01, string? checkpoints = null) =>
        new(
            new TrainingSchedule([new Phase(rounds, lr, 1, 0.05)]),
            TargetTransform.IntegrateAndFire,
            200,
            8,
            WindowSampling.OnePerSimulation,
            Seed: 5,
            Threads: 1,
            CheckpointDirectory: checkpoints,
            CheckpointEverySteps: 4
        );

    [Fact]
    public void SamplerIsDeterministicAndCoversEverySimulationOncePerRound()
    {
        var sims = Synthetic.Set(6, 1, durationMs: 300);
        var a = new WindowSampler(sims, 100, WindowSampling.OnePerSimulation, 9);
        var b = new WindowSampler(sims, 100, WindowSampling.OnePerSimulation, 9);
        Assert.Equal(a.Round(3, 0), b.Round(3, 0));
        Assert.NotEqual(a.Round(3, 0), a.Round(4, 0));
        Assert.Equal(Enumerable.Range(0, 6), a.Round(0, 0).Select(w => w.Simulation).Order());
        Assert.All(a.Round(0, 0), w => Assert.InRange(w.StartMs, 0, 200));

        var u = new WindowSampler(sims, 100, WindowSampling.UniformEnds, 9, minEndMs: 250);
        var windows = u.Round(0, 200);
        Assert.Equal(200, windows.Length);
        Assert.All(windows, w => Assert.InRange(w.StartMs + 100, 250, 300));
    }

    [Fact]
    public void TargetTransformClipsAndSubtractsTheTrainingMean()
    {
        var r = new SimulationRecord(1, 4, [], [], [-70f, -60f, -50f, 20f], []);
        var t = TargetTransform.IntegrateAndFire.Resolve([r]);
        double mean = (-70 - 60 - 54.9 - 54.9) / 4;
        Assert.Equal(mean, t.Offset, 4);
        Assert.Equal(-54.9 - mean, t.Forward(20f), 4);
        Assert.Equal(-60, t.Inverse(t.Forward(-60f)), 4);
        Assert.Equal(-67.7, TargetTransform.L5pc.Offset);
    }

    [Fact]
    public void SchedulePresetsKeepThePaperShape()
    {
        var full = TrainingSchedule.L5pc();
        Assert.Equal(250, full.TotalRounds);
        Assert.Equal([1e-4, 3e-5, 1e-5, 3e-6, 1e-6], full.Phases.Select(p => p.LearningRate));
        var small = TrainingSchedule.L5pc(0.1);
        Assert.Equal([4, 4, 4, 4, 9], small.Phases.Select(p => p.Rounds));
        Assert.Equal(4, small.PhaseOfRound(20));
        Assert.Equal(0.003, TrainingSchedule.Constant().Phases[0].VoltageWeight);
    }

    [Fact]
    public void LearnsALinearFilterNeuron()
    {
        var train = Synthetic.Set(24, 2);
        var valid = Synthetic.Set(4, 3);
        // The spike head starts at the base rate (figure 1's SpikeBiasFromRate): from the paper's -2 a linear unit
        // drawn with the wrong sign can stay there in a short run.
        using var net = CausalNet.Build(
            Linear with
            {
                SpikeHeadInitBias = SpikeRate.Logit(new InMemorySource(train)),
            },
            seed: 1
        );
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var fit = Trainer.Fit(net, train, valid, Config(60), Progress.None);
        double wallS = clock.Elapsed.TotalSeconds;
        Assert.Equal(60, fit.History.Count);
        Assert.Equal(180, fit.Steps); // 24 / 8 = 3 steps per round
        double first = fit.History[0].ValidLoss;
        double best = fit.BestValidLoss;
        Assert.True(best < 0.5 * first, $"validation loss {first} → {best} should at least halve");
        Assert.True(fit.History[^1].TrainLoss < fit.History[0].TrainLoss);
        Assert.Equal(fit.History.Min(h => h.ValidLoss), best);
        // The fit's own clock is in seconds and covers its training, which lies inside the call.
        Assert.InRange(fit.TrainSeconds, 1e-6, wallS);

        // The learned unit's excitatory filter decays like the neuron's exp(-t / 10 ms) kernel.
        var unit = FilterAnalysis.Unit(fit.Model.FirstLayerWeights(), 0);
        var (exc, _) = FilterAnalysis.TemporalCrossSection(
            FilterAnalysis.SignFix(unit, 8).Filter,
            8
        );
        var tau = FilterAnalysis.FitExponential(exc, 0.2).TauMs;
        Assert.InRange(tau, 7, 13); // 8.9 ms after 180 steps
        var eval = EvaluationResult.Compute(fit.Model, valid, fit.Target, 200, 39);
        Assert.True(eval.Auc > 0.9, $"AUC {eval.Auc}");
        Assert.True(eval.VarianceExplained > 0.5, $"VE {eval.VarianceExplained}");
    }

    /// <summary>
    /// Validation is one yardstick across phases: in a second phase that raises the spike weight 8x with a zero
    /// learning rate the network does not change, so neither may its validation loss (weighted per phase, it rose
    /// about 8x and the best weights were always an early phase's).
    /// </summary>
    [Fact]
    public void ValidationLossComparesAcrossPhases()
    {
        var train = Synthetic.Set(16, 11);
        var valid = Synthetic.Set(4, 12);
        using var net = CausalNet.Build(Linear, seed: 3);
        var config = Config(1) with
        {
            Schedule = new TrainingSchedule([
                new Phase(2, 0.01, 1, 0.05),
                new Phase(2, 0.0, 8, 0.01),
            ]),
        };
        var fit = Trainer.Fit(net, train, valid, config, Progress.None);
        var losses = fit.History.Select(h => h.ValidLoss).ToArray();
        Assert.Equal(4, losses.Length);
        Assert.Equal(losses[1], losses[2], 6);
        Assert.Equal(losses[1], losses[3], 6);
        Assert.NotEqual(losses[0], losses[1]); // the first phase did train
    }

    [Fact]
    public void ResumedFitMatchesAnUninterruptedOne()
    {
        var train = Synthetic.Set(16, 4);
        var valid = Synthetic.Set(2, 5);
        using var straightNet = CausalNet.Build(Linear, seed: 2);
        var straight = Trainer.Fit(
            straightNet,
            train,
            valid,
            Config(5, checkpoints: dir + "-a"),
            Progress.None
        );

        using var cts = new CancellationTokenSource();
        var stopper = new StopAfter(5, cts);
        using var first = CausalNet.Build(Linear, seed: 2);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Trainer.Fit(first, train, valid, Config(5, checkpoints: dir), stopper, cts.Token)
        );
        Assert.True(File.Exists(Path.Combine(dir, "state.json")));
        Assert.Contains("\"Step\": 5", File.ReadAllText(Path.Combine(dir, "state.json")));

        using var second = CausalNet.Build(Linear, seed: 99); // weights come from the checkpoint
        var resumed = Trainer.Fit(second, train, valid, Config(5, checkpoints: dir), Progress.None);
        Assert.Equal(straight.Steps, resumed.Steps);
        Assert.Equal(straight.BestStep, resumed.BestStep);
        Assert.Equal(
            straight.History.Select(h => h.ValidLoss),
            resumed.History.Select(h => h.ValidLoss)
        );
        foreach (var (name, p) in straightNet.named_parameters())
        {
            var q = second.named_parameters().Single(x => x.name == name).parameter;
            Assert.True(p.allclose(q, 1e-6, 1e-7), $"{name} differs after resume");
        }
        Directory.Delete(dir + "-a", true);
    }

    [Fact]
    public void NonFiniteLossNamesStepAndPhaseAndKeepsTheBestCheckpoint()
    {
        var train = Synthetic.Set(8, 6);
        var valid = Synthetic.Set(2, 7);
        using var net = CausalNet.Build(Linear, seed: 3);
        Trainer.Fit(net, train, valid, Config(2, checkpoints: dir), Progress.None);
        var bestPath = Path.Combine(dir, "best.model.bin");
        var bestBytes = File.ReadAllBytes(bestPath);

        // Continue with one more phase on data whose voltage is NaN.
        var bad = train
            .Select(r => new SimulationRecord(
                r.Channels,
                r.DurationMs,
                r.SpikeChannels.ToArray(),
                r.SpikeTimesMs.ToArray(),
                Enumerable.Repeat(float.NaN, r.DurationMs).ToArray(),
                r.OutputSpikeTimesMs.ToArray()
            ))
            .ToList();
        var extended = Config(2, checkpoints: dir) with
        {
            Schedule = new TrainingSchedule([
                new Phase(2, 0.01, 1, 0.05),
                new Phase(2, 0.01, 1, 0.05),
            ]),
        };
        var e = Assert.Throws<NonFiniteLossException>(() =>
            Trainer.Fit(net, bad, valid, extended, Progress.None)
        );
        Assert.Equal(2, e.Step); // 2 rounds x 1 step were done
        Assert.Equal(1, e.Phase);
        Assert.Contains("step 2 (phase 1", e.Message);
        Assert.Equal(bestBytes, File.ReadAllBytes(bestPath));
    }

    [Fact]
    public void CorruptCheckpointGivesAnErrorNamingTheFile()
    {
        var train = Synthetic.Set(8, 8);
        var valid = Synthetic.Set(2, 9);
        using var net = CausalNet.Build(Linear, seed: 4);
        Trainer.Fit(net, train, valid, Config(1, checkpoints: dir), Progress.None);
        var more = Config(2, checkpoints: dir);

        var model = Directory.GetFiles(dir, "model-*.bin").Single();
        var bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length / 2)]);
        var e1 = Assert.Throws<CheckpointException>(() =>
            Trainer.Fit(net, train, valid, more, Progress.None)
        );
        Assert.Equal(model, e1.Path);
        Assert.Contains(model, e1.Message);

        var state = Path.Combine(dir, "state.json");
        File.WriteAllText(state, "{ \"Step\": 3, ");
        var e2 = Assert.Throws<CheckpointException>(() =>
            Trainer.Fit(net, train, valid, more, Progress.None)
        );
        Assert.Contains(state, e2.Message);
    }

    [Fact]
    public void DataOfAnotherWidthIsRefusedBeforeTraining()
    {
        var train = Synthetic.Set(4, 10); // 10 channels
        using var net = CausalNet.Build(Linear with { Channels = 12 }, seed: 4);
        var e = FitAssert.RefusedWithModelUntouched(
            net,
            () => Trainer.Fit(net, train, null, Config(1), Progress.None)
        );
        Assert.Contains("10 input channels", e.Message);
        Assert.Contains("takes 12", e.Message);
    }

    /// <summary>Cancels after a number of reported steps (a stand-in for Ctrl+C or a notebook interrupt).</summary>
    private sealed class StopAfter(long steps, CancellationTokenSource cts) : IProgressSink
    {
        public void Report(ProgressUpdate update)
        {
            if (update.Done >= steps)
                cts.Cancel();
        }

        public void Complete(ProgressUpdate final) { }
    }
}
