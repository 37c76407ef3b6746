namespace Kit.Learning.Training;

/// <summary>The training loss became NaN or infinite; the best checkpoint is left as it was.</summary>
public sealed class NonFiniteLossException(long step, int phase, int round, double loss)
    : Exception(
        $"training loss is {loss} at step {step} (phase {phase}, round {round}); the best checkpoint was kept"
    )
{
    /// <summary>Step (0-based) whose loss was not finite.</summary>
    public long Step { get; } = step;

    /// <summary>Phase of that step (0-based).</summary>
    public int Phase { get; } = phase;
}
