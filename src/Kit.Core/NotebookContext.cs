namespace Kit.Core;

/// <summary>
/// The notebook being executed, set by the notebook engine (runner or kernel) so that library code knows
/// where the figures of this notebook go. Null outside a notebook.
/// </summary>
/// <param name="NotebookPath">Absolute path of the .ipynb file.</param>
/// <param name="Root">Repository root (docs/architecture.md, "Where outputs go").</param>
public sealed record NotebookContext(string NotebookPath, string Root)
{
    private static readonly AsyncLocal<NotebookContext?> current = new();
    private static NotebookContext? global;

    /// <summary>The notebook name without extension, e.g. <c>01-integrate-and-fire</c>.</summary>
    public string Name => Path.GetFileNameWithoutExtension(NotebookPath);

    /// <summary><c>figures/&lt;Name&gt;/</c> under the root (created on demand).</summary>
    public string FiguresDirectory => KitPaths.Figures(Name, Root);

    /// <summary>The executing notebook, or null outside a notebook.</summary>
    public static NotebookContext? Current
    {
        get => current.Value ?? global;
        set
        {
            current.Value = value;
            global = value;
        }
    }
}
