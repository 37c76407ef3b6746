namespace Kit.Figures;

/// <summary>One row of <see cref="FigureMetrics.CompareWithPaper"/>.</summary>
/// <param name="Metric">The metrics.json key, e.g. <c>auc</c>.</param>
/// <param name="Paper">The paper's value.</param>
/// <param name="Measured">This run's value, or null when the run has none.</param>
public sealed record PaperComparison(string Metric, double Paper, double? Measured);
