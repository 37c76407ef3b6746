using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Running;

/// <summary>The outcome of a headless notebook run.</summary>
public sealed record NotebookRunResult
{
    /// <summary>How the run ended: <see cref="CellStatus.Ok"/> when every cell ran.</summary>
    public required CellStatus Status { get; init; }

    /// <summary>The notebook that was run.</summary>
    public required string SourcePath { get; init; }

    /// <summary>The executed copy (outputs, execution counts, the injected cell), written even when a cell failed.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The executed notebook as written.</summary>
    public required NotebookDocument Executed { get; init; }

    /// <summary>1-based number of the failing cell among all cells of the source notebook (a failing injected cell reports its parameters cell), or null.</summary>
    public int? FailedCellNumber { get; init; }

    /// <summary>1-based number of the failing cell among the code cells of the source notebook, or null.</summary>
    public int? FailedCodeCellNumber { get; init; }

    /// <summary>Why the failing cell failed, or null.</summary>
    public CellError? Error { get; init; }

    /// <summary>Code cells executed (including a failing one).</summary>
    public int CellsExecuted { get; init; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>True when every cell ran to completion.</summary>
    public bool Succeeded => Status == CellStatus.Ok;
}
