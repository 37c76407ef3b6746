namespace Kit.Plots;

/// <summary>
/// One colour group of dendritic segments in <see cref="MorphologyPanel.Create"/> (e.g. a synapse region).
/// </summary>
/// <param name="Name">Legend name.</param>
/// <param name="Color">Line colour (CSS, e.g. <c>#2ca02c</c>).</param>
public readonly record struct SegmentGroup(string Name, string Color);

/// <summary>A set of points drawn on a <see cref="MorphologyPanel.Create"/> panel (e.g. the synapses of a branch).</summary>
/// <param name="Name">Legend name.</param>
/// <param name="XUm">x of each point (µm, the morphology's frame).</param>
/// <param name="YUm">y of each point (µm).</param>
/// <param name="Color">Marker colour (CSS).</param>
public sealed record MorphologyMarkers(string Name, double[] XUm, double[] YUm, string Color);
