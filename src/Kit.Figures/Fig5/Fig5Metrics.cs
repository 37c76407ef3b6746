using System.Text.Json.Serialization;

namespace Kit.Figures.Fig5;

/// <summary>
/// The numbers of a Figure 5 run, as written to <c>figures/05-l23-branch/metrics.json</c>. Correlations are over the
/// permuted sequences: <c>r_network_peak</c> between each sequence's simulated peak somatic depolarisation and the
/// network's prediction of it, <c>r_directionality_index_peak</c> between the peak and the sequence's directionality
/// index (pairwise, docs/l23-branch.md), <c>r_step_index_peak</c> the same for its consecutive-step variant. <c>rmse_mv</c> and <c>variance_explained</c> score the soma voltage of the held-out
/// random-input simulations, every bin. <c>max_abs_error_peak_mv</c> is the simulator's largest IN/OUT peak error
/// against NEURON (0-8 ms). The <c>_spanning</c> correlations are the same over the orders that span the
/// directionality index (<see cref="Fig5Config.OrdersPerIndexValue"/>; null when the run left them out).
/// </summary>
public sealed record Fig5Metrics(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("r_network_peak")] double RNetworkPeak,
    [property: JsonPropertyName("r_directionality_index_peak")] double RDirectionalityIndexPeak,
    [property: JsonPropertyName("r_step_index_peak")] double RStepIndexPeak,
    [property: JsonPropertyName("rmse_mv")] double RmseMv,
    [property: JsonPropertyName("variance_explained")] double VarianceExplained,
    [property: JsonPropertyName("max_abs_error_peak_mv")] double MaxAbsErrorPeakMv,
    [property: JsonPropertyName("rmse_peak_mv")] double RmsePeakMv,
    [property: JsonPropertyName("in_out_ratio")] double InOutRatio,
    [property: JsonPropertyName("in_out_ratio_network")] double InOutRatioNetwork,
    [property: JsonPropertyName("permuted_sequences")] int PermutedSequences,
    [property: JsonPropertyName("permuted_interval_ms")] double PermutedIntervalMs,
    [property: JsonPropertyName("train_seconds")] double TrainSeconds,
    [property: JsonPropertyName("simulate_seconds")] double SimulateSeconds,
    [property: JsonPropertyName("sequences_seconds")] double SequencesSeconds,
    [property: JsonPropertyName("train_steps")] long TrainSteps,
    [property: JsonPropertyName("model_parameters")] long ModelParameters,
    [property: JsonPropertyName("history_ms")] int HistoryMs,
    [property: JsonPropertyName("train_simulations")] int TrainSimulations,
    [property: JsonPropertyName("test_simulations")] int TestSimulations,
    [property: JsonPropertyName("train_simulated_hours")] double TrainSimulatedHours,
    [property: JsonPropertyName("branch_input_spikes_per_100ms")] double BranchInputSpikesPer100Ms,
    [property: JsonPropertyName("threads")] int Threads,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("morphology")] string Morphology,
    [property: JsonPropertyName("kit_version")] string KitVersion
) : FigureMetrics
{
    /// <summary>
    /// <c>r_network_peak</c> of the same network trained on seconds of ongoing random input instead of trials from
    /// rest (<see cref="Fig5Config.WithOngoingInput"/>; docs/l23-branch.md, "Why the trials start from rest"), or null
    /// when the notebook did not run that comparison.
    /// </summary>
    [JsonPropertyName("r_network_peak_ongoing_input")]
    public double? RNetworkPeakOngoingInput { get; init; }

    /// <summary>
    /// <c>r_network_peak</c> over the orders spanning the directionality index (<see cref="Fig5Sequences.Spanning"/>),
    /// or null without them.
    /// </summary>
    [JsonPropertyName("r_network_peak_spanning")]
    public double? RNetworkPeakSpanning { get; init; }

    /// <summary><c>r_directionality_index_peak</c> over the orders spanning the index, or null without them.</summary>
    [JsonPropertyName("r_directionality_index_peak_spanning")]
    public double? RDirectionalityIndexPeakSpanning { get; init; }

    /// <summary><c>r_step_index_peak</c> over the orders spanning the index, or null without them.</summary>
    [JsonPropertyName("r_step_index_peak_spanning")]
    public double? RStepIndexPeakSpanning { get; init; }

    /// <summary>How many orders span the index (0 when the run left them out).</summary>
    [JsonPropertyName("spanning_sequences")]
    public int SpanningSequences { get; init; }

    /// <summary>
    /// The depolarisation weighting's scale (mV, the training set's RMS depolarisation;
    /// <see cref="Fig5Config.WeightDepolarisedBins"/>), or null when the network trained on the plain MSE.
    /// </summary>
    [JsonPropertyName("voltage_weight_scale_mv")]
    public double? VoltageWeightScaleMv { get; init; }

    /// <summary>The slope term's weight (<see cref="Fig5Config.VoltageSlopeWeight"/>; 0: none).</summary>
    [JsonPropertyName("voltage_slope_weight")]
    public double VoltageSlopeWeight { get; init; }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> PaperValues => PaperTargets;

    /// <summary>
    /// The paper's figure 5 (Beniaguev et al. 2021): peak prediction r = 0.99 for the network, 0.86 for the
    /// directionality index; shown beside both sets of orders, since the paper's sampling of orders is not in our
    /// specification.
    /// </summary>
    public static IReadOnlyDictionary<string, double> PaperTargets { get; } =
        new Dictionary<string, double>
        {
            ["r_network_peak"] = 0.99,
            ["r_directionality_index_peak"] = 0.86,
            ["r_network_peak_spanning"] = 0.99,
            ["r_directionality_index_peak_spanning"] = 0.86,
        };
}
