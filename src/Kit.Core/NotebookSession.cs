namespace Kit.Core;

/// <summary>
/// Announces that a new notebook session starts (the runner opens a notebook, a Jupyter kernel starts or
/// restarts), so libraries holding per-notebook state reset it: Kit.Plots sends plotly.js again with the next
/// chart. The notebook engine raises it; libraries subscribe when they register their display formatters.
/// </summary>
public static class NotebookSession
{
    /// <summary>Raised (on the engine's thread) when a new notebook session starts.</summary>
    public static event Action? Started;

    /// <summary>Raises <see cref="Started"/>; called by the notebook engine only.</summary>
    public static void RaiseStarted() => Started?.Invoke();
}
