using System.Text;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// Forwards the outputs of one executing cell to iopub as they happen: <c>stream</c>, <c>display_data</c>
/// (with <c>transient.display_id</c>), <c>update_display_data</c>, <c>execute_result</c> and <c>error</c>.
/// Console text is batched (as ipykernel does): sent at most every <see cref="StreamInterval"/>, before any
/// other output, when it grows large, and on <see cref="Dispose"/>, so a chatty loop does not flood clients.
/// </summary>
internal sealed class IOPubForwarder : IExecutionListener, IDisposable
{
    /// <summary>The longest console text waits before it is sent.</summary>
    public static readonly TimeSpan StreamInterval = TimeSpan.FromMilliseconds(100);

    private const int MaxPending = 64 * 1024;
    private readonly Action<string, JsonObject> publish;
    private readonly int executionCount;
    private readonly Lock gate = new();
    private readonly StringBuilder pending = new();
    private readonly Timer timer;
    private string? pendingName;

    /// <summary>Forwards through <paramref name="publish"/> (message type, content) for execution <paramref name="executionCount"/>.</summary>
    public IOPubForwarder(Action<string, JsonObject> publish, int executionCount)
    {
        this.publish = publish;
        this.executionCount = executionCount;
        timer = new Timer(_ => Flush(), null, StreamInterval, StreamInterval);
    }

    /// <summary>Sends the console text waiting, if any.</summary>
    public void Flush()
    {
        lock (gate)
        {
            if (pending.Length == 0)
                return;
            publish(
                "stream",
                new JsonObject { ["name"] = pendingName, ["text"] = pending.ToString() }
            );
            pending.Clear();
        }
    }

    /// <summary>Stops the timer and sends the console text waiting.</summary>
    public void Dispose()
    {
        timer.Dispose();
        Flush();
    }

    /// <inheritdoc />
    public void OnOutput(NotebookOutput output)
    {
        lock (gate)
        {
            if (output.OutputType == NotebookOutput.Stream)
            {
                if (pendingName != output.Name)
                    Flush();
                pendingName = output.Name;
                pending.Append(output.Text);
                if (pending.Length >= MaxPending)
                    Flush();
                return;
            }
            Flush();
            Send(output);
        }
    }

    /// <inheritdoc />
    public void OnDisplayUpdate(string displayId, MimeBundle bundle)
    {
        lock (gate)
        {
            Flush();
            publish(
                "update_display_data",
                new JsonObject
                {
                    ["data"] = NotebookOutput.ToData(bundle),
                    ["metadata"] = new JsonObject(),
                    ["transient"] = new JsonObject { ["display_id"] = displayId },
                }
            );
        }
    }

    private void Send(NotebookOutput output)
    {
        switch (output.OutputType)
        {
            case NotebookOutput.DisplayData:
                var content = new JsonObject
                {
                    ["data"] = output.Data?.DeepClone() ?? new JsonObject(),
                    ["metadata"] = output.Metadata?.DeepClone() ?? new JsonObject(),
                };
                if (output.DisplayId != null)
                    content["transient"] = new JsonObject { ["display_id"] = output.DisplayId };
                publish("display_data", content);
                break;
            case NotebookOutput.ExecuteResult:
                publish(
                    "execute_result",
                    new JsonObject
                    {
                        ["execution_count"] = executionCount,
                        ["data"] = output.Data?.DeepClone() ?? new JsonObject(),
                        ["metadata"] = output.Metadata?.DeepClone() ?? new JsonObject(),
                    }
                );
                break;
            case NotebookOutput.Error:
                publish("error", ErrorContent(output.EName, output.EValue, output.Traceback ?? []));
                break;
        }
    }

    /// <summary>The content of an <c>error</c> message (also the error fields of an <c>execute_reply</c>).</summary>
    public static JsonObject ErrorContent(
        string? name,
        string? message,
        IEnumerable<string> traceback
    ) =>
        new()
        {
            ["ename"] = name ?? "Error",
            ["evalue"] = message ?? "",
            ["traceback"] = new JsonArray([
                .. traceback.Select(t => (JsonNode?)JsonValue.Create(t)),
            ]),
        };
}
