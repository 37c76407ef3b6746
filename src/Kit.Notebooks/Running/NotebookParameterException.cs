namespace Kit.Notebooks.Running;

/// <summary>
/// A <c>-p name=value</c> override that cannot be applied: unknown name (the message lists the known
/// parameters), a value that does not convert to the declared type, or a notebook without a parameters cell.
/// A usage error (the CLI exits with 2), raised before any cell runs where possible.
/// </summary>
public sealed class NotebookParameterException(string message) : Exception(message);
