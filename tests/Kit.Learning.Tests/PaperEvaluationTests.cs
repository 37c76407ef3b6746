using System.Text.Json;
using Kit.Core;
using Kit.Learning.Evaluation;
using Kit.Learning.Metrics;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;

namespace Kit.Learning.Tests;

/// <summary>The paper's evaluation streamed over a source, with bootstrap intervals.</summary>
public class PaperEvaluationTests
{
    private static readonly TargetTransform Target = new(-54.9, -65);

    private static CausalNet Net(int seed = 7) =>
        Synthetic.RandomiseWeights(
            CausalNet.Build(
                new CausalNetConfig(
                    10,
                    [20, 5],
                    [4, 2],
                    true,
                    Activation.ReLU,
                    0.1,
                    0,
                    0.5,
                    -2,
                    0.5
                )
            ),
            seed
        );

    /// <summary><paramref name="record"/>'s inputs with the given output spikes and voltage.</summary>
    private static SimulationRecord With(
        SimulationRecord record,
        double[] outputSpikesMs,
        float[]? voltageMv = null
    ) =>
        new(
            record.Channels,
            record.DurationMs,
            record.SpikeChannels.ToArray(),
            record.SpikeTimesMs.ToArray(),
            voltageMv ?? record.SomaVoltageMv.ToArray(),
            outputSpikesMs
        );

    private static PaperEvaluationConfig Quick =>
        PaperEvaluationConfig.Paper with
        {
            WindowMs = 300,
            BootstrapResamples = 50,
        };

    [Fact]
    public void KeepsSimulationsWithZeroTo24SpikesAndDropsTheStart()
    {
        // 0, 24 and 25 output spikes, 10 of them in the first 500 ms of every simulation.
        static double[] Spikes(int n) =>
            Enumerable
                .Range(0, n)
                .Select(i => i < 10 ? 20.0 + 40 * i : 520.0 + 20 * (i - 10))
                .ToArray();
        var sims = new[] { 0, 24, 25 }
            .Select((n, i) => With(Synthetic.LinearNeuron(i, durationMs: 1100), Spikes(n)))
            .ToList();
        using var net = Net();
        var e = PaperEvaluation.Run(
            net,
            Target,
            new InMemorySource(sims),
            Quick with
            {
                KeepPredictions = 5,
            },
            Progress.None
        );
        Assert.Equal(3, e.Simulations);
        Assert.Equal(2, e.SimulationsKept);
        Assert.Equal(2 * 600, e.Bins);
        Assert.Equal(24 - 10, e.Spikes); // only the spikes after 500 ms count as positive bins
        Assert.Equal([0, 1], e.Predictions.Select(p => p.Index));
        Assert.Equal(1100, e.Predictions[0].Prediction.SpikeProbability.Length);

        // Without the drop every bin of the kept simulations counts.
        var all = PaperEvaluation.Run(
            net,
            Target,
            new InMemorySource(sims),
            Quick with
            {
                DropFirstMs = 0,
            },
            Progress.None
        );
        Assert.Equal(2 * 1100, all.Bins);
        Assert.Equal(24, all.Spikes);
    }

