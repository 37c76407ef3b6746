using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kit.Notebooks.Format;

/// <summary>nbformat 4 JSON to and from <see cref="NotebookDocument"/>, with errors naming the field.</summary>
internal static class NotebookSerializer
{
    private static readonly string[] cellKeys =
    [
        "cell_type",
        "id",
        "source",
        "metadata",
        "outputs",
        "execution_count",
    ];
    private static readonly string[] outputKeys =
    [
        "output_type",
        "name",
        "text",
        "data",
        "metadata",
        "execution_count",
        "ename",
        "evalue",
        "traceback",
    ];

    public static NotebookDocument Parse(string json, string? file)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(
                json,
                documentOptions: new JsonDocumentOptions
                {
                    AllowTrailingCommas = false,
                    MaxDepth = 256,
                }
            );
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}"
                : "";
            throw new NotebookFormatException(
                file,
                $"invalid JSON{where} ({FirstSentence(e.Message)})",
                e
            );
        }
        if (root is not JsonObject obj)
            throw new NotebookFormatException(file, "the top level must be a JSON object");
        var fail = (string problem) => new NotebookFormatException(file, problem);

        var doc = new NotebookDocument();
        var major = RequireInt(obj, "nbformat", "nbformat", fail);
        if (major != 4)
            throw fail($"nbformat is {major}; only nbformat 4 notebooks are supported");
        doc.NbFormat = major;
        doc.NbFormatMinor = obj.ContainsKey("nbformat_minor")
            ? RequireInt(obj, "nbformat_minor", "nbformat_minor", fail)
            : 0;
        doc.Metadata = obj["metadata"] switch
        {
            null when !obj.ContainsKey("metadata") => [],
            JsonObject m => (JsonObject)m.DeepClone(),
            _ => throw fail("metadata must be an object"),
        };
        if (obj["cells"] is not JsonArray cells)
            throw fail(
                obj.ContainsKey("cells") ? "cells must be an array" : "the 'cells' array is missing"
            );
        for (var i = 0; i < cells.Count; i++)
            doc.Cells.Add(ParseCell(cells[i], $"cells[{i}]", fail));
        foreach (var (key, value) in obj)
            if (key is not ("nbformat" or "nbformat_minor" or "metadata" or "cells"))
                doc.Extra[key] = value?.DeepClone();
        return doc;
    }

    private static NotebookCell ParseCell(JsonNode? node, string at, Func<string, Exception> fail)
    {
        if (node is not JsonObject c)
            throw fail($"{at} must be an object");
        var type = RequireString(c, "cell_type", at, fail);
        if (type is not (NotebookCell.Code or NotebookCell.Markdown or NotebookCell.Raw))
            throw fail($"{at}.cell_type is '{type}'; expected code, markdown or raw");
        var cell = new NotebookCell
        {
            CellType = type,
            Id = c["id"] is null ? null : RequireString(c, "id", at, fail),
            Source = MultilineString(c["source"], $"{at}.source", fail, required: true),
            Metadata = c["metadata"] switch
            {
                null => [],
                JsonObject m => (JsonObject)m.DeepClone(),
                _ => throw fail($"{at}.metadata must be an object"),
            },
        };
        if (cell.Metadata["tags"] is { } tags && tags is not JsonArray)
            throw fail($"{at}.metadata.tags must be an array of strings");
        if (cell.IsCode)
        {
            cell.ExecutionCount = c["execution_count"] is null
                ? null
                : RequireInt(c, "execution_count", at, fail);
            if (c["outputs"] is { } outs)
            {
                if (outs is not JsonArray arr)
                    throw fail($"{at}.outputs must be an array");
                for (var i = 0; i < arr.Count; i++)
                    cell.Outputs.Add(ParseOutput(arr[i], $"{at}.outputs[{i}]", fail));
            }
        }
        foreach (var (key, value) in c)
            if (!cellKeys.Contains(key))
                cell.Extra[key] = value?.DeepClone();
        return cell;
    }

    private static NotebookOutput ParseOutput(
        JsonNode? node,
        string at,
        Func<string, Exception> fail
    )
    {
        if (node is not JsonObject o)
            throw fail($"{at} must be an object");
        var type = RequireString(o, "output_type", at, fail);
        var output = new NotebookOutput { OutputType = type };
        switch (type)
        {
            case NotebookOutput.Stream:
                output.Name = RequireString(o, "name", at, fail);
                output.Text = MultilineString(o["text"], $"{at}.text", fail, required: true);
                break;
            case NotebookOutput.DisplayData:
            case NotebookOutput.ExecuteResult:
                output.Data = ParseData(o["data"], $"{at}.data", fail);
                output.Metadata = o["metadata"] switch
                {
                    null => [],
                    JsonObject m => (JsonObject)m.DeepClone(),
                    _ => throw fail($"{at}.metadata must be an object"),
                };
                if (type == NotebookOutput.ExecuteResult)
                    output.ExecutionCount = o["execution_count"] is null
                        ? null
                        : RequireInt(o, "execution_count", at, fail);
                break;
            case NotebookOutput.Error:
                output.EName = RequireString(o, "ename", at, fail);
                output.EValue = RequireString(o, "evalue", at, fail);
                if (
                    o["traceback"] is not JsonArray tb
                    || tb.Any(t => t is not JsonValue v || !v.TryGetValue(out string? _))
                )
                    throw fail($"{at}.traceback must be an array of strings");
                output.Traceback = [.. tb.Select(t => t!.GetValue<string>())];
                break;
            default:
                throw fail(
                    $"{at}.output_type is '{type}'; expected stream, display_data, execute_result or error"
                );
        }
        foreach (var (key, value) in o)
            if (!outputKeys.Contains(key))
                output.Extra[key] = value?.DeepClone();
        return output;
    }

    private static JsonObject ParseData(JsonNode? node, string at, Func<string, Exception> fail)
    {
        if (node is not JsonObject data)
            throw fail($"{at} must be an object");
        var result = new JsonObject();
        foreach (var (mime, value) in data)
            result[mime] = value switch
            {
                JsonValue or JsonArray when !Kit.Core.MimeBundle.IsJsonMime(mime) =>
                    JsonValue.Create(
                        MultilineString(value, $"{at}[\"{mime}\"]", fail, required: true)
                    ),
                _ => value?.DeepClone(),
            };
        return result;
    }

    private static string MultilineString(
        JsonNode? node,
        string at,
        Func<string, Exception> fail,
        bool required
    )
    {
        switch (node)
        {
            case null when !required:
                return "";
            case JsonValue v when v.TryGetValue(out string? s):
                return s;
            case JsonArray a:
                var sb = new StringBuilder();
                foreach (var line in a)
                {
                    if (line is not JsonValue lv || !lv.TryGetValue(out string? ls))
                        throw fail($"{at} must be a string or an array of strings");
                    sb.Append(ls);
                }
                return sb.ToString();
            default:
                throw fail(
                    node is null
                        ? $"{at} is missing"
                        : $"{at} must be a string or an array of strings"
                );
        }
    }

    private static string RequireString(
        JsonObject o,
        string key,
        string at,
        Func<string, Exception> fail
    ) =>
        o[key] is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw fail(
                o.ContainsKey(key)
                    ? $"{Field(at, key)} must be a string"
                    : $"{Field(at, key)} is missing"
            );

    private static int RequireInt(
        JsonObject o,
        string key,
        string at,
        Func<string, Exception> fail
    ) =>
        o[key] is JsonValue v
        && v.GetValueKind() == JsonValueKind.Number
        && v.TryGetValue(out int i)
            ? i
            : throw fail(
                o.ContainsKey(key)
                    ? $"{Field(at, key)} must be an integer"
                    : $"{Field(at, key)} is missing"
            );

    private static string Field(string at, string key) => at == key ? key : $"{at}.{key}";

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..dot] : message.TrimEnd('.');
    }

    public static string Write(NotebookDocument doc)
    {
        using var stream = new MemoryStream();
        Write(doc, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the notebook JSON (UTF-8, trailing newline) to <paramref name="output"/> without building it as one string.</summary>
    public static void Write(NotebookDocument doc, Stream output)
    {
        var root = new JsonObject();
        foreach (var (k, v) in doc.Extra)
            root[k] = v?.DeepClone();
        root["cells"] = new JsonArray([.. doc.Cells.Select(WriteCell)]);
        root["metadata"] = doc.Metadata.DeepClone();
        root["nbformat"] = doc.NbFormat;
        root["nbformat_minor"] = doc.NbFormatMinor;
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 1,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        };
        using (var writer = new Utf8JsonWriter(output, options))
            WriteSorted(writer, root);
        output.WriteByte((byte)'\n');
    }

    private static JsonObject WriteCell(NotebookCell cell)
    {
        var o = new JsonObject();
        foreach (var (k, v) in cell.Extra)
            o[k] = v?.DeepClone();
        o["cell_type"] = cell.CellType;
        if (cell.Id != null)
            o["id"] = cell.Id;
        o["metadata"] = cell.Metadata.DeepClone();
        o["source"] = Lines(cell.Source);
        if (cell.IsCode)
        {
            o["execution_count"] = cell.ExecutionCount;
            o["outputs"] = new JsonArray([.. cell.Outputs.Select(WriteOutput)]);
        }
        return o;
    }

    private static JsonObject WriteOutput(NotebookOutput output)
    {
        var o = new JsonObject();
        foreach (var (k, v) in output.Extra)
            o[k] = v?.DeepClone();
        o["output_type"] = output.OutputType;
        switch (output.OutputType)
        {
            case NotebookOutput.Stream:
                o["name"] = output.Name;
                o["text"] = Lines(output.Text ?? "");
                break;
            case NotebookOutput.DisplayData:
            case NotebookOutput.ExecuteResult:
                var data = new JsonObject();
                foreach (var (mime, value) in output.Data ?? [])
                    data[mime] =
                        value is JsonValue v
                        && v.TryGetValue(out string? s)
                        && !Kit.Core.MimeBundle.IsJsonMime(mime)
                            ? Lines(s)
                            : value?.DeepClone();
                o["data"] = data;
                o["metadata"] = output.Metadata?.DeepClone() ?? new JsonObject();
                if (output.OutputType == NotebookOutput.ExecuteResult)
                    o["execution_count"] = output.ExecutionCount;
                break;
            case NotebookOutput.Error:
                o["ename"] = output.EName;
                o["evalue"] = output.EValue;
                o["traceback"] = new JsonArray([
                    .. (output.Traceback ?? []).Select(t => (JsonNode?)t),
                ]);
                break;
        }
        return o;
    }

    /// <summary>Splits text into lines that keep their "\n", as Jupyter stores multiline strings.</summary>
    private static JsonArray Lines(string text)
    {
        var arr = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                arr.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length)
            arr.Add(text[start..]);
        return arr;
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(k);
                    WriteSorted(writer, v);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a)
                    WriteSorted(writer, item);
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
