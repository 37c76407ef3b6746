using System.Diagnostics;
using Kit.Core;
using Kit.Learning.Metrics;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;

namespace Kit.Learning.Evaluation;

/// <summary>
/// The paper's evaluation of an L5PC network (docs/training-and-evaluation.md, "Evaluation protocol of the paper"),
/// streamed over a dataset of any size: the source is decoded one block at a time, each simulation is predicted
/// (<see cref="Predictor"/>, stitched windows overlapping by at least HistoryMs − 1, so equal to one full-length
/// causal pass), reduced to what the metrics need (per kept bin: spike probability and 0/1 truth as float32; the
/// voltage error as sums, <see cref="RegressionSums"/>) and dropped.
/// <list type="bullet">
/// <item>The first <see cref="PaperEvaluationConfig.DropFirstMs"/> (500 ms) of every simulation are dropped.</item>
/// <item>Only simulations with <see cref="PaperEvaluationConfig.MinSpikes"/>..<see cref="PaperEvaluationConfig.MaxSpikes"/>
/// (0..24) output spikes are kept, the spikes counted over the whole simulation (the dropped start included) from
/// <see cref="SimulationRecord.OutputSpikeTimesMs"/>; a simulation no longer than the dropped start is not kept
/// either.</item>
/// <item>AUC over all kept bins pooled, with average ranks for ties; TPR at the ROC point whose FPR is nearest 0.002.</item>
/// <item>Soma RMSE and variance explained, raw and rescaled (the prediction z-scored and rescaled to the truth's mean
/// and std, the paper's numbers), against the clipped voltage min(V, clip) of the target transform.</item>
/// <item>Spike cross-correlation of the prediction thresholded at the operating point, ±50 ms.</item>
/// <item>A 95 % percentile bootstrap interval over simulations for each headline number: the kept simulations
/// resampled with replacement; the bins are sorted by score once and each replicate's AUC and TPR is one weighted
/// sweep (<see cref="PooledRoc"/>), its voltage metrics come from per-simulation sums.</item>
/// </list>
/// </summary>
public static class PaperEvaluation
{
    /// <summary>Evaluates <paramref name="model"/> on every simulation of <paramref name="source"/>.</summary>
    /// <param name="model">Trained network (its training/eval mode is restored on return).</param>
    /// <param name="target">The resolved target transform of the fit (its clip defines the voltage truth).</param>
    /// <param name="source">Test simulations.</param>
    /// <param name="config">Protocol and bootstrap settings; null = <see cref="PaperEvaluationConfig.Paper"/>.</param>
    /// <param name="progress">Progress sink (default: <see cref="Progress.DefaultSink"/>): blocks, then bootstrap replicates.</param>
    /// <param name="cancellation">Checked between simulations and replicates; default <see cref="KitCancellation.Token"/>.</param>
    /// <exception cref="InvalidDataException">No simulation was kept, or the source failed to decode a block.</exception>
    public static PaperEvaluationResult Run(
        CausalNet model,
        TargetTransform target,
        ISimulationSource source,
        PaperEvaluationConfig? config = null,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null
    )
    {
        config ??= PaperEvaluationConfig.Paper;
        config.Validate();
        if (source.Channels != model.Config.Channels)
            throw new InvalidDataException(
                $"{source.Name}: {source.Channels} input channels, the network takes {model.Config.Channels}"
            );
        int overlap = config.OverlapMs ?? model.HistoryMs - 1;
        if (overlap < model.HistoryMs - 1)
            throw new ArgumentException(
                $"overlap {overlap} ms is below the network's history - 1 ({model.HistoryMs - 1} ms): "
                    + "stitched windows would differ from one full-length pass"
            );
        if (overlap >= config.WindowMs)
            throw new ArgumentException(
                $"window {config.WindowMs} ms must be longer than the overlap {overlap} ms"
            );
        _ = target.Offset; // must be resolved
        TorchSetup.Configure(config.Threads);
        var token = cancellation ?? KitCancellation.Token;
        var clock = Stopwatch.StartNew();

        var probability = new List<float[]>();
        var truth = new List<float[]>();
        var sums = new List<RegressionSums>();
        var kept = new List<SimulationPrediction>();
        double? shift = null;
        int simulations = 0;
        using (var reporter = new ProgressReporter("evaluate", source.Blocks.Count, progress))
        {
            for (int block = 0; block < source.Blocks.Count; block++)
            {
                source.ForEach(
                    block,
                    record =>
                    {
                        token.ThrowIfCancellationRequested();
                        int index = simulations++;
                        int spikes = record.OutputSpikeTimesMs.Count;
                        int from = config.DropFirstMs;
                        if (
                            spikes >= config.MinSpikes
                            && spikes <= config.MaxSpikes
                            && record.DurationMs > from
                        )
                        {
                            var p = Predictor.Predict(
                                model,
                                record,
                                target,
                                config.WindowMs,
                                overlap,
                                config.BatchWindows
                            );
                            int n = record.DurationMs - from;
                            var prob = new float[n];
                            var vPred = new float[n];
                            var vTrue = new float[n];
                            for (int t = 0; t < n; t++)
                            {
                                prob[t] = (float)p.SpikeProbability[from + t];
                                vPred[t] = (float)p.VoltageMv[from + t];
                                vTrue[t] = (float)
                                    Math.Min(record.SomaVoltageMv[from + t], target.ClipMv);
                            }
                            shift ??= vTrue.Average(v => (double)v);
                            probability.Add(prob);
                            truth.Add(record.OutputSpikeTrain()[from..]);
                            sums.Add(RegressionSums.Of(vPred, vTrue, shift.Value));
                            if (kept.Count < config.KeepPredictions)
                                kept.Add(new SimulationPrediction(index, record, p));
                        }
                        reporter.Advance(0, $"{simulations} simulations, {probability.Count} kept");
                    }
                );
                reporter.Advance();
            }
        }
        if (probability.Count == 0)
            throw new InvalidDataException(
                $"{source.Name}: none of its {simulations} simulations is kept (the protocol keeps "
                    + $"{config.MinSpikes}..{config.MaxSpikes} output spikes and more than {config.DropFirstMs} ms)"
            );

        var roc = new PooledRoc(probability, truth);
        var (auc, point) = roc.Evaluate(roc.UnitWeights(), config.Fpr);
        var total = Pool(sums, null);
        var xc = SpikeCrossCorrelation.Compute(
            probability,
            truth,
            point.Threshold,
            config.MaxLagMs
        );

        // Per replicate: auc, tpr, rmse, rmse rescaled, ve, ve rescaled. Replicates are independent sweeps.
        var replicates = new double[config.BootstrapResamples][];
        using (
            var reporter = new ProgressReporter("bootstrap", config.BootstrapResamples, progress)
        )
            Parallel.For(
                0,
                config.BootstrapResamples,
                new ParallelOptions
                {
                    MaxDegreeOfParallelism =
                        config.Threads > 0 ? config.Threads : TorchSetup.DefaultThreads,
                    CancellationToken = token,
                },
                b =>
                {
                    var weights = Bootstrap.Multiplicity(
                        probability.Count,
                        config.BootstrapSeed,
                        b
                    );
                    var (a, pt) = roc.Evaluate(weights, config.Fpr);
                    var s = Pool(sums, weights);
                    replicates[b] =
                    [
                        a,
                        pt.Tpr,
                        s.Rmse,
                        s.RmseRescaled,
                        s.VarianceExplained,
                        s.VarianceExplainedRescaled,
                    ];
                    reporter.Advance();
                }
            );
        ConfidenceInterval Ci(int k) =>
            replicates.Length == 0
                ? ConfidenceInterval.None
                : Bootstrap.Percentile(replicates.Select(r => r[k]), config.Confidence);

        return new PaperEvaluationResult
        {
            Config = config,
            OverlapMs = overlap,
            Simulations = simulations,
            SimulationsKept = probability.Count,
            Spikes = roc.Positives,
            Bins = roc.Bins,
            Auc = auc,
            AucCi = Ci(0),
            AucReplicates = [.. replicates.Select(r => r[0])],
            AtFpr = point,
            TprCi = Ci(1),
            RmseMv = total.Rmse,
            RmseMvCi = Ci(2),
            RmseMvRescaled = total.RmseRescaled,
            RmseMvRescaledCi = Ci(3),
            VarianceExplained = total.VarianceExplained,
            VarianceExplainedCi = Ci(4),
            VarianceExplainedRescaled = total.VarianceExplainedRescaled,
            VarianceExplainedRescaledCi = Ci(5),
            Roc = roc.Curve(point.Threshold),
            CrossCorrelation = xc,
            Predictions = kept,
            Elapsed = clock.Elapsed,
        };
    }

    private static RegressionSums Pool(List<RegressionSums> sums, double[]? weights)
    {
        var total = RegressionSums.Empty(sums[0].Shift);
        for (int s = 0; s < sums.Count; s++)
            total = total.Add(sums[s], weights?[s] ?? 1);
        return total;
    }
}