    [Fact]
    public void APerfectPredictorScoresAucOneAndRmseZero()
    {
        // The truth is made from the network's own prediction: voltage = predicted voltage (the clip far above),
        // spikes in the bins of the highest probability after the dropped start.
        // A linear unit: no saturated probabilities, no dead units, so no ties among the highest probabilities.
        using var net = Synthetic.RandomiseWeights(
            CausalNet.Build(
                new CausalNetConfig(10, [20], [3], false, Activation.Linear, 0.1, 0, 0.05, -2, 0.5)
            ),
            3
        );
        var target = new TargetTransform(1000, -65);
        var inputs = Synthetic.Set(4, 21, durationMs: 1500);
        var predictions = inputs.Select(r => Predictor.Predict(net, r, target, 1500, 0)).ToList();
        var kept = predictions
            .SelectMany(p => p.SpikeProbability[500..])
            .Distinct()
            .Order()
            .ToArray();
        double threshold = (kept[^13] + kept[^12]) / 2; // 12 spike bins in all
        var sims = inputs
            .Select(
                (r, i) =>
                    With(
                        r,
                        Enumerable
                            .Range(500, 1000)
                            .Where(t => predictions[i].SpikeProbability[t] > threshold)
                            .Select(t => t + 0.5)
                            .ToArray(),
                        predictions[i].VoltageMv.Select(v => (float)v).ToArray()
                    )
            )
            .ToList();
        // One window of the whole simulation: the same computation as above, bit for bit.
        var e = PaperEvaluation.Run(
            net,
            target,
            new InMemorySource(sims),
            Quick with
            {
                WindowMs = 1500,
            },
            Progress.None
        );
        Assert.Equal(4, e.SimulationsKept);
        Assert.Equal(sims.Sum(r => r.OutputSpikeTimesMs.Count), e.Spikes);
        Assert.InRange(e.Spikes, 12, 24);
        Assert.Equal(1.0, e.Auc);
        Assert.Equal(1.0, e.TprAtFpr);
        Assert.Equal(0.0, e.RmseMv, 4);
        Assert.Equal(0.0, e.RmseMvRescaled, 3);
        Assert.Equal(1.0, e.VarianceExplained, 6);
        Assert.Equal(1.0, e.VarianceExplainedRescaled, 6);
        Assert.Equal(0, e.CrossCorrelation.PeakLagMs);
        Assert.Equal(1.0, e.CrossCorrelation.Values[50]);
    }

    [Fact]
    public void EqualsTheInMemoryEvaluationWhereTheyOverlap()
    {
        using var net = Net();
        var test = Synthetic.Set(5, 31, durationMs: 1200);
        var reference = EvaluationResult.Compute(net, test, Target, 300, 23, dropFirstMs: 500);
        var e = PaperEvaluation.Run(
            net,
            Target,
            new InMemorySource(test),
            Quick with
            {
                MaxSpikes = int.MaxValue,
                BatchWindows = 16, // as EvaluationResult
            },
            Progress.None
        );
        Assert.Equal(23, e.OverlapMs); // HistoryMs - 1
        Assert.Equal(reference.SpikeTruth.Length, e.Bins);
        Assert.Equal((long)reference.SpikeTruth.Sum(), e.Spikes);
        Assert.Equal(reference.Auc, e.Auc);
        Assert.Equal(reference.AtPaperFpr, e.AtFpr);
        Assert.Equal(reference.RmseMv, e.RmseMv, 5);
        Assert.Equal(reference.RmseMvRescaled, e.RmseMvRescaled, 5);
        Assert.Equal(reference.VarianceExplained, e.VarianceExplained, 5);
        Assert.Equal(reference.VarianceExplainedRescaled, e.VarianceExplainedRescaled, 5);
        Assert.Equal(reference.CrossCorrelation.Values, e.CrossCorrelation.Values);
        Assert.Equal(
            reference.CrossCorrelation.PredictedSpikes,
            e.CrossCorrelation.PredictedSpikes
        );
        Assert.Equal(reference.Auc, e.Roc.Auc);
    }

    [Fact]
    public void BootstrapIntervalsHoldTheEstimateAndNarrowWithMoreSimulations()
    {
        using var net = Net(5);
        PaperEvaluationResult Evaluate(int simulations) =>
            PaperEvaluation.Run(
                net,
                Target,
                new InMemorySource(
                    Enumerable
                        .Range(0, simulations)
                        .Select(i => Synthetic.LinearNeuron(4100 + i, durationMs: 1500, rateHz: 30))
                        .ToList()
                ),
                Quick with
                {
                    MaxSpikes = int.MaxValue,
                    BootstrapResamples = 200,
                },
                Progress.None
            );
        var few = Evaluate(10);
        var many = Evaluate(80);
        foreach (var e in new[] { few, many })
        {
            Assert.True(e.AucCi.Contains(e.Auc), $"AUC {e.Auc} outside {e.AucCi}");
            Assert.True(e.RmseMvRescaledCi.Contains(e.RmseMvRescaled));
            Assert.True(e.RmseMvCi.Contains(e.RmseMv));
            Assert.True(e.VarianceExplainedRescaledCi.Contains(e.VarianceExplainedRescaled));
            Assert.True(e.AucCi.Width > 0);
        }
        Assert.True(
            many.AucCi.Width < few.AucCi.Width,
            $"{many.AucCi} vs {few.AucCi}, spikes {many.Spikes} vs {few.Spikes}"
        );
        Assert.True(many.RmseMvRescaledCi.Width < few.RmseMvRescaledCi.Width);

        // Reproducible from the seed.
        Assert.Equal(few.AucCi, Evaluate(10).AucCi);
    }

