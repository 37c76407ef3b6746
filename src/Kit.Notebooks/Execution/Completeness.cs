namespace Kit.Notebooks.Execution;

/// <summary>Whether a cell's text is ready to run (Jupyter's <c>is_complete</c>).</summary>
public enum Completeness
{
    /// <summary>A complete submission without syntax errors.</summary>
    Complete,

    /// <summary>More input is needed (an open brace, statement or string).</summary>
    Incomplete,

    /// <summary>Complete but with syntax errors: running it would fail.</summary>
    Invalid,
}
