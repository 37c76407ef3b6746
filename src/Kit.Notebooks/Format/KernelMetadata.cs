using System.Text.Json.Nodes;

namespace Kit.Notebooks.Format;

/// <summary>
/// Notebook metadata of the kit's kernel, written so that Polyglot Notebooks (which reads
/// <c>polyglot_notebook.kernelInfo</c>) and Jupyter (which reads <c>kernelspec</c>) both open the file as C#.
/// </summary>
public static class KernelMetadata
{
    /// <summary>Jupyter kernel name of the kit.</summary>
    public const string KernelName = "neuronkit";

    /// <summary>Name shown by Jupyter frontends.</summary>
    public const string DisplayName = "C# (NeuronKit)";

    /// <summary>Language name used by kernelspec and language_info.</summary>
    public const string Language = "C#";

    /// <summary>Sets kernelspec, language_info and polyglot_notebook, keeping any other metadata.</summary>
    public static void Apply(JsonObject metadata)
    {
        metadata["kernelspec"] = new JsonObject
        {
            ["display_name"] = DisplayName,
            ["language"] = Language,
            ["name"] = KernelName,
        };
        metadata["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = Language,
            ["pygments_lexer"] = "csharp",
        };
        metadata["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(
                    new JsonObject
                    {
                        ["aliases"] = new JsonArray(),
                        ["languageName"] = Language,
                        ["name"] = "csharp",
                    }
                ),
            },
        };
    }
}