    [Fact]
    public void AucReplicatesAreTheSameResampledSimulationsForEveryNetwork()
    {
        var records = Enumerable
            .Range(0, 8)
            .Select(i => Synthetic.LinearNeuron(5100 + i, durationMs: 1200, rateHz: 30))
            .ToList();
        var config = Quick with { MaxSpikes = int.MaxValue, BootstrapResamples = 5 };
        foreach (int seed in new[] { 5, 6 })
        {
            using var net = Net(seed);
            var e = PaperEvaluation.Run(
                net,
                Target,
                new InMemorySource(records),
                config,
                Progress.None
            );
            Assert.Equal(records.Count, e.SimulationsKept);
            Assert.Equal(5, e.AucReplicates.Length);
            Assert.Equal(e.AucCi, Bootstrap.Percentile(e.AucReplicates, config.Confidence));
            // Replicate b is the AUC of the test set redrawn by Multiplicity(kept, seed, b), whatever the network:
            // each simulation repeated as often as it was drawn gives the same AUC without a bootstrap.
            for (int b = 0; b < e.AucReplicates.Length; b++)
            {
                var drawn = Bootstrap.Multiplicity(records.Count, config.BootstrapSeed, b);
                var resampled = records
                    .SelectMany((r, i) => Enumerable.Repeat(r, (int)drawn[i]))
                    .ToList();
                var direct = PaperEvaluation.Run(
                    net,
                    Target,
                    new InMemorySource(resampled),
                    config with
                    {
                        BootstrapResamples = 0,
                    },
                    Progress.None
                );
                Assert.Equal(direct.Auc, e.AucReplicates[b], 12);
            }
        }
    }

    [Fact]
    public void JsonHasThePaperKeys()
    {
        using var net = Net();
        var e = PaperEvaluation.Run(
            net,
            Target,
            new InMemorySource(Synthetic.Set(3, 51, durationMs: 1500)),
            Quick with
            {
                MaxSpikes = int.MaxValue,
            },
            Progress.None
        );
        using var doc = JsonDocument.Parse(e.ToJson());
        var root = doc.RootElement;
        foreach (
            var key in new[]
            {
                "auc",
                "tpr_at_fpr_0.002",
                "rmse_mv",
                "rmse_mv_rescaled",
                "variance_explained",
                "variance_explained_rescaled",
            }
        )
            Assert.Equal(JsonValueKind.Number, root.GetProperty(key).ValueKind);
        foreach (var key in new[] { "auc_ci", "rmse_mv_rescaled_ci", "tpr_at_fpr_0.002_ci" })
            Assert.Equal(2, root.GetProperty(key).GetArrayLength());
        Assert.Equal(e.Auc, root.GetProperty("auc").GetDouble());
        Assert.Equal(e.AucCi.Lo, root.GetProperty("auc_ci")[0].GetDouble());
        Assert.Equal(3, root.GetProperty("simulations").GetInt32());
        Assert.Equal(3, root.GetProperty("simulations_kept").GetInt32());
        Assert.Equal(e.Spikes, root.GetProperty("spikes").GetInt64());
        Assert.Equal(3000, root.GetProperty("bins").GetInt64());
        Assert.True(e.Spikes > 0);
    }

    [Fact]
    public void NoKeptSimulationIsAnErrorNamingTheSource()
    {
        using var net = Net();
        var sims = Synthetic.Set(2, 61, durationMs: 400); // all shorter than the dropped 500 ms
        var e = Assert.Throws<InvalidDataException>(() =>
            PaperEvaluation.Run(
                net,
                Target,
                new InMemorySource(sims, "tiny set"),
                Quick,
                Progress.None
            )
        );
        Assert.Contains("tiny set", e.Message);
    }
}
