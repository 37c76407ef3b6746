using Kit.Learning.Models;

namespace Kit.Learning.Training;

/// <summary>One row of the training history, written at the end of each round.</summary>
/// <param name="Step">Steps done when the row was written.</param>
/// <param name="Round">Round just finished (0-based).</param>
/// <param name="Phase">Phase of that round (0-based).</param>
/// <param name="TrainLoss">Mean training loss over the round's steps.</param>
/// <param name="ValidLoss">Validation loss after the round (eval mode, weighted as the schedule's last phase, whatever the round's phase).</param>
/// <param name="LearningRate">Learning rate of the round.</param>
public sealed record HistoryEntry(
    long Step,
    int Round,
    int Phase,
    double TrainLoss,
    double ValidLoss,
    double LearningRate
);

/// <summary>What <c>Trainer.Fit</c> returns.</summary>
/// <param name="Model">The trained network holding the best weights by validation loss.</param>
/// <param name="Target">The resolved voltage transform (needed to turn outputs back into mV).</param>
/// <param name="History">One entry per round.</param>
/// <param name="BestStep">Step at which the best validation loss was reached.</param>
/// <param name="BestValidLoss">The best validation loss.</param>
/// <param name="TrainSeconds">Wall-clock training time, summed over resumed sessions.</param>
/// <param name="Steps">Steps done in total.</param>
public sealed record FitResult(
    CausalNet Model,
    TargetTransform Target,
    IReadOnlyList<HistoryEntry> History,
    long BestStep,
    double BestValidLoss,
    double TrainSeconds,
    long Steps
)
{
    /// <summary>
    /// The most bytes of simulations held at once during this call (validation set, working sets, a prefetched
    /// set; <c>InMemorySource.ResidentBytes</c>), at most <see cref="TrainerConfig.ResidentBytes"/>.
    /// </summary>
    public long PeakResidentBytes { get; init; }

    /// <summary>The training working sets this call trained on, in order (one when the training set is resident).</summary>
    public IReadOnlyList<WorkingSetLoad> WorkingSets { get; init; } = [];

    /// <summary>Names of the blocks the validation set came from.</summary>
    public IReadOnlyList<string> ValidationBlocks { get; init; } = [];
}
