using System.Text.Json.Serialization;
using Kit.Learning.Evaluation;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data.Sources;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;

namespace Kit.Figures.Fig6;

/// <summary>The dendritic clusters of a Figure 6 run and the cell they partition.</summary>
/// <param name="Clusters">Cluster of each dendritic segment (dataset order).</param>
/// <param name="Morphology">The simulated cell (for the morphology panel).</param>
/// <param name="CellFile">The cell's file (the reconstruction, or the synthetic cell's SWC in the cache).</param>
public sealed record Fig6Clusters(
    SegmentClusters Clusters,
    NotebookMorphology Morphology,
    string CellFile
)
{
    /// <summary>Segments per cluster, cluster 0 first.</summary>
    public int[] Sizes =>
        [.. Enumerable.Range(0, Clusters.Clusters).Select(c => Clusters.SegmentsOf(c).Length)];

    /// <inheritdoc />
    public override string ToString() =>
        $"{Clusters.Clusters} clusters of the {Clusters.Segments} dendritic segments of the {Morphology.Name} cell "
        + $"({Sizes.Min()} to {Sizes.Max()} segments each)";
}

/// <summary>What one out-of-distribution simulation drew (stored beside its dataset as <c>inputs.json</c>).</summary>
/// <param name="StimulatedClusters">The clusters that received input, ascending.</param>
/// <param name="PeriodMs">Period of the common sinusoid (ms), or null without one.</param>
public sealed record Fig6DrawnInput(
    [property: JsonPropertyName("stimulated_clusters")] int[] StimulatedClusters,
    [property: JsonPropertyName("period_ms")] double? PeriodMs
);

/// <summary>One condition's simulations.</summary>
/// <param name="Protocol">The condition.</param>
/// <param name="Simulations">Its simulations (one block).</param>
/// <param name="Drawn">What each simulation drew, same order.</param>
/// <param name="Directory">Cache folder holding <c>ood.npz</c> and <c>inputs.json</c>.</param>
/// <param name="FromCache">True when read from the cache rather than simulated.</param>
public sealed record Fig6ConditionData(
    OodProtocol Protocol,
    InMemorySource Simulations,
    IReadOnlyList<Fig6DrawnInput> Drawn,
    string Directory,
    bool FromCache
)
{
    /// <summary>Output spikes of each simulation.</summary>
    public int[] OutputSpikes =>
        [.. Simulations.Simulations.Select(s => s.OutputSpikeTimesMs.Count)];

    /// <summary>Simulated minutes in the condition.</summary>
    public double SimulatedMinutes => Simulations.Simulations.Sum(s => s.DurationMs) / 60000.0;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Protocol.Name}: {Simulations.Simulations.Count} x {Simulations.Simulations[0].DurationMs} ms "
        + $"({(FromCache ? "from cache" : "simulated")}), output spikes per simulation "
        + $"[{string.Join(", ", OutputSpikes)}], clusters stimulated "
        + $"[{string.Join(", ", Drawn.Select(d => d.StimulatedClusters.Length))}]";
}

/// <summary>The out-of-distribution test sets of a run, one per condition, in the config's order.</summary>
/// <param name="Conditions">Each condition's simulations.</param>
/// <param name="SimulateSeconds">Wall time spent simulating in this call (0 when all came from the cache).</param>
public sealed record Fig6Datasets(
    IReadOnlyList<Fig6ConditionData> Conditions,
    double SimulateSeconds
)
{
    /// <inheritdoc />
    public override string ToString() => string.Join("\n", Conditions);
}

/// <summary>The figure-2 network a run judges, and where it came from.</summary>
/// <param name="Model">The network (eval mode).</param>
/// <param name="Target">Its voltage target (resolved).</param>
/// <param name="Origin">One line: the exported folder it was loaded from, or that it was trained on the spot.</param>
/// <param name="TrainedHere">True when no exported network fitted and this run trained one.</param>
/// <param name="Fit">The training, when <see cref="TrainedHere"/>.</param>
public sealed record Fig6Network(
    CausalNet Model,
    TargetTransform Target,
    string Origin,
    bool TrainedHere,
    FitResult? Fit
);

/// <summary>The paper's evaluation of the network on one test set.</summary>
/// <param name="Name">The condition's name, or <c>in-distribution</c>.</param>
/// <param name="Result">The evaluation (AUC, rescaled RMSE, intervals, kept predictions).</param>
/// <param name="SimulatedMinutes">Simulated minutes of the test set.</param>
public sealed record Fig6Score(string Name, PaperEvaluationResult Result, double SimulatedMinutes);

/// <summary>The network on the figure-2 test set and on every condition.</summary>
/// <param name="InDistribution">On the figure-2 test set (the figure-2 evaluation rules).</param>
/// <param name="Conditions">On each condition, in the config's order.</param>
public sealed record Fig6Evaluation(Fig6Score InDistribution, IReadOnlyList<Fig6Score> Conditions)
{
    /// <summary>The condition with the lowest AUC.</summary>
    public Fig6Score Worst => Conditions.MinBy(c => c.Result.Auc)!;

    /// <summary>In-distribution AUC minus the worst condition's AUC (positive: the worst condition is worse).</summary>
    public double WorstAucGap => InDistribution.Result.Auc - Worst.Result.Auc;
}
