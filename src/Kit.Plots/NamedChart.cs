using Plotly.NET;

namespace Kit.Plots;

/// <summary>A chart with the file-name stem it is exported under (e.g. <c>e-roc</c>).</summary>
/// <param name="Name">File-name stem: lower case, no extension.</param>
/// <param name="Chart">The chart; its layout carries its size in CSS pixels.</param>
public sealed record NamedChart(string Name, GenericChart Chart);
