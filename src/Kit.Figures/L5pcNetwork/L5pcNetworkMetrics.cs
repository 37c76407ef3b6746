using System.Text.Json.Serialization;
using Kit.Learning.Evaluation;

namespace Kit.Figures.L5pcNetwork;

/// <summary>
/// The numbers of an L5PC network figure, as written to <c>metrics.json</c>: the paper's evaluation of the trained
/// network on the kit's test set (with 95 % bootstrap intervals over simulations), the same on NEURON's own
/// simulations of the cell when the shared reference folder has them, the data curve, and what the run cost.
/// "Raw" voltage metrics compare the prediction as it is with the clipped soma voltage; "rescaled" ones first
/// z-score the prediction and rescale it to the truth's mean and std, as the paper did. Each figure derives a
/// sealed record that states the paper's values.
/// </summary>
public abstract record L5pcNetworkMetrics : FigureMetrics
{
    /// <summary>Profile of the run.</summary>
    [JsonPropertyName("profile")]
    public string Profile { get; init; } = "";

    /// <summary>ROC AUC over all kept test bins.</summary>
    [JsonPropertyName("auc")]
    public double Auc { get; init; }

    /// <summary>95 % bootstrap interval of <see cref="Auc"/>.</summary>
    [JsonPropertyName("auc_ci")]
    public double[] AucCi { get; init; } = [];

    /// <summary>True-positive rate at false-positive rate 0.002.</summary>
    [JsonPropertyName("tpr_at_fpr_0.002")]
    public double TprAtFpr { get; init; }

    /// <summary>Soma RMSE of the prediction as it is (mV).</summary>
    [JsonPropertyName("rmse_mv")]
    public double RmseMv { get; init; }

    /// <summary>Soma RMSE after the paper's rescaling (mV).</summary>
    [JsonPropertyName("rmse_mv_rescaled")]
    public double RmseMvRescaled { get; init; }

    /// <summary>95 % bootstrap interval of <see cref="RmseMvRescaled"/>.</summary>
    [JsonPropertyName("rmse_mv_rescaled_ci")]
    public double[] RmseMvRescaledCi { get; init; } = [];

    /// <summary>Variance explained by the prediction as it is (fraction).</summary>
    [JsonPropertyName("variance_explained")]
    public double VarianceExplained { get; init; }

    /// <summary>Variance explained after the paper's rescaling (fraction).</summary>
    [JsonPropertyName("variance_explained_rescaled")]
    public double VarianceExplainedRescaled { get; init; }

    /// <summary>Trainable parameters of the network.</summary>
    [JsonPropertyName("model_parameters")]
    public long ModelParameters { get; init; }

    /// <summary>Simulated hours of training data.</summary>
    [JsonPropertyName("train_simulated_hours")]
    public double TrainSimulatedHours { get; init; }

    /// <summary>Wall time spent simulating in this run (0 when the data came from the cache or from files).</summary>
    [JsonPropertyName("simulate_seconds")]
    public double SimulateSeconds { get; init; }

    /// <summary>Training wall time (s), summed over resumed sessions.</summary>
    [JsonPropertyName("train_seconds")]
    public double TrainSeconds { get; init; }

    /// <summary>Training steps.</summary>
    [JsonPropertyName("train_steps")]
    public long TrainSteps { get; init; }

    /// <summary>Test simulations, and how many the 0-24 spike rule kept.</summary>
    [JsonPropertyName("test_simulations")]
    public int TestSimulations { get; init; }

    /// <summary>Test simulations kept by the spike-count rule.</summary>
    [JsonPropertyName("test_simulations_kept")]
    public int TestSimulationsKept { get; init; }

    /// <summary>Output spikes in the kept test bins.</summary>
    [JsonPropertyName("test_spikes")]
    public long TestSpikes { get; init; }

    /// <summary>The same evaluation on NEURON's simulations of the cell (null when the reference files are absent).</summary>
    [JsonPropertyName("neuron_reference")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReferenceScore? NeuronReference { get; init; }

    /// <summary>Test AUC and RMSE against hours of training data (empty when the profile draws no curve).</summary>
    [JsonPropertyName("data_curve")]
    public IReadOnlyList<DataCurvePoint> DataCurve { get; init; } = [];

    /// <summary>Where the data came from.</summary>
    [JsonPropertyName("data")]
    public string Data { get; init; } = "";

    /// <summary>libtorch device of training and evaluation.</summary>
    [JsonPropertyName("device")]
    public string Device { get; init; } = "";

    /// <summary>Threads used.</summary>
    [JsonPropertyName("threads")]
    public int Threads { get; init; }

    /// <summary>Kit version.</summary>
    [JsonPropertyName("kit_version")]
    public string KitVersion { get; init; } = "";

    /// <summary>Fills the evaluation fields from <paramref name="e"/>.</summary>
    public static T From<T>(PaperEvaluationResult e)
        where T : L5pcNetworkMetrics, new() =>
        new()
        {
            Auc = e.Auc,
            AucCi = [e.AucCi.Lo, e.AucCi.Hi],
            TprAtFpr = e.TprAtFpr,
            RmseMv = e.RmseMv,
            RmseMvRescaled = e.RmseMvRescaled,
            RmseMvRescaledCi = [e.RmseMvRescaledCi.Lo, e.RmseMvRescaledCi.Hi],
            VarianceExplained = e.VarianceExplained,
            VarianceExplainedRescaled = e.VarianceExplainedRescaled,
            TestSimulations = e.Simulations,
            TestSimulationsKept = e.SimulationsKept,
            TestSpikes = e.Spikes,
        };
}

/// <summary>The paper's evaluation of the network on another set of simulations (NEURON's own, for instance).</summary>
public sealed record ReferenceScore(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("auc_ci")] double[] AucCi,
    [property: JsonPropertyName("tpr_at_fpr_0.002")] double TprAtFpr,
    [property: JsonPropertyName("rmse_mv")] double RmseMv,
    [property: JsonPropertyName("rmse_mv_rescaled")] double RmseMvRescaled,
    [property: JsonPropertyName("rmse_mv_rescaled_ci")] double[] RmseMvRescaledCi,
    [property: JsonPropertyName("variance_explained_rescaled")] double VarianceExplainedRescaled,
    [property: JsonPropertyName("simulations_kept")] int SimulationsKept,
    [property: JsonPropertyName("spikes")] long Spikes
)
{
    /// <summary>The score of an evaluation on <paramref name="source"/>.</summary>
    public static ReferenceScore Of(string source, PaperEvaluationResult e) =>
        new(
            source,
            e.Auc,
            [e.AucCi.Lo, e.AucCi.Hi],
            e.TprAtFpr,
            e.RmseMv,
            e.RmseMvRescaled,
            [e.RmseMvRescaledCi.Lo, e.RmseMvRescaledCi.Hi],
            e.VarianceExplainedRescaled,
            e.SimulationsKept,
            e.Spikes
        );
}
