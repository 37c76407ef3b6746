using Kit.Learning.Evaluation;

namespace Kit.Learning.Metrics;

/// <summary>One row of a <see cref="ResultsTable"/>: the headline metrics of one model or profile.</summary>
/// <param name="Model">Row label (model, profile).</param>
/// <param name="Auc">ROC AUC.</param>
/// <param name="TprAtFpr">True-positive rate at FPR nearest 0.002.</param>
/// <param name="RmseMv">Raw soma RMSE (mV).</param>
/// <param name="VarianceExplained">Raw variance explained (fraction).</param>
/// <param name="RmseMvRescaled">RMSE after z-score rescaling (the paper's number).</param>
/// <param name="VarianceExplainedRescaled">Variance explained after z-score rescaling.</param>
/// <param name="TauMs">Fitted filter time constant, when measured.</param>
/// <param name="Parameters">Trainable parameters, when known.</param>
public sealed record ModelMetrics(
    string Model,
    double Auc,
    double TprAtFpr,
    double RmseMv,
    double VarianceExplained,
    double RmseMvRescaled,
    double VarianceExplainedRescaled,
    double? TauMs = null,
    long? Parameters = null
)
{
    /// <summary>The row of an evaluation.</summary>
    public static ModelMetrics From(
        string model,
        EvaluationResult e,
        double? tauMs = null,
        long? parameters = null
    ) =>
        new(
            model,
            e.Auc,
            e.TprAtPaperFpr,
            e.RmseMv,
            e.VarianceExplained,
            e.RmseMvRescaled,
            e.VarianceExplainedRescaled,
            tauMs,
            parameters
        );
}
