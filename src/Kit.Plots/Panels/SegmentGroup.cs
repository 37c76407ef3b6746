namespace Kit.Plots;

/// <summary>
/// One colour group of dendritic segments in <see cref="MorphologyPanel.Create"/> (e.g. a synapse region).
/// </summary>
/// <param name="Name">Legend name.</param>
/// <param name="Color">Line colour (CSS, e.g. <c>#2ca02c</c>).</param>
public readonly record struct SegmentGroup(string Name, string Color);
