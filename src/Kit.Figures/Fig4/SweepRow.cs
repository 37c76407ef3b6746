using Kit.Learning.Evaluation;
using Kit.Learning.Training;

namespace Kit.Figures.Fig4;

/// <summary>
/// One trained and evaluated network of the sweep: a row of <c>sweep.csv</c> (<see cref="SweepTable"/>). The test
/// numbers are figure 2/3's evaluation (the paper's protocol) on the synapse type's test set.
/// </summary>
/// <param name="Point">The network.</param>
/// <param name="Parameters">Trainable parameters of the trained network (on the data's input width).</param>
/// <param name="Auc">Test AUC over all kept bins.</param>
/// <param name="AucCiLo">Lower end of its 95 % bootstrap interval over test simulations.</param>
/// <param name="AucCiHi">Upper end of that interval.</param>
/// <param name="TprAtFpr">True-positive rate at false-positive rate 0.002.</param>
/// <param name="RmseMvRescaled">Soma RMSE (mV) after rescaling the prediction (the paper's number).</param>
/// <param name="TrainSeconds">Wall time of the training (s; as recorded when it ran, also when reused).</param>
/// <param name="TrainSteps">Training steps.</param>
/// <param name="SimulationsKept">Test simulations the protocol kept (the bootstrap's sample size).</param>
/// <param name="BootstrapSeed">Seed of the bootstrap: rows with equal seed and kept simulations drew the same
/// simulations in each replicate (<see cref="PaperEvaluationResult.AucReplicates"/>).</param>
/// <param name="AucBootstrap">The AUC of each bootstrap replicate, in replicate order.</param>
public sealed record SweepRow(
    SweepPoint Point,
    long Parameters,
    double Auc,
    double AucCiLo,
    double AucCiHi,
    double TprAtFpr,
    double RmseMvRescaled,
    double TrainSeconds,
    long TrainSteps,
    int SimulationsKept,
    int BootstrapSeed,
    double[] AucBootstrap
)
{
    /// <summary>The row of a trained network and its evaluation.</summary>
    public static SweepRow Of(SweepPoint point, FitResult fit, PaperEvaluationResult e) =>
        new(
            point,
            fit.Model.ParameterCount(),
            e.Auc,
            e.AucCi.Lo,
            e.AucCi.Hi,
            e.TprAtFpr,
            e.RmseMvRescaled,
            fit.TrainSeconds,
            fit.Steps,
            e.SimulationsKept,
            e.Config.BootstrapSeed,
            e.AucReplicates
        );

    /// <summary>Value equality, the replicate AUCs compared element by element (a record compares arrays by reference).</summary>
    public bool SameAs(SweepRow other) =>
        this with
        {
            AucBootstrap = Array.Empty<double>(),
        } == other with { AucBootstrap = Array.Empty<double>() }
        && AucBootstrap.AsSpan().SequenceEqual(other.AucBootstrap);
}
