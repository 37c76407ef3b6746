using Kit.Learning.Metrics;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;

namespace Kit.Learning.Evaluation;

/// <summary>
/// A network evaluated on a test set: per-bin arrays pooled over simulations (after dropping the first
/// <see cref="DropFirstMs"/> of each) and the paper's metrics. The voltage target is the clipped soma voltage
/// (min(V, clip), in mV), which is what the voltage head learns.
/// </summary>
public sealed record EvaluationResult(
    double[] SpikeProbability,
    double[] SpikeTruth,
    double[] VoltagePredictedMv,
    double[] VoltageTargetMv,
    int DropFirstMs,
    RocCurve Roc,
    RocPoint AtPaperFpr,
    double RmseMv,
    double VarianceExplained,
    double RmseMvRescaled,
    double VarianceExplainedRescaled,
    CrossCorrelation CrossCorrelation
)
{
    /// <summary>ROC AUC over all kept bins.</summary>
    public double Auc => Roc.Auc;

    /// <summary>True-positive rate at the ROC point whose FPR is nearest 0.002.</summary>
    public double TprAtPaperFpr => AtPaperFpr.Tpr;

    /// <summary>Predicts every simulation and computes the metrics.</summary>
    /// <param name="model">Trained network.</param>
    /// <param name="test">Test simulations.</param>
    /// <param name="target">Resolved target transform of the fit.</param>
    /// <param name="windowMs">Prediction window (ms).</param>
    /// <param name="overlapMs">Window overlap (ms); use ≥ HistoryMs - 1 (figure 1: 120).</param>
    /// <param name="dropFirstMs">Bins dropped at the start of each simulation (figure 1: 0; L5PC: 500).</param>
    /// <param name="fpr">False-positive rate of the operating point (paper: 0.002).</param>
    /// <param name="maxLagMs">Cross-correlation half-width (ms).</param>
    public static EvaluationResult Compute(
        CausalNet model,
        IReadOnlyList<SimulationRecord> test,
        TargetTransform target,
        int windowMs,
        int overlapMs,
        int dropFirstMs = 0,
        double fpr = Metrics.Roc.PaperFpr,
        int maxLagMs = 50
    )
    {
        var prob = new List<double>();
        var truth = new List<double>();
        var vPred = new List<double>();
        var vTrue = new List<double>();
        var perSimProb = new List<double[]>();
        var perSimTruth = new List<double[]>();
        foreach (var record in test)
        {
            var p = Predictor.Predict(model, record, target, windowMs, overlapMs);
            var spikes = record.OutputSpikeTrain();
            int from = Math.Min(dropFirstMs, record.DurationMs);
            var simProb = p.SpikeProbability[from..];
            var simTruth = spikes[from..].Select(s => (double)s).ToArray();
            prob.AddRange(simProb);
            truth.AddRange(simTruth);
            vPred.AddRange(p.VoltageMv[from..]);
            for (int t = from; t < record.DurationMs; t++)
                vTrue.Add(Math.Min(record.SomaVoltageMv[t], target.ClipMv));
            perSimProb.Add(simProb);
            perSimTruth.Add(simTruth);
        }
        var roc = Metrics.Roc.Compute(prob, truth);
        var point = roc.AtFpr(fpr);
        var xc = SpikeCrossCorrelation.Compute(
            perSimProb.Select(p => SpikeCrossCorrelation.Threshold(p, point.Threshold)).ToList(),
            perSimTruth,
            maxLagMs
        );
        return new EvaluationResult(
            prob.ToArray(),
            truth.ToArray(),
            vPred.ToArray(),
            vTrue.ToArray(),
            dropFirstMs,
            roc,
            point,
            RegressionMetrics.Rmse(vPred, vTrue),
            RegressionMetrics.VarianceExplained(vPred, vTrue),
            RegressionMetrics.RmseRescaled(vPred, vTrue),
            RegressionMetrics.VarianceExplainedRescaled(vPred, vTrue),
            xc
        );
    }
}
