using Kit.Notebooks.Format;

namespace Kit.Notebooks.Tests;

/// <summary>A temporary folder with a Kit.sln marker (a repository root) and a notebooks/ folder.</summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "nk-tests-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Path.Combine(Root, "notebooks"));
        File.WriteAllText(Path.Combine(Root, "Kit.sln"), "");
        Root = Path.GetFullPath(Root);
    }

    public string Root { get; }

    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Writes a notebook of code cells; a cell starting with "[tag]" gets that tag.</summary>
    public string Write(string name, params string[] cells)
    {
        var doc = NotebookDocument.Create();
        doc.Cells.Add(NotebookCell.NewMarkdown("# " + name));
        foreach (var c in cells)
        {
            if (c.StartsWith('['))
            {
                var end = c.IndexOf(']');
                doc.Cells.Add(NotebookCell.NewCode(c[(end + 1)..], c[1..end]));
            }
            else
                doc.Cells.Add(NotebookCell.NewCode(c));
        }
        var path = Path.Combine(Notebooks, name + ".ipynb");
        doc.Save(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException) { }
    }
}

/// <summary>Tests that change the process working directory or environment run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessStateCollection
{
    public const string Name = "process state";
}
