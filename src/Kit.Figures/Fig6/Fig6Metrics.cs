using System.Text.Json.Serialization;

namespace Kit.Figures.Fig6;

/// <summary>
/// The numbers of a Figure 6 run (<c>figures/06-out-of-distribution/metrics.json</c>): the figure-2 network, never
/// retrained, judged with the paper's evaluation on its own test set and on each out-of-distribution condition, and
/// how far the worst condition's AUC falls below the in-distribution one.
/// </summary>
/// <param name="Profile">Profile of the run.</param>
/// <param name="InDistribution">On the figure-2 test set.</param>
/// <param name="Conditions">On each condition, by its name (<c>clustered-ei</c>, ...).</param>
/// <param name="WorstCondition">The condition with the lowest AUC.</param>
/// <param name="WorstAucGap">In-distribution AUC minus the worst condition's AUC (positive: worse out of distribution).</param>
/// <param name="Close">True when <paramref name="WorstAucGap"/> is at most <paramref name="AucGapThreshold"/> (the paper: the
/// network "stayed close"; it gives no number).</param>
/// <param name="AucGapThreshold">The threshold of <paramref name="Close"/>.</param>
/// <param name="Clusters">Number of dendritic clusters.</param>
/// <param name="Network">Where the network came from (exported by notebook 02, or trained here, and why).</param>
/// <param name="NetworkTrainedHere">True when this run trained the network.</param>
/// <param name="ModelParameters">Trainable parameters of the network.</param>
/// <param name="SimulateSeconds">Wall time spent simulating the out-of-distribution sets in this run (0 when cached).</param>
/// <param name="Seed">Seed of the out-of-distribution inputs.</param>
/// <param name="Morphology">The simulated cell.</param>
/// <param name="KitVersion">Kit version.</param>
public sealed record Fig6Metrics(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("in_distribution")] Fig6ScoreMetrics InDistribution,
    [property: JsonPropertyName("conditions")]
        IReadOnlyDictionary<string, Fig6ScoreMetrics> Conditions,
    [property: JsonPropertyName("worst_condition")] string WorstCondition,
    [property: JsonPropertyName("worst_auc_gap")] double WorstAucGap,
    [property: JsonPropertyName("close")] bool Close,
    [property: JsonPropertyName("auc_gap_threshold")] double AucGapThreshold,
    [property: JsonPropertyName("clusters")] int Clusters,
    [property: JsonPropertyName("network")] string Network,
    [property: JsonPropertyName("network_trained_here")] bool NetworkTrainedHere,
    [property: JsonPropertyName("model_parameters")] long ModelParameters,
    [property: JsonPropertyName("simulate_seconds")] double SimulateSeconds,
    [property: JsonPropertyName("seed")] long Seed,
    [property: JsonPropertyName("morphology")] string Morphology,
    [property: JsonPropertyName("kit_version")] string KitVersion
) : FigureMetrics
{
    /// <summary>
    /// Where and why (<see cref="Fig6Diagnosis"/>): per test set, in-distribution first, its median output spikes,
    /// input rates and somatic voltage, and the AUC within the figure-2 training range of output spikes and beyond it;
    /// null when the run did not diagnose.
    /// </summary>
    [JsonPropertyName("diagnosis")]
    public IReadOnlyList<Fig6ConditionDiagnosis>? Diagnosis { get; init; }

    /// <summary>Most output spikes of a simulation within the training range of <see cref="Diagnosis"/>.</summary>
    [JsonPropertyName("training_range_spikes")]
    public int? TrainingRangeSpikes { get; init; }

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> PaperValues => PaperTargets;

    /// <summary>
    /// The paper states no number for figure 6 (the out-of-distribution AUCs stayed "close" to the in-distribution
    /// 0.9911 of figure 2); <see cref="Close"/> carries the kit's criterion instead.
    /// </summary>
    public static IReadOnlyDictionary<string, double> PaperTargets { get; } =
        new Dictionary<string, double>();
}

/// <summary>The paper's evaluation of the network on one test set, as metrics.json holds it.</summary>
/// <param name="Auc">ROC AUC over all kept bins (null in JSON when the kept simulations hold no output spike).</param>
/// <param name="AucCi">95 % bootstrap interval of <paramref name="Auc"/> over simulations.</param>
/// <param name="RmseMvRescaled">Soma RMSE after the paper's rescaling (mV).</param>
/// <param name="RmseMvRescaledCi">95 % bootstrap interval of <paramref name="RmseMvRescaled"/> (mV).</param>
/// <param name="SimulatedMinutes">Simulated minutes of the test set.</param>
/// <param name="Simulations">Simulations in the test set.</param>
/// <param name="SimulationsKept">Simulations the evaluation kept.</param>
/// <param name="OutputSpikes">Output spikes in the kept bins.</param>
public sealed record Fig6ScoreMetrics(
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("auc_ci")] double[] AucCi,
    [property: JsonPropertyName("rmse_mv_rescaled")] double RmseMvRescaled,
    [property: JsonPropertyName("rmse_mv_rescaled_ci")] double[] RmseMvRescaledCi,
    [property: JsonPropertyName("simulated_minutes")] double SimulatedMinutes,
    [property: JsonPropertyName("simulations")] int Simulations,
    [property: JsonPropertyName("simulations_kept")] int SimulationsKept,
    [property: JsonPropertyName("output_spikes")] long OutputSpikes
)
{
    /// <summary>The metrics of a score.</summary>
    public static Fig6ScoreMetrics Of(Fig6Score s) =>
        new(
            s.Result.Auc,
            [s.Result.AucCi.Lo, s.Result.AucCi.Hi],
            s.Result.RmseMvRescaled,
            [s.Result.RmseMvRescaledCi.Lo, s.Result.RmseMvRescaledCi.Hi],
            Math.Round(s.SimulatedMinutes, 3),
            s.Result.Simulations,
            s.Result.SimulationsKept,
            s.Result.Spikes
        );
}
