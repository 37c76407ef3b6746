namespace Kit.Plots;

/// <summary>A receiver-operating-characteristic curve with its area.</summary>
/// <param name="Fpr">False-positive rates, ascending, in [0, 1].</param>
/// <param name="Tpr">True-positive rates, same length.</param>
/// <param name="Auc">Area under the curve.</param>
public sealed record RocSeries(double[] Fpr, double[] Tpr, double Auc);
