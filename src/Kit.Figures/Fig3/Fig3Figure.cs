using Kit.Figures.L5pcNetwork;
using Kit.Learning.Evaluation;
using Kit.Learning.Training;
using Kit.Plots;

namespace Kit.Figures.Fig3;

/// <summary>The panels of figure 3 (the L5PC with AMPA-only synapses and its one-hidden-layer network).</summary>
public static class Fig3Figure
{
    /// <summary>Legend entry of the simulated cell.</summary>
    public const string NeuronName = "L5PC (AMPA)";

    /// <summary>Legend entry of the network.</summary>
    public static string NetworkName(Fig3Config config) =>
        config.Model.Depth == 1
            ? $"FCN 1x{config.Model.Widths[0]}"
            : $"TCN {config.Model.Depth}x{config.Model.Widths[0]}";

    /// <summary>All panels of a run, in paper order, named for export.</summary>
    public static IReadOnlyList<NamedChart> Panels(
        Fig3Config config,
        L5pcNetworkData data,
        FitResult fit,
        PaperEvaluationResult evaluation,
        IReadOnlyList<DataCurvePoint> curve
    ) =>
        L5pcNetworkFigure.Panels(
            config,
            data,
            fit,
            evaluation,
            curve,
            NeuronName,
            NetworkName(config)
        );
}
