using Kit.Notebooks.Format;

namespace Kit.Notebooks.Execution;

/// <summary>The outcome of executing one cell.</summary>
/// <param name="ExecutionCount">The session's counter for this execution (Jupyter's <c>In [n]</c>).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Outputs">Outputs in order (streams coalesced; displays updated in place).</param>
/// <param name="Error">Why it failed or stopped (<see cref="CellError.StopName"/>), or null.</param>
/// <param name="ReturnValue">Value of the trailing expression, or null.</param>
/// <param name="Duration">Wall time including compilation.</param>
public sealed record CellResult(
    int ExecutionCount,
    CellStatus Status,
    IReadOnlyList<NotebookOutput> Outputs,
    CellError? Error,
    object? ReturnValue,
    TimeSpan Duration
)
{
    /// <summary>True when the cell ran to completion.</summary>
    public bool Succeeded => Status == CellStatus.Ok;
}
