using System.Text.Json.Nodes;
using Kit.Core;

namespace Kit.Notebooks.Format;

/// <summary>
/// A Jupyter notebook (nbformat 4) with C# code cells. Loading keeps unknown metadata and properties, saving
/// writes Jupyter's layout (1-space indentation, sorted keys, sources as lists of lines) atomically.
/// New notebooks carry metadata that Polyglot Notebooks understands (<see cref="KernelMetadata"/>).
/// </summary>
public sealed class NotebookDocument
{
    /// <summary>Major format version (always 4).</summary>
    public int NbFormat { get; set; } = 4;

    /// <summary>Minor format version (5 for new notebooks: cells carry ids).</summary>
    public int NbFormatMinor { get; set; } = 5;

    /// <summary>Notebook metadata (kernelspec, language_info, polyglot_notebook, anything else preserved).</summary>
    public JsonObject Metadata { get; set; } = [];

    /// <summary>The cells in order.</summary>
    public List<NotebookCell> Cells { get; set; } = [];

    /// <summary>Top-level properties this model does not know, preserved on round trip.</summary>
    public JsonObject Extra { get; set; } = [];

    /// <summary>The code cells in order.</summary>
    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);

    /// <summary>A new empty C# notebook with kit and Polyglot metadata.</summary>
    public static NotebookDocument Create(params NotebookCell[] cells)
    {
        var doc = new NotebookDocument { Cells = [.. cells] };
        KernelMetadata.Apply(doc.Metadata);
        return doc;
    }

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist (the message names it).</exception>
    /// <exception cref="NotebookFormatException">The file is not an nbformat 4 notebook (the message names the file and the problem).</exception>
    public static NotebookDocument Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new FileNotFoundException($"Notebook '{full}' does not exist.", full);
        return NotebookSerializer.Parse(File.ReadAllText(full), full);
    }

    /// <summary>Parses notebook JSON text; <paramref name="filePath"/> only names the source in errors.</summary>
    /// <exception cref="NotebookFormatException">The text is not an nbformat 4 notebook.</exception>
    public static NotebookDocument Parse(string json, string? filePath = null) =>
        NotebookSerializer.Parse(json, filePath);

    /// <summary>The notebook as Jupyter writes it (1-space indentation, sorted keys, trailing newline).</summary>
    public string ToJson() => NotebookSerializer.Write(this);

    /// <summary>Writes the notebook atomically (temporary file renamed into place).</summary>
    public void Save(string path) => AtomicFile.Write(path, s => NotebookSerializer.Write(this, s));

    /// <summary>A deep copy (through JSON), display ids dropped.</summary>
    public NotebookDocument Clone() => Parse(ToJson());
}
