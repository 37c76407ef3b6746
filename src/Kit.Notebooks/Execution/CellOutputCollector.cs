using Kit.Core;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Execution;

/// <summary>
/// The outputs of one running cell: console text (coalesced into stream outputs), displays, the result and
/// errors. It is the <see cref="IDisplaySink"/> installed while the cell runs.
/// </summary>
internal sealed class CellOutputCollector(ExecutionSession session, IExecutionListener? listener)
    : IDisplaySink
{
    private readonly List<NotebookOutput> outputs = [];
    private readonly Lock gate = new();

    /// <summary>A snapshot of the outputs so far.</summary>
    public List<NotebookOutput> Outputs
    {
        get
        {
            lock (gate)
                return [.. outputs];
        }
    }

    /// <summary>
    /// Appends console text, merged into the last output when it is the same stream; the listener hears of it
    /// unless <paramref name="announce"/> is false (a stop's message, which a kernel sends as an error instead).
    /// </summary>
    public void AddStream(string name, string text, bool announce = true)
    {
        lock (gate)
        {
            if (
                outputs.Count > 0
                && outputs[^1] is { OutputType: NotebookOutput.Stream } last
                && last.Name == name
            )
                last.Text += text;
            else
                outputs.Add(NotebookOutput.StreamText(name, text));
        }
        if (announce)
            listener?.OnOutput(NotebookOutput.StreamText(name, text));
    }

    /// <summary>Appends any other output.</summary>
    public void Add(NotebookOutput output)
    {
        lock (gate)
            outputs.Add(output);
        listener?.OnOutput(output);
    }

    /// <inheritdoc />
    public void Show(MimeBundle bundle, string? displayId)
    {
        var output = NotebookOutput.Display(bundle, displayId);
        if (displayId != null)
            session.TrackDisplay(displayId, output);
        Add(output);
    }

    /// <inheritdoc />
    public void Update(MimeBundle bundle, string displayId)
    {
        session.UpdateDisplay(displayId, bundle);
        listener?.OnDisplayUpdate(displayId, bundle);
    }
}
