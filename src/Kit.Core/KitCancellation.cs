namespace Kit.Core;

/// <summary>
/// The cancellation of the work in progress. The notebook engine sets it per cell (an interrupt cancels it);
/// the CLI cancels it on Ctrl+C. Long loops (training, simulation) check it at every batch or simulation.
/// </summary>
public static class KitCancellation
{
    private static CancellationToken token = CancellationToken.None;

    /// <summary>The token long-running library code should observe when none is passed explicitly.</summary>
    public static CancellationToken Token
    {
        get => token;
        set => token = value;
    }
}
