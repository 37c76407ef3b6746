using System.Text.Json.Serialization;

namespace Kit.Figures.Fig1;

/// <summary>
/// The numbers of a Figure 1 run, as written to <c>figures/01-integrate-and-fire/metrics.json</c>. Voltage
/// metrics compare against the clipped voltage (-54.9 mV, what the network learns); "raw" is the prediction as
/// it is, "rescaled" the paper's z-score-rescaled variant (docs/training-and-evaluation.md, "Evaluation protocol of the paper"). <c>tau_ms</c> is fitted to the
/// network's excitatory filter; <c>tau_ms_least_squares_filter</c> to the best linear filter of the same data
/// (resets after spikes make it shorter than the neuron's own <c>tau_ms_neuron</c>).
/// </summary>
public sealed record Fig1Metrics(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("tpr_at_fpr_0.002")] double TprAtFpr,
    [property: JsonPropertyName("rmse_mv")] double RmseMv,
    [property: JsonPropertyName("variance_explained")] double VarianceExplained,
    [property: JsonPropertyName("rmse_mv_rescaled")] double RmseMvRescaled,
    [property: JsonPropertyName("variance_explained_rescaled")] double VarianceExplainedRescaled,
    [property: JsonPropertyName("tau_ms")] double TauMs,
    [property: JsonPropertyName("tau_fit_lags_ms")] int[] TauFitLagsMs,
    [property: JsonPropertyName("tau_ms_least_squares_filter")] double? TauMsLeastSquaresFilter,
    [property: JsonPropertyName("tau_ms_neuron")] double TauMsNeuron,
    [property: JsonPropertyName("cross_correlation_peak_lag_ms")] int CrossCorrelationPeakLagMs,
    [property: JsonPropertyName("train_seconds")] double TrainSeconds,
    [property: JsonPropertyName("simulate_seconds")] double SimulateSeconds,
    [property: JsonPropertyName("train_steps")] long TrainSteps,
    [property: JsonPropertyName("parameters")] long Parameters,
    [property: JsonPropertyName("train_simulations")] int TrainSimulations,
    [property: JsonPropertyName("test_simulations")] int TestSimulations,
    [property: JsonPropertyName("test_output_spikes")] long TestOutputSpikes,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("morphology")] string Morphology,
    [property: JsonPropertyName("kit_version")] string KitVersion
) : FigureMetrics
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> PaperValues => PaperTargets;

    /// <summary>The paper's Figure 1 numbers (Beniaguev et al. 2021, figure 1): AUC 0.9973, RMSE 1.73 mV, 79.8 % variance explained, τ 20 ms.</summary>
    public static IReadOnlyDictionary<string, double> PaperTargets { get; } =
        new Dictionary<string, double>
        {
            ["auc"] = 0.9973,
            ["rmse_mv"] = 1.73,
            ["variance_explained"] = 0.798,
            ["tau_ms"] = 20,
        };
}
