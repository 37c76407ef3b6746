using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Learning.Metrics;

namespace Kit.Learning.Evaluation;

/// <summary>
/// A network evaluated with the paper's protocol (<see cref="PaperEvaluation"/>): the headline numbers over all
/// kept bins pooled, each with a bootstrap percentile interval over simulations, the counts, and the ROC curve
/// and spike cross-correlation for plotting. Voltages are compared as the clipped soma voltage min(V, clip), mV.
/// </summary>
public sealed record PaperEvaluationResult
{
    /// <summary>The settings the evaluation ran with.</summary>
    public required PaperEvaluationConfig Config { get; init; }

    /// <summary>Window overlap used (ms).</summary>
    public required int OverlapMs { get; init; }

    /// <summary>Simulations read from the source.</summary>
    public required int Simulations { get; init; }

    /// <summary>Simulations kept: output spikes within the configured range, and longer than the dropped start.</summary>
    public required int SimulationsKept { get; init; }

    /// <summary>Bins with an output spike among the kept bins.</summary>
    public required long Spikes { get; init; }

    /// <summary>Kept bins (1 ms), all kept simulations together.</summary>
    public required long Bins { get; init; }

    /// <summary>ROC AUC over all kept bins pooled (average ranks for ties); NaN without both classes.</summary>
    public required double Auc { get; init; }

    /// <summary>Bootstrap interval of <see cref="Auc"/>.</summary>
    public required ConfidenceInterval AucCi { get; init; }

    /// <summary>
    /// The AUC of every bootstrap replicate, in replicate order (NaN where a replicate drew no spike). Replicate b
    /// weights the kept simulations by <see cref="Bootstrap.Multiplicity"/>(<see cref="SimulationsKept"/>,
    /// <see cref="PaperEvaluationConfig.BootstrapSeed"/>, b), which depends on neither the network nor the thread
    /// count: two networks evaluated on the same simulations with the same seed draw the same simulations in each
    /// replicate, so replicate-by-replicate differences are a paired bootstrap of the difference of their AUCs.
    /// </summary>
    public double[] AucReplicates { get; init; } = [];

    /// <summary>The ROC point whose FPR is nearest <see cref="PaperEvaluationConfig.Fpr"/>.</summary>
    public required RocPoint AtFpr { get; init; }

    /// <summary>Bootstrap interval of the TPR at <see cref="AtFpr"/>.</summary>
    public required ConfidenceInterval TprCi { get; init; }

    /// <summary>Somatic RMSE (mV) of the prediction as is.</summary>
    public required double RmseMv { get; init; }

    /// <summary>Bootstrap interval of <see cref="RmseMv"/>.</summary>
    public required ConfidenceInterval RmseMvCi { get; init; }

    /// <summary>Somatic RMSE (mV) after z-scoring the prediction and rescaling it to the truth's mean and std (the paper's number).</summary>
    public required double RmseMvRescaled { get; init; }

    /// <summary>Bootstrap interval of <see cref="RmseMvRescaled"/>.</summary>
    public required ConfidenceInterval RmseMvRescaledCi { get; init; }

    /// <summary>Variance explained (a fraction) of the prediction as is.</summary>
    public required double VarianceExplained { get; init; }

    /// <summary>Bootstrap interval of <see cref="VarianceExplained"/>.</summary>
    public required ConfidenceInterval VarianceExplainedCi { get; init; }

    /// <summary>Variance explained (a fraction) after rescaling (the paper's number).</summary>
    public required double VarianceExplainedRescaled { get; init; }

    /// <summary>Bootstrap interval of <see cref="VarianceExplainedRescaled"/>.</summary>
    public required ConfidenceInterval VarianceExplainedRescaledCi { get; init; }

    /// <summary>The ROC curve, decimated for plotting (<see cref="PooledRoc.Curve"/>; its AUC is that of all bins).</summary>
    public required RocCurve Roc { get; init; }

    /// <summary>The prediction thresholded at <see cref="AtFpr"/> against the true spikes, ±<see cref="PaperEvaluationConfig.MaxLagMs"/>.</summary>
    public required CrossCorrelation CrossCorrelation { get; init; }

