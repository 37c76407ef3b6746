namespace Kit.Notebooks.Execution;

/// <summary>Why a cell failed, as Jupyter shows it.</summary>
/// <param name="Name">Exception type name, or <c>CompilationError</c> / <c>UnsupportedDirective</c>.</param>
/// <param name="Message">The message (first diagnostic of a compilation error).</param>
/// <param name="Traceback">Lines to show; frames point at <c>cell line N</c> where possible.</param>
/// <param name="Line">1-based line in the cell where the error is, when known.</param>
public sealed record CellError(
    string Name,
    string Message,
    IReadOnlyList<string> Traceback,
    int? Line
)
{
    /// <summary><c>Name: Message</c>.</summary>
    public override string ToString() => $"{Name}: {Message}";
}
