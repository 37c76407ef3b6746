namespace Kit.Notebooks.Execution;

/// <summary>Why a cell failed, as Jupyter shows it.</summary>
/// <param name="Name">
/// Exception type name, or <c>CompilationError</c> / <c>UnsupportedDirective</c>, or <see cref="StopName"/> for a
/// cell stopped by a <see cref="Kit.Core.NotebookStopException"/>.
/// </param>
/// <param name="Message">The message (first diagnostic of a compilation error).</param>
/// <param name="Traceback">
/// Lines to show; frames point at <c>cell line N</c> where possible. A stop has one line, the message, and no frames.
/// </param>
/// <param name="Line">1-based line in the cell where the error is, when known.</param>
public sealed record CellError(
    string Name,
    string Message,
    IReadOnlyList<string> Traceback,
    int? Line
)
{
    /// <summary>The <see cref="Name"/> of a stop (Jupyter's <c>ename</c>): <c>NotebookStop</c>, whatever the exception type.</summary>
    public const string StopName = "NotebookStop";

    /// <summary><c>Name: Message</c>.</summary>
    public override string ToString() => $"{Name}: {Message}";
}
