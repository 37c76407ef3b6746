using System.Text.Json.Nodes;
using Kit.Notebooks.Kernel;
using NetMQ;

namespace Kit.Notebooks.Tests.Kernel;

[Collection(ProcessStateCollection.Name)]
public sealed class JupyterKernelTests : IDisposable
{
    private readonly StringWriter log = new();
    private readonly ConnectionInfo connection = KernelClient.FreeConnection();
    private readonly JupyterKernel kernel;
    private readonly KernelClient client;

    public JupyterKernelTests()
    {
        kernel = new JupyterKernel(
            connection,
            new JupyterKernelOptions { Log = log, RestartInProcess = true }
        );
        kernel.Start();
        client = new KernelClient(connection);
        client.WaitReady();
    }

    public void Dispose()
    {
        client.Dispose();
        kernel.Dispose();
    }

    private static string? Str(JsonNode? n) => n?.GetValue<string>();

    [Fact]
    public void Kernel_info_describes_the_csharp_kernel_and_heartbeat_echoes()
    {
        var request = client.Send(client.Shell, "kernel_info_request", []);
        var reply = client.Receive(client.Shell);
        Assert.Equal("kernel_info_reply", reply.MessageType);
        Assert.Equal(request.MessageId, Str(reply.ParentHeader["msg_id"]));
        Assert.Equal("5.3", Str(reply.Content["protocol_version"]));
        Assert.Equal("neuronkit", Str(reply.Content["implementation"]));
        var language = reply.Content["language_info"]!;
        Assert.Equal("C#", Str(language["name"]));
        Assert.Equal(".cs", Str(language["file_extension"]));
        Assert.Equal("text/x-csharp", Str(language["mimetype"]));
        Assert.Equal("csharp", Str(language["pygments_lexer"]));
        var statuses = client.IOPubOf(request).Select(m => Str(m.Content["execution_state"]));
        Assert.Equal(["busy", "idle"], statuses);

        client.Heartbeat.SendFrame("ping");
        Assert.True(client.Heartbeat.TryReceiveFrameString(KernelClient.Timeout, out var echo));
        Assert.Equal("ping", echo);
    }

