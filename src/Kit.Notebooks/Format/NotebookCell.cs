using System.Text.Json.Nodes;

namespace Kit.Notebooks.Format;

/// <summary>One cell of an nbformat 4 notebook.</summary>
public sealed class NotebookCell
{
    /// <summary>Cell type names of nbformat 4.</summary>
    public const string Code = "code",
        Markdown = "markdown",
        Raw = "raw";

    /// <summary><see cref="Code"/>, <see cref="Markdown"/> or <see cref="Raw"/>.</summary>
    public required string CellType { get; init; }

    /// <summary>Cell id (nbformat 4.5+), or null.</summary>
    public string? Id { get; set; }

    /// <summary>The cell's source text, lines joined.</summary>
    public string Source { get; set; } = "";

    /// <summary>Cell metadata, unknown keys preserved (tags live in <c>tags</c>).</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>Outputs of a code cell (empty for other cells).</summary>
    public List<NotebookOutput> Outputs { get; set; } = [];

    /// <summary>Execution count of a code cell, null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Properties this model does not know (e.g. <c>attachments</c>), preserved on round trip.</summary>
    public JsonObject Extra { get; set; } = [];

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == Code;

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ?
            [
                .. tags.Select(t => t is JsonValue v && v.TryGetValue(out string? s) ? s : null)
                    .OfType<string>(),
            ]
            : [];

    /// <summary>True when the cell carries <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => Tags.Contains(tag);

    /// <summary>Adds a tag (no duplicate).</summary>
    public void AddTag(string tag)
    {
        if (HasTag(tag))
            return;
        if (Metadata["tags"] is not JsonArray tags)
            Metadata["tags"] = tags = [];
        tags.Add(tag);
    }

    /// <summary>A new C# code cell with Polyglot-compatible metadata.</summary>
    public static NotebookCell NewCode(string source, params string[] tags)
    {
        var cell = new NotebookCell
        {
            CellType = Code,
            Id = Guid.NewGuid().ToString("N")[..8],
            Source = source,
        };
        cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" };
        foreach (var t in tags)
            cell.AddTag(t);
        return cell;
    }

    /// <summary>A new markdown cell.</summary>
    public static NotebookCell NewMarkdown(string source) =>
        new()
        {
            CellType = Markdown,
            Id = Guid.NewGuid().ToString("N")[..8],
            Source = source,
        };
}
