using Kit.Figures.L5pcNetwork;
using Kit.Learning.Evaluation;
using Kit.Learning.Training;
using Kit.Plots;

namespace Kit.Figures.Fig2;

/// <summary>The panels of figure 2 (the L5PC with AMPA+NMDA synapses and its deep TCN).</summary>
public static class Fig2Figure
{
    /// <summary>Legend entry of the simulated cell.</summary>
    public const string NeuronName = "L5PC (AMPA+NMDA)";

    /// <summary>Legend entry of the network.</summary>
    public static string NetworkName(Fig2Config config) =>
        $"TCN {config.Model.Depth}x{config.Model.Widths[0]}";

    /// <summary>All panels of a run, in paper order, named for export.</summary>
    public static IReadOnlyList<NamedChart> Panels(
        Fig2Config config,
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
