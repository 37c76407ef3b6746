namespace Kit.Core;

/// <summary>
/// Stops a notebook cleanly: throw it (or an exception derived from it) from a cell to stop the notebook with
/// <paramref name="message"/> and no traceback. The cell ends as stopped rather than failed, no further cells
/// run, the message is shown on its own (say what is missing and where to put it), and <c>kit notebook run</c>
/// exits with its "stopped" code instead of reporting a crash. The Jupyter kernel reports it as an error named
/// <c>NotebookStop</c> whose traceback is the message alone, so front-ends stop a "run all" there.
/// </summary>
/// <remarks>
/// Library code derives its own exceptions from it for conditions the user fixes outside the notebook, e.g. a
/// data set or reconstruction that is not in place (<c>L5pcDataNotFoundException : NotebookStopException</c>).
/// It is recognised also when wrapped (an inner exception, a <see cref="AggregateException"/> all of whose
/// exceptions are stops, a <see cref="System.Reflection.TargetInvocationException"/>); outside notebooks it is an
/// ordinary exception.
/// </remarks>
/// <param name="message">What is missing and where to put it; shown as is, so write it for the user.</param>
/// <param name="innerException">The failure that revealed it (a <see cref="FileNotFoundException"/>), or null.</param>
public class NotebookStopException(string message, Exception? innerException)
    : Exception(message, innerException)
{
    /// <summary>Stops the notebook with <paramref name="message"/>.</summary>
    public NotebookStopException(string message)
        : this(message, null) { }
}
