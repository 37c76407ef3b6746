using Kit.Figures.L5pcNetwork;

namespace Kit.Figures.Fig2;

/// <summary>The numbers of a figure 2 run (<c>figures/02-l5pc-nmda/metrics.json</c>); see <see cref="L5pcNetworkMetrics"/>.</summary>
public sealed record Fig2Metrics : L5pcNetworkMetrics
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> PaperValues => PaperTargets;

    /// <summary>
    /// The paper's figure 2 (Beniaguev et al. 2021; the TCN 7 x 128, T = 153 ms, on NeuronIO's NMDA test set): AUC
    /// 0.9911, soma RMSE 0.71 mV and 94.6 % variance explained (both computed on the rescaled prediction).
    /// </summary>
    public static IReadOnlyDictionary<string, double> PaperTargets { get; } =
        new Dictionary<string, double>
        {
            ["auc"] = 0.9911,
            ["rmse_mv_rescaled"] = 0.71,
            ["variance_explained_rescaled"] = 0.946,
        };
}
