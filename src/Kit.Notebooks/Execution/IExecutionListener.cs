using Kit.Core;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Execution;

/// <summary>
/// Receives outputs while a cell runs (a Jupyter kernel forwards them as iopub messages). Called from
/// whatever thread the cell code runs on; implementations must be thread-safe. The message of a cell stopped by a
/// <see cref="NotebookStopException"/> is not sent here: it is in the <see cref="CellResult"/> (a stderr output
/// and the error), and the kernel sends it as the cell's error.
/// </summary>
public interface IExecutionListener
{
    /// <summary>A new output; for streams, <paramref name="output"/> holds only the new chunk of text.</summary>
    void OnOutput(NotebookOutput output);

    /// <summary>The display <paramref name="displayId"/> (possibly from an earlier cell) was replaced.</summary>
    void OnDisplayUpdate(string displayId, MimeBundle bundle);
}
