namespace Kit.Learning.Training;

/// <summary>
/// libtorch refused an optimizer step (e.g. a non-representable update factor); names where it happened.
/// The best checkpoint written so far is kept.
/// </summary>
public sealed class OptimizerStepException(
    long step,
    int phase,
    int round,
    double loss,
    Exception inner
)
    : Exception(
        $"the optimizer step failed at step {step} (phase {phase}, round {round}, loss {loss}): "
            + $"{inner.Message.Split('\n')[0]}; the best checkpoint was kept",
        inner
    )
{
    /// <summary>Step (0-based) whose update failed.</summary>
    public long Step { get; } = step;

    /// <summary>Phase of that step (0-based).</summary>
    public int Phase { get; } = phase;
}
