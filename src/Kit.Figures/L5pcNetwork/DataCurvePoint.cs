using System.Text.Json.Serialization;
using Kit.Learning.Evaluation;
using Kit.Learning.Training;

namespace Kit.Figures.L5pcNetwork;

/// <summary>One network of the data curve: how much it was trained on, how long, and how well it does on the test set.</summary>
public sealed record DataCurvePoint(
    [property: JsonPropertyName("fraction")] double Fraction,
    [property: JsonPropertyName("train_simulated_hours")] double TrainSimulatedHours,
    [property: JsonPropertyName("train_seconds")] double TrainSeconds,
    [property: JsonPropertyName("train_steps")] long TrainSteps,
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("auc_ci")] double[] AucCi,
    [property: JsonPropertyName("rmse_mv_rescaled")] double RmseMvRescaled,
    [property: JsonPropertyName("rmse_mv_rescaled_ci")] double[] RmseMvRescaledCi
)
{
    internal static DataCurvePoint Of(
        double fraction,
        double hours,
        FitResult fit,
        PaperEvaluationResult e
    ) =>
        new(
            fraction,
            hours,
            fit.TrainSeconds,
            fit.Steps,
            e.Auc,
            [e.AucCi.Lo, e.AucCi.Hi],
            e.RmseMvRescaled,
            [e.RmseMvRescaledCi.Lo, e.RmseMvRescaledCi.Hi]
        );
}
