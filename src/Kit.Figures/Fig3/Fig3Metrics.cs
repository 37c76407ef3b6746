using Kit.Figures.L5pcNetwork;

namespace Kit.Figures.Fig3;

/// <summary>The numbers of a figure 3 run (<c>figures/03-l5pc-ampa/metrics.json</c>); see <see cref="L5pcNetworkMetrics"/>.</summary>
public sealed record Fig3Metrics : L5pcNetworkMetrics
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> PaperValues => PaperTargets;

    /// <summary>
    /// The paper's figure 3 (Beniaguev et al. 2021; one hidden layer of 128 units, T = 43 ms, on NeuronIO's AMPA test
    /// set): AUC 0.9913, soma RMSE 0.58 mV and 95.0 % variance explained (both computed on the rescaled prediction).
    /// </summary>
    public static IReadOnlyDictionary<string, double> PaperTargets { get; } =
        new Dictionary<string, double>
        {
            ["auc"] = 0.9913,
            ["rmse_mv_rescaled"] = 0.58,
            ["variance_explained_rescaled"] = 0.950,
        };
}
