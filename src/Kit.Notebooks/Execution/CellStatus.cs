namespace Kit.Notebooks.Execution;

/// <summary>How a cell execution ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to completion.</summary>
    Ok,

    /// <summary>Did not compile, threw, or used an unsupported directive.</summary>
    Error,

    /// <summary>Cancelled through its token.</summary>
    Cancelled,

    /// <summary>
    /// Stopped on purpose by a <see cref="Kit.Core.NotebookStopException"/> (required data not in place): the
    /// message is the output, there is no traceback, and no further cells should run.
    /// </summary>
    Stopped,
}