    [Fact]
    public void Wrongly_signed_request_is_refused_and_logged()
    {
        var wrong = new MessageSigner("not the key");
        client.Send(client.Shell, "execute_request", KernelClient.Execution("1"), wrong);
        Assert.Null(client.TryReceive(client.Shell, TimeSpan.FromSeconds(2)));
        Assert.Contains("invalid HMAC signature", log.ToString(), StringComparison.Ordinal);
        var (reply, _) = client.Execute("1 + 1");
        Assert.Equal("ok", Str(reply.Content["status"]));
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>()); // the refused one never ran
    }

    [Fact]
    public void Execute_streams_stdout_display_update_and_result()
    {
        var (reply, iopub) = client.Execute(
            "Console.WriteLine(\"hello\");\nvar h = display(\"first\");\nh.Update(\"second\");\n6 * 7"
        );
        Assert.Equal("ok", Str(reply.Content["status"]));
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());
        Assert.Equal(
            [
                "status",
                "execute_input",
                "stream",
                "display_data",
                "update_display_data",
                "execute_result",
                "status",
            ],
            iopub.Select(m => m.MessageType)
        );
        Assert.Equal("busy", Str(iopub[0].Content["execution_state"]));
        Assert.Equal(1, iopub[1].Content["execution_count"]!.GetValue<int>());
        Assert.Equal("stdout", Str(iopub[2].Content["name"]));
        Assert.Equal("hello\n", Str(iopub[2].Content["text"]));
        var displayId = Str(iopub[3].Content["transient"]?["display_id"]);
        Assert.False(string.IsNullOrEmpty(displayId));
        Assert.Equal("first", Str(iopub[3].Content["data"]?["text/plain"]));
        Assert.Equal(displayId, Str(iopub[4].Content["transient"]?["display_id"]));
        Assert.Equal("second", Str(iopub[4].Content["data"]?["text/plain"]));
        Assert.Equal("42", Str(iopub[5].Content["data"]?["text/plain"]));
        Assert.Equal(1, iopub[5].Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void Chatty_console_output_is_batched_into_few_stream_messages()
    {
        var (reply, iopub) = client.Execute(
            "for (var i = 0; i < 2000; i++) Console.WriteLine(i);\nConsole.Error.WriteLine(\"done\");"
        );
        Assert.Equal("ok", Str(reply.Content["status"]));
        var streams = iopub.Where(m => m.MessageType == "stream").ToList();
        Assert.True(streams.Count < 50, $"{streams.Count} stream messages");
        var stdout = string.Concat(
            streams
                .Where(m => Str(m.Content["name"]) == "stdout")
                .Select(m => Str(m.Content["text"]))
        );
        Assert.Equal(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i}\n")), stdout);
        Assert.Equal("done\n", Str(streams[^1].Content["text"]));
        Assert.Equal("stderr", Str(streams[^1].Content["name"]));
    }

    [Fact]
    public void A_failing_cell_reports_the_cell_line_and_the_next_cell_keeps_state()
    {
        Assert.Equal("ok", Str(client.Execute("var x = 41;").Reply.Content["status"]));

        var (failed, iopub) = client.Execute(
            "var y = 1;\nthrow new InvalidOperationException(\"boom\");"
        );
        Assert.Equal("error", Str(failed.Content["status"]));
        Assert.Equal("System.InvalidOperationException", Str(failed.Content["ename"]));
        var error = Assert.Single(iopub, m => m.MessageType == "error");
        Assert.Equal("boom", Str(error.Content["evalue"]));
        var traceback = string.Join("\n", error.Content["traceback"]!.AsArray().Select(Str));
        Assert.Contains("cell [2], line 2", traceback, StringComparison.Ordinal);

        var (compile, _) = client.Execute("int z = \"text\";");
        Assert.Equal("error", Str(compile.Content["status"]));
        Assert.Contains("line 1:", Str(compile.Content["traceback"]![0]), StringComparison.Ordinal);

        var (ok, outputs) = client.Execute("x + 1");
        Assert.Equal("ok", Str(ok.Content["status"]));
        Assert.Equal(
            "42",
            Str(
                outputs
                    .Single(m => m.MessageType == "execute_result")
                    .Content["data"]
                    ?["text/plain"]
            )
        );
    }

    [Fact]
    public void A_stopping_cell_replies_a_notebook_stop_error_whose_traceback_is_the_message()
    {
        var (reply, iopub) = client.Execute(
            "class DataNotFound(string m) : NotebookStopException(m);\n"
                + "Console.WriteLine(\"looking\");\nthrow new DataNotFound(\"Put cell1.asc in data/morphologies/.\");"
        );
        Assert.Equal("error", Str(reply.Content["status"]));
        Assert.Equal("NotebookStop", Str(reply.Content["ename"]));
        Assert.Equal("Put cell1.asc in data/morphologies/.", Str(reply.Content["evalue"]));
        Assert.Equal(
            ["Put cell1.asc in data/morphologies/."],
            reply.Content["traceback"]!.AsArray().Select(Str)
        );
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());
        // The message is shown once, as the error; the cell's own output still streams.
        Assert.Equal(
            ["status", "execute_input", "stream", "error", "status"],
            iopub.Select(m => m.MessageType)
        );
        Assert.Equal("looking\n", Str(iopub[2].Content["text"]));
        var error = iopub[3].Content;
        Assert.Equal("NotebookStop", Str(error["ename"]));
        Assert.Equal("Put cell1.asc in data/morphologies/.", Str(error["evalue"]));
        Assert.Equal(
            ["Put cell1.asc in data/morphologies/."],
            error["traceback"]!.AsArray().Select(Str)
        );

        var (after, _) = client.Execute("1 + 1");
        Assert.Equal("ok", Str(after.Content["status"]));
    }

    [Fact]
    public void Interrupt_cancels_a_long_cell_and_the_kernel_stays_usable()
    {
        var request = client.Send(
            client.Shell,
            "execute_request",
            KernelClient.Execution(
                "Console.WriteLine(\"started\");\nwhile (true) { KitCancellation.Token.ThrowIfCancellationRequested(); Thread.Sleep(5); }"
            )
        );
        // Wait until the cell runs (its first output), then interrupt on control.
        var seen = new List<JupyterMessage>();
        while (!seen.Any(m => m.MessageType == "stream"))
            seen.Add(client.Receive(client.IOPub));
        client.Send(client.Control, "interrupt_request", []);
        Assert.Equal("interrupt_reply", client.Receive(client.Control).MessageType);

        var reply = client.Receive(client.Shell);
        Assert.Equal(request.MessageId, Str(reply.ParentHeader["msg_id"]));
        Assert.Equal("error", Str(reply.Content["status"]));
        Assert.Contains("Canceled", Str(reply.Content["ename"]), StringComparison.Ordinal);

        var (after, _) = client.Execute("1 + 1");
        Assert.Equal("ok", Str(after.Content["status"]));
    }

    [Fact]
    public void Completion_lists_members_after_a_dot_and_declared_variables()
    {
        client.Execute("var myVariable = 3;");

        var members = Complete("Math.", 5);
        Assert.Contains("Sqrt", Matches(members));
        Assert.Contains("PI", Matches(members));
        Assert.Equal(5, members.Content["cursor_start"]!.GetValue<int>());

        var partial = Complete("var r = Math.Sq", 15);
        Assert.Equal(["Sqrt"], Matches(partial));
        Assert.Equal(13, partial.Content["cursor_start"]!.GetValue<int>());
        Assert.Equal(15, partial.Content["cursor_end"]!.GetValue<int>());

        Assert.Contains("myVariable", Matches(Complete("myVa", 4)));
        var instance = Matches(Complete("myVariable.", 11));
        Assert.Contains("CompareTo", instance);
        Assert.DoesNotContain("MaxValue", instance); // static members are not offered on a value
    }

    [Fact]
    public void Is_complete_distinguishes_incomplete_complete_and_invalid_code()
    {
        Assert.Equal("incomplete", IsComplete("for (var i = 0; i < 3; i++) {"));
        Assert.Equal("complete", IsComplete("var a = 1;"));
        Assert.Equal("invalid", IsComplete("var a = ;"));
    }

    [Fact]
    public void Inspect_shows_signature_and_summary_of_a_kit_method()
    {
        var code = "KitPaths.FindRoot(\".\")";
        client.Send(
            client.Shell,
            "inspect_request",
            new JsonObject
            {
                ["code"] = code,
                ["cursor_pos"] = 12,
                ["detail_level"] = 0,
            }
        );
        var reply = client.Receive(client.Shell);
        Assert.Equal("inspect_reply", reply.MessageType);
        Assert.True(reply.Content["found"]!.GetValue<bool>());
        var text = Str(reply.Content["data"]?["text/plain"]) ?? "";
        Assert.Contains("KitPaths.FindRoot(string startDirectory)", text, StringComparison.Ordinal);
        Assert.Contains(
            "The nearest ancestor (or the folder itself) holding Kit.sln",
            text,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Restart_starts_a_new_session_and_shutdown_ends_the_kernel()
    {
        client.Execute("var kept = 1;");
        client.Send(client.Control, "shutdown_request", new JsonObject { ["restart"] = true });
        var restarted = client.Receive(client.Control);
        Assert.Equal("shutdown_reply", restarted.MessageType);
        Assert.True(restarted.Content["restart"]!.GetValue<bool>());
        var (reply, _) = client.Execute("kept");
        Assert.Equal("error", Str(reply.Content["status"])); // state is gone
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());

        client.Send(client.Control, "shutdown_request", new JsonObject { ["restart"] = false });
        Assert.Equal("shutdown_reply", client.Receive(client.Control).MessageType);
        await kernel.Completion.WaitAsync(KernelClient.Timeout);
    }

    private JupyterMessage Complete(string code, int cursor)
    {
        client.Send(
            client.Shell,
            "complete_request",
            new JsonObject { ["code"] = code, ["cursor_pos"] = cursor }
        );
        var reply = client.Receive(client.Shell);
        Assert.Equal("complete_reply", reply.MessageType);
        Assert.Equal("ok", Str(reply.Content["status"]));
        return reply;
    }

    private static List<string> Matches(JupyterMessage reply) =>
        [.. reply.Content["matches"]!.AsArray().Select(m => m!.GetValue<string>())];

    private string? IsComplete(string code)
    {
        client.Send(client.Shell, "is_complete_request", new JsonObject { ["code"] = code });
        var reply = client.Receive(client.Shell);
        Assert.Equal("is_complete_reply", reply.MessageType);
        return Str(reply.Content["status"]);
    }
}
