using System.Text.Json.Nodes;
using Kit.Core;

namespace Kit.Notebooks.Format;

/// <summary>
/// One output of a code cell (nbformat 4): <c>stream</c>, <c>display_data</c>, <c>execute_result</c> or
/// <c>error</c>. Mutable so the engine can coalesce streams and update displays in place.
/// </summary>
public sealed class NotebookOutput
{
    /// <summary>Output type names of nbformat 4.</summary>
    public const string Stream = "stream",
        DisplayData = "display_data",
        ExecuteResult = "execute_result",
        Error = "error";

    /// <summary>One of <see cref="Stream"/>, <see cref="DisplayData"/>, <see cref="ExecuteResult"/>, <see cref="Error"/>.</summary>
    public required string OutputType { get; init; }

    /// <summary>Stream name (<c>stdout</c> or <c>stderr</c>) of a stream output.</summary>
    public string? Name { get; set; }

    /// <summary>Text of a stream output.</summary>
    public string? Text { get; set; }

    /// <summary>MIME type to content of display_data / execute_result: strings for text types, JSON objects for JSON types.</summary>
    public JsonObject? Data { get; set; }

    /// <summary>Output metadata (display_data / execute_result).</summary>
    public JsonObject? Metadata { get; set; }

    /// <summary>Execution count of an execute_result.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>Exception type name of an error output.</summary>
    public string? EName { get; set; }

    /// <summary>Exception message of an error output.</summary>
    public string? EValue { get; set; }

    /// <summary>Traceback lines of an error output.</summary>
    public List<string>? Traceback { get; set; }

    /// <summary>Display id of a display_data (transient: kept in memory for updates, not written to the file).</summary>
    public string? DisplayId { get; set; }

    /// <summary>Properties this model does not know, preserved on round trip.</summary>
    public JsonObject Extra { get; set; } = [];

    /// <summary>A stream output.</summary>
    public static NotebookOutput StreamText(string name, string text) =>
        new()
        {
            OutputType = Stream,
            Name = name,
            Text = text,
        };

    /// <summary>A display_data output from a MIME bundle.</summary>
    public static NotebookOutput Display(MimeBundle bundle, string? displayId) =>
        new()
        {
            OutputType = DisplayData,
            Data = ToData(bundle),
            Metadata = [],
            DisplayId = displayId,
        };

    /// <summary>An execute_result output from a MIME bundle.</summary>
    public static NotebookOutput Result(MimeBundle bundle, int executionCount) =>
        new()
        {
            OutputType = ExecuteResult,
            Data = ToData(bundle),
            Metadata = [],
            ExecutionCount = executionCount,
        };

    /// <summary>An error output.</summary>
    public static NotebookOutput ErrorOutput(
        string ename,
        string evalue,
        IEnumerable<string> traceback
    ) =>
        new()
        {
            OutputType = Error,
            EName = ename,
            EValue = evalue,
            Traceback = [.. traceback],
        };

    /// <summary>The <c>text/plain</c> content of a data output, or null.</summary>
    public string? PlainText => Data?["text/plain"]?.GetValue<string>();

    /// <summary>Converts a <see cref="MimeBundle"/> to nbformat data: JSON MIME types become objects.</summary>
    public static JsonObject ToData(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in bundle.Data)
        {
            JsonNode? node = JsonValue.Create(content);
            if (MimeBundle.IsJsonMime(mime))
            {
                try
                {
                    node = JsonNode.Parse(content);
                }
                catch (System.Text.Json.JsonException)
                {
                    // Not valid JSON: keep the text so nothing is lost.
                }
            }
            data[mime] = node;
        }
        return data;
    }
}
