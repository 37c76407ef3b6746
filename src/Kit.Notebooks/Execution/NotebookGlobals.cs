using Kit.Core;

namespace Kit.Notebooks.Execution;

/// <summary>
/// Members every cell sees as globals (as in Polyglot Notebooks, <c>display(x)</c> shows a value and returns a
/// handle whose <c>Update</c> replaces it in place).
/// </summary>
public class NotebookGlobals
{
    /// <summary>Shows a value as a <c>display_data</c> output and returns a handle to update it.</summary>
    // Lower case to match Polyglot Notebooks and Jupyter's IPython.display.
#pragma warning disable IDE1006
    public DisplayHandle display(object? value) => Display.Show(value);
#pragma warning restore IDE1006

    /// <summary>The cancellation of the running cell (also <see cref="KitCancellation.Token"/>).</summary>
    public CancellationToken CancellationToken => KitCancellation.Token;

    /// <summary>The executing notebook (path and repository root), or null in a bare session.</summary>
    public NotebookContext? Notebook => NotebookContext.Current;
}
