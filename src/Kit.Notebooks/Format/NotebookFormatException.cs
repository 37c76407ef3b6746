namespace Kit.Notebooks.Format;

/// <summary>A notebook file that is not valid nbformat 4 JSON; the message names the file and what is wrong.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/> (null for in-memory text).</summary>
    public NotebookFormatException(string? filePath, string problem, Exception? inner = null)
        : base($"Notebook '{filePath ?? "<text>"}' is malformed: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file that failed to load, or null when the notebook came from text.</summary>
    public string? FilePath { get; }

    /// <summary>What is wrong, e.g. <c>cells[3].source must be a string or an array of strings</c>.</summary>
    public string Problem { get; }
}
