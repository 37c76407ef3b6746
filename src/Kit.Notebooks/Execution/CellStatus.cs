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
}
