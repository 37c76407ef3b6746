using System.Text.Json.Serialization;
using Kit.Neuron.Cells;

namespace Kit.Figures.Fig4;

/// <summary>The minimal passing depth of each synapse type (null: no network of the sweep passes).</summary>
/// <param name="Nmda">Fewest layers of an AMPA+NMDA network at or above the threshold.</param>
/// <param name="Ampa">Fewest layers of an AMPA-only network at or above the threshold.</param>
public sealed record MinimalPassingDepth(
    [property: JsonPropertyName("nmda")] int? Nmda,
    [property: JsonPropertyName("ampa")] int? Ampa
);

/// <summary>The minimal passing depth of each synapse type at one threshold (null: no network passes it).</summary>
/// <param name="Threshold">The AUC a network must reach.</param>
/// <param name="Nmda">Fewest layers of an AMPA+NMDA network at or above it.</param>
/// <param name="Ampa">Fewest layers of an AMPA-only network at or above it.</param>
public sealed record PassingDepthAt(
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("nmda")] int? Nmda,
    [property: JsonPropertyName("ampa")] int? Ampa
);

/// <summary>
/// The numbers of figure 4 (<c>figures/04-complexity/metrics.json</c>): the depth gain per synapse type with its
/// paired bootstrap interval (<see cref="DepthGain"/>), the minimal passing depth per type, and the sweep's size
/// and cost.
/// </summary>
public sealed record Fig4Metrics : FigureMetrics
{
    /// <summary>Profile of the run.</summary>
    [JsonPropertyName("profile")]
    public string Profile { get; init; } = "";

    /// <summary>The AUC a network must reach to pass.</summary>
    [JsonPropertyName("auc_threshold")]
    public double AucThreshold { get; init; }

    /// <summary>Depth gain of the AMPA+NMDA cell.</summary>
    [JsonPropertyName("nmda_depth_gain")]
    public DepthGain? NmdaDepthGain { get; init; }

    /// <summary>Depth gain of the AMPA-only cell.</summary>
    [JsonPropertyName("ampa_depth_gain")]
    public DepthGain? AmpaDepthGain { get; init; }

    /// <summary>
    /// Whether the NMDA gain exceeds the AMPA gain by more than their intervals (the NMDA interval's lower end above
    /// the AMPA interval's upper end): the paper's finding at this profile's scale.
    /// </summary>
    [JsonPropertyName("nmda_gain_exceeds_ampa")]
    public bool NmdaGainExceedsAmpa { get; init; }

    /// <summary>Minimal passing depth per synapse type.</summary>
    [JsonPropertyName("minimal_passing_depth")]
    public MinimalPassingDepth MinimalPassingDepth { get; init; } = new(null, null);

    /// <summary>
    /// The minimal passing depth at each threshold of <see cref="Fig4Config.ThresholdLadder"/>: how the answer moves
    /// with the threshold.
    /// </summary>
    [JsonPropertyName("minimal_passing_depth_by_threshold")]
    public IReadOnlyList<PassingDepthAt> MinimalPassingDepthByThreshold { get; init; } = [];

    /// <summary>Networks in the table (all shards merged).</summary>
    [JsonPropertyName("sweep_points")]
    public int SweepPoints { get; init; }

    /// <summary>Networks in the profile's grid (both types).</summary>
    [JsonPropertyName("grid_points")]
    public int GridPoints { get; init; }

    /// <summary>Networks trained and evaluated by this run (the rest came from the cache).</summary>
    [JsonPropertyName("computed_this_run")]
    public int ComputedThisRun { get; init; }

    /// <summary>Wall time of this run's sweep (s).</summary>
    [JsonPropertyName("sweep_wall_seconds")]
    public double SweepWallSeconds { get; init; }

    /// <summary>Training wall time of every network in the table, summed (s; as recorded when each trained).</summary>
    [JsonPropertyName("train_seconds_total")]
    public double TrainSecondsTotal { get; init; }

    /// <summary>The paper trained 137 networks (62 AMPA, 75 NMDA); its threshold was AUC 0.991.</summary>
    protected override IReadOnlyDictionary<string, double> PaperValues => PaperNumbers;

    private static readonly Dictionary<string, double> PaperNumbers = new()
    {
        ["sweep_points"] = 137,
        ["auc_threshold"] = 0.991,
    };

    /// <summary>The metrics of a merged table.</summary>
    public static Fig4Metrics Of(Fig4Config config, IReadOnlyList<SweepRow> table, Fig4Run run)
    {
        DepthGain Gain(ExcitatorySynapseKind s) =>
            DepthGain.Of(table, s, config.DeepFromDepth, config.ParameterFactor);
        var nmda = Gain(ExcitatorySynapseKind.AmpaNmda);
        var ampa = Gain(ExcitatorySynapseKind.Ampa);
        int? Minimal(ExcitatorySynapseKind s, double threshold) =>
            DepthGain.MinimalPassing(table, s, threshold)?.Point.Depth;
        return new Fig4Metrics
        {
            Profile = config.Profile,
            AucThreshold = config.AucThreshold,
            NmdaDepthGain = nmda,
            AmpaDepthGain = ampa,
            NmdaGainExceedsAmpa = nmda.Ci[0] > ampa.Ci[1],
            MinimalPassingDepth = new(
                Minimal(ExcitatorySynapseKind.AmpaNmda, config.AucThreshold),
                Minimal(ExcitatorySynapseKind.Ampa, config.AucThreshold)
            ),
            MinimalPassingDepthByThreshold =
            [
                .. config.ThresholdLadder.Select(t => new PassingDepthAt(
                    t,
                    Minimal(ExcitatorySynapseKind.AmpaNmda, t),
                    Minimal(ExcitatorySynapseKind.Ampa, t)
                )),
            ],
            SweepPoints = table.Count,
            GridPoints = config.Points().Count,
            ComputedThisRun = run.Computed,
            SweepWallSeconds = Math.Round(run.WallSeconds, 1),
            TrainSecondsTotal = Math.Round(table.Sum(r => r.TrainSeconds), 1),
        };
    }
}