    /// <summary>The first <see cref="PaperEvaluationConfig.KeepPredictions"/> kept simulations with their predictions.</summary>
    public required IReadOnlyList<SimulationPrediction> Predictions { get; init; }

    /// <summary>Wall time of the evaluation, bootstrap included.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>TPR at the operating point.</summary>
    public double TprAtFpr => AtFpr.Tpr;

    /// <summary>The name of the TPR key, e.g. <c>tpr_at_fpr_0.002</c>.</summary>
    public string TprKey => "tpr_at_fpr_" + Config.Fpr.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The result as JSON: <c>auc</c>, <c>auc_ci</c> ([lo, hi]), <c>tpr_at_fpr_0.002</c>, <c>rmse_mv</c>,
    /// <c>rmse_mv_rescaled</c>, <c>variance_explained</c>, <c>variance_explained_rescaled</c> (each with a
    /// <c>_ci</c>), <c>simulations</c>, <c>simulations_kept</c>, <c>spikes</c>, <c>bins</c>, then the
    /// <c>protocol</c>, the <c>cross_correlation</c> and the decimated <c>roc</c>. Undefined numbers are null.
    /// </summary>
    public JsonObject ToJsonObject()
    {
        var o = new JsonObject
        {
            ["auc"] = Number(Auc),
            ["auc_ci"] = Interval(AucCi),
            [TprKey] = Number(AtFpr.Tpr),
            [TprKey + "_ci"] = Interval(TprCi),
            ["rmse_mv"] = Number(RmseMv),
            ["rmse_mv_ci"] = Interval(RmseMvCi),
            ["rmse_mv_rescaled"] = Number(RmseMvRescaled),
            ["rmse_mv_rescaled_ci"] = Interval(RmseMvRescaledCi),
            ["variance_explained"] = Number(VarianceExplained),
            ["variance_explained_ci"] = Interval(VarianceExplainedCi),
            ["variance_explained_rescaled"] = Number(VarianceExplainedRescaled),
            ["variance_explained_rescaled_ci"] = Interval(VarianceExplainedRescaledCi),
            ["simulations"] = Simulations,
            ["simulations_kept"] = SimulationsKept,
            ["spikes"] = Spikes,
            ["bins"] = Bins,
            ["protocol"] = new JsonObject
            {
                ["drop_first_ms"] = Config.DropFirstMs,
                ["spike_count_range"] = new JsonArray(Config.MinSpikes, Config.MaxSpikes),
                ["fpr"] = Config.Fpr,
                ["fpr_at_operating_point"] = Number(AtFpr.Fpr),
                ["threshold_at_operating_point"] = Number(AtFpr.Threshold),
                ["bootstrap_resamples"] = Config.BootstrapResamples,
                ["bootstrap_seed"] = Config.BootstrapSeed,
                ["confidence"] = Config.Confidence,
                ["window_ms"] = Config.WindowMs,
                ["overlap_ms"] = OverlapMs,
                ["elapsed_s"] = Math.Round(Elapsed.TotalSeconds, 3),
            },
            ["cross_correlation"] = new JsonObject
            {
                ["lags_ms"] = new JsonArray(
                    CrossCorrelation.LagsMs.Select(l => (JsonNode?)l).ToArray()
                ),
                ["values"] = Array(CrossCorrelation.Values),
                ["true_spikes"] = CrossCorrelation.TrueSpikes,
                ["predicted_spikes"] = CrossCorrelation.PredictedSpikes,
            },
            ["roc"] = new JsonObject { ["fpr"] = Array(Roc.Fpr), ["tpr"] = Array(Roc.Tpr) },
        };
        return o;
    }

    /// <summary><see cref="ToJsonObject"/>, indented.</summary>
    public string ToJson() =>
        ToJsonObject().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonNode? Number(double x) => double.IsFinite(x) ? JsonValue.Create(x) : null;

    private static JsonArray Interval(ConfidenceInterval ci) => new(Number(ci.Lo), Number(ci.Hi));

    private static JsonArray Array(double[] values) =>
        new(values.Select(v => Number(Math.Round(v, 6))).ToArray());
}
