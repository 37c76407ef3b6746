using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Running;

/// <summary>The outcome of a headless notebook run.</summary>
public sealed record NotebookRunResult
{
    /// <summary>
    /// How the run ended: <see cref="CellStatus.Ok"/> when every cell ran, <see cref="CellStatus.Stopped"/> when a cell
    /// stopped the notebook on purpose (<see cref="Kit.Core.NotebookStopException"/>; <see cref="Error"/> holds the
    /// message), <see cref="CellStatus.Error"/> or <see cref="CellStatus.Cancelled"/> otherwise.
    /// </summary>
    public required CellStatus Status { get; init; }

    /// <summary>The notebook that was run.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The executed copy (outputs, execution counts, the injected cell), written even when a cell failed.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The executed notebook as written.</summary>
    public required NotebookDocument Executed { get; init; }

    /// <summary>1-based number of the failing (or stopping) cell among all cells of the source notebook (a failing injected cell reports its parameters cell), or null.</summary>
    public int? FailedCellNumber { get; init; }

    /// <summary>1-based number of the failing (or stopping) cell among the code cells of the source notebook, or null.</summary>
    public int? FailedCodeCellNumber { get; init; }

    /// <summary>Why the failing cell failed, or the message of the stopping cell (name <see cref="CellError.StopName"/>, no frames), or null.</summary>
    public CellError? Error { get; init; }

    /// <summary>Code cells executed (including a failing or stopping one).</summary>
    public int CellsExecuted { get; init; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when every cell ran to completion.</summary>
    public bool Succeeded => Status == CellStatus.Ok;

    /// <summary>True when a cell stopped the notebook on purpose (<see cref="CellStatus.Stopped"/>).</summary>
    public bool Stopped => Status == CellStatus.Stopped;
}
