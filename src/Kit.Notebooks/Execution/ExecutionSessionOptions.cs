using Kit.Core;

namespace Kit.Notebooks.Execution;

/// <summary>How an <see cref="ExecutionSession"/> is set up.</summary>
public sealed record ExecutionSessionOptions
{
    /// <summary>Folder that relative <c>#r "path.dll"</c> and <c>#load</c> paths resolve against (default: the working directory when the session starts).</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>The notebook being run; set as <see cref="NotebookContext.Current"/> while cells run.</summary>
    public NotebookContext? Notebook { get; init; }
}
