using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// Forwards the outputs of one executing cell to iopub as they happen: <c>stream</c>, <c>display_data</c>
/// (with <c>transient.display_id</c>), <c>update_display_data</c>, <c>execute_result</c> and <c>error</c>.
/// </summary>
internal sealed class IOPubForwarder(Action<string, JsonObject> publish, int executionCount)
    : IExecutionListener
{
    /// <inheritdoc />
    public void OnOutput(NotebookOutput output)
    {
        switch (output.OutputType)
        {
            case NotebookOutput.Stream:
                publish(
                    "stream",
                    new JsonObject { ["name"] = output.Name, ["text"] = output.Text }
                );
                break;
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

    /// <inheritdoc />
    public void OnDisplayUpdate(string displayId, MimeBundle bundle) =>
        publish(
            "update_display_data",
            new JsonObject
            {
                ["data"] = NotebookOutput.ToData(bundle),
                ["metadata"] = new JsonObject(),
                ["transient"] = new JsonObject { ["display_id"] = displayId },
            }
        );

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
