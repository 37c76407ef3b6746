using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Kit.Notebooks.Execution;
using NetMQ;
using NetMQ.Sockets;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// The kit's Jupyter kernel (messaging protocol 5.3 over ZeroMQ): a thin transport over
/// <see cref="ExecutionSession"/>, the engine <c>kit notebook run</c> uses too.
/// </summary>
/// <remarks>
/// Threads: the heartbeat echoes on its own thread; one poller thread owns the shell, control, stdin and iopub
/// sockets and sends everything that other threads queue for them; shell requests run one at a time on a
/// worker thread, so control (interrupt, shutdown) is served while a cell runs. Wrongly signed or malformed
/// messages are refused and logged. A failing cell, or a failing handler, never stops the kernel.
/// </remarks>
public sealed class JupyterKernel : IDisposable
{
    private readonly ConnectionInfo connection;
    private readonly JupyterKernelOptions options;
    private readonly MessageSigner signer;
    private readonly TextWriter log;
    private readonly string sessionId = Guid.NewGuid().ToString("N");
    private readonly RouterSocket shell = new(),
        control = new(),
        stdin = new();
    private readonly PublisherSocket iopub = new();
    private readonly NetMQQueue<(NetMQSocket Socket, JupyterMessage Message)> outgoing = new();
    private readonly NetMQPoller poller;
    private readonly BlockingCollection<JupyterMessage> shellQueue = [];
    private readonly TaskCompletionSource stopped = new(
        TaskCreationOptions.RunContinuationsAsynchronously
    );
    private readonly Lock gate = new();
    private Heartbeat? heartbeat;
    private Thread? worker;
    private CancellationTokenSource? running;
    private volatile ExecutionSession session;
    private int started,
        disposed;

    /// <summary>Creates a kernel for <paramref name="connection"/> (sockets are bound by <see cref="Start"/>).</summary>
    public JupyterKernel(ConnectionInfo connection, JupyterKernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        this.connection = connection;
        this.options = options ?? new JupyterKernelOptions();
        log = TextWriter.Synchronized(this.options.Log ?? Console.Error);
        signer = new MessageSigner(connection.Key);
        session = new ExecutionSession(this.options.Session);
        poller = [shell, control, stdin, outgoing];
        shell.ReceiveReady += (_, e) => Receive(e.Socket, OnShell);
        control.ReceiveReady += (_, e) => Receive(e.Socket, OnControl);
        stdin.ReceiveReady += (_, e) => Receive(e.Socket, _ => { });
        outgoing.ReceiveReady += (_, _) => SendQueued();
    }

    /// <summary>The session cells run in (a new one after an in-process restart).</summary>
    public ExecutionSession Session => session;

    /// <summary>Completes when the kernel has shut down (a <c>shutdown_request</c> or <see cref="Dispose"/>).</summary>
    public Task Completion => stopped.Task;

    /// <summary>The implementation name in <c>kernel_info_reply</c>.</summary>
    public const string Implementation = "neuronkit";

    /// <summary>Binds the sockets, starts the threads and publishes the <c>starting</c> status.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    /// <exception cref="NetMQException">A port cannot be bound.</exception>
    public void Start()
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
            throw new InvalidOperationException("The kernel is already started.");
        foreach (
            var (socket, port) in new (NetMQSocket, int)[]
            {
                (shell, connection.ShellPort),
                (control, connection.ControlPort),
                (stdin, connection.StdinPort),
                (iopub, connection.IOPubPort),
            }
        )
        {
            socket.Options.Linger = TimeSpan.FromSeconds(1);
            socket.Bind(connection.Address(port));
        }
        heartbeat = new Heartbeat(connection.Address(connection.HeartbeatPort));
        worker = new Thread(RunShell) { IsBackground = true, Name = "jupyter-shell" };
        worker.Start();
        poller.RunAsync("jupyter-poller", isBackgroundThread: true);
        Publish(null, "status", new JsonObject { ["execution_state"] = "starting" });
    }

    /// <summary>Cancels the running cell (as an <c>interrupt_request</c> or SIGINT does); the kernel stays up.</summary>
    /// <returns>Whether a cell was running.</returns>
    public bool Interrupt()
    {
        lock (gate)
        {
            running?.Cancel();
            return running != null;
        }
    }

    /// <summary>Stops the threads and closes the sockets.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
            return;
        Interrupt();
        shellQueue.CompleteAdding();
        if (poller.IsRunning)
            poller.Stop();
        heartbeat?.Dispose();
        worker?.Join(TimeSpan.FromSeconds(5));
        poller.Dispose();
        shell.Dispose();
        control.Dispose();
        stdin.Dispose();
        iopub.Dispose();
        outgoing.Dispose();
        if (worker is null || !worker.IsAlive)
            shellQueue.Dispose();
        stopped.TrySetResult();
    }

    // ---- poller thread ----

    private void Receive(NetMQSocket socket, Action<JupyterMessage> handle)
    {
        var frames = new NetMQMessage();
        while (socket.TryReceiveMultipartMessage(TimeSpan.Zero, ref frames))
        {
            var message = MessageWire.Decode(frames, signer, out var problem);
            if (message is null)
            {
                log.WriteLine($"neuronkit kernel: refused a message: {problem}");
                continue;
            }
            try
            {
                handle(message);
            }
            catch (Exception e)
            {
                log.WriteLine(
                    $"neuronkit kernel: {message.MessageType} failed: {e.GetType().Name}: {e.Message}"
                );
            }
            frames = new NetMQMessage();
        }
    }

    private void SendQueued()
    {
        while (outgoing.TryDequeue(out var item, TimeSpan.Zero))
        {
            if (item.Message.MessageType == StopMarker)
            {
                stopped.TrySetResult();
                continue;
            }
            item.Socket.SendMultipartMessage(MessageWire.Encode(item.Message, signer));
        }
    }

    private void OnShell(JupyterMessage message)
    {
        if (!shellQueue.IsAddingCompleted)
            shellQueue.Add(message);
    }

    private void OnControl(JupyterMessage message)
    {
        Busy(message);
        switch (message.MessageType)
        {
            case "interrupt_request":
                Interrupt();
                Reply(control, message, "interrupt_reply", Ok());
                break;
            case "shutdown_request":
                Shutdown(control, message);
                break;
            case "kernel_info_request":
                Reply(control, message, "kernel_info_reply", KernelInfo());
                break;
            default:
                log.WriteLine(
                    $"neuronkit kernel: unsupported control message {message.MessageType}"
                );
                break;
        }
        Idle(message);
    }

    // ---- shell worker thread ----

    private void RunShell()
    {
        foreach (var message in shellQueue.GetConsumingEnumerable())
        {
            Busy(message);
            try
            {
                HandleShell(message);
            }
            catch (Exception e)
            {
                log.WriteLine(
                    $"neuronkit kernel: {message.MessageType} failed: {e.GetType().Name}: {e.Message}"
                );
                if (message.MessageType.EndsWith("_request", StringComparison.Ordinal))
                {
                    var error = IOPubForwarder.ErrorContent(
                        e.GetType().Name,
                        e.Message,
                        [e.ToString()]
                    );
                    error["status"] = "error";
                    Reply(
                        shell,
                        message,
                        message.MessageType[..^"_request".Length] + "_reply",
                        error
                    );
                }
            }
            Idle(message);
        }
    }

    private void HandleShell(JupyterMessage message)
    {
        var content = message.Content;
        switch (message.MessageType)
        {
            case "kernel_info_request":
                Reply(shell, message, "kernel_info_reply", KernelInfo());
                break;
            case "execute_request":
                Execute(message);
                break;
            case "complete_request":
                Reply(shell, message, "complete_reply", Complete(content));
                break;
            case "inspect_request":
                Reply(shell, message, "inspect_reply", Inspect(content));
                break;
            case "is_complete_request":
                Reply(shell, message, "is_complete_reply", IsComplete(content));
                break;
            case "comm_info_request":
                var reply = Ok();
                reply["comms"] = new JsonObject();
                Reply(shell, message, "comm_info_reply", reply);
                break;
            case "history_request":
                var history = Ok();
                history["history"] = new JsonArray();
                Reply(shell, message, "history_reply", history);
                break;
            case "shutdown_request":
                Shutdown(shell, message);
                break;
            default:
                // Comms and other optional messages: not supported. Widgets are out of scope; knobs are variables
                // in the parameters cell (docs/architecture.md, "Profiles").
                log.WriteLine($"neuronkit kernel: unsupported shell message {message.MessageType}");
                break;
        }
    }

    private void Execute(JupyterMessage request)
    {
        var code = String(request.Content, "code") ?? "";
        var silent = Bool(request.Content, "silent");
        var current = session;
        var count = current.ExecutionCount + 1;
        if (!silent)
            Publish(
                request,
                "execute_input",
                new JsonObject { ["code"] = code, ["execution_count"] = count }
            );
        using var cts = new CancellationTokenSource();
        lock (gate)
            running = cts;
        JsonObject reply;
        try
        {
            using var listener = silent
                ? null
                : new IOPubForwarder((type, c) => Publish(request, type, c), count);
            var result = current.ExecuteAsync(code, cts.Token, listener).GetAwaiter().GetResult();
            listener?.Flush();
            if (result.Error is { } error)
            {
                reply = IOPubForwarder.ErrorContent(error.Name, error.Message, error.Traceback);
                // A stop's message is not forwarded as it happens (no error output, its stream is held back):
                // it is shown once, as an error whose traceback is the message alone, and the error status of the
                // reply stops a front-end's "run all" and nbclient there.
                if (result.Status == CellStatus.Stopped && !silent)
                    Publish(request, "error", (JsonObject)reply.DeepClone());
                reply["status"] = "error";
            }
            else
            {
                reply = Ok();
                reply["payload"] = new JsonArray();
                reply["user_expressions"] = new JsonObject();
            }
            count = result.ExecutionCount;
        }
        catch (OperationCanceledException)
        {
            // Interrupted before the cell started.
            reply = IOPubForwarder.ErrorContent(
                nameof(OperationCanceledException),
                "interrupted before the cell started",
                []
            );
            reply["status"] = "error";
            if (!silent)
                Publish(request, "error", (JsonObject)reply.DeepClone());
        }
        finally
        {
            lock (gate)
                running = null;
        }
        reply["execution_count"] = count;
        Reply(shell, request, "execute_reply", reply);
    }

    private JsonObject Complete(JsonObject content)
    {
        var code = String(content, "code") ?? "";
        var cursor = CodePoints.ToUtf16(code, Int(content, "cursor_pos") ?? code.Length);
        var result = CodeAssistance.Complete(session, code, cursor);
        int start = CodePoints.FromUtf16(code, result.Start),
            end = CodePoints.FromUtf16(code, result.End);
        var reply = Ok();
        reply["matches"] = new JsonArray([.. result.Matches.Select(m => (JsonNode?)m)]);
        reply["cursor_start"] = start;
        reply["cursor_end"] = end;
        reply["metadata"] = new JsonObject
        {
            ["_jupyter_types_experimental"] = new JsonArray([
                .. result.Matches.Select(
                    (m, i) =>
                        (JsonNode?)
                            new JsonObject
                            {
                                ["start"] = start,
                                ["end"] = end,
                                ["text"] = m,
                                ["type"] = result.Kinds[i],
                            }
                ),
            ]),
        };
        return reply;
    }

    private JsonObject Inspect(JsonObject content)
    {
        var code = String(content, "code") ?? "";
        var cursor = CodePoints.ToUtf16(code, Int(content, "cursor_pos") ?? code.Length);
        var result = CodeAssistance.Inspect(session, code, cursor);
        var reply = Ok();
        reply["found"] = result != null;
        reply["data"] = result is null
            ? new JsonObject()
            : new JsonObject { ["text/plain"] = result.ToText() };
        reply["metadata"] = new JsonObject();
        return reply;
    }

    private static JsonObject IsComplete(JsonObject content)
    {
        var status = CodeAssistance.IsComplete(String(content, "code") ?? "");
        var reply = new JsonObject { ["status"] = status.ToString().ToLowerInvariant() };
        if (status == Completeness.Incomplete)
            reply["indent"] = "";
        return reply;
    }

    private void Shutdown(NetMQSocket socket, JupyterMessage request)
    {
        var restart = Bool(request.Content, "restart");
        var reply = Ok();
        reply["restart"] = restart;
        Interrupt();
        if (restart && options.RestartInProcess)
        {
            session = new ExecutionSession(options.Session);
            Reply(socket, request, "shutdown_reply", reply);
            return;
        }
        Reply(socket, request, "shutdown_reply", reply);
        shellQueue.CompleteAdding();
        outgoing.Enqueue(
            (iopub, new JupyterMessage { Header = new() { ["msg_type"] = StopMarker } })
        );
    }

    private static JsonObject KernelInfo()
    {
        var version =
            typeof(JupyterKernel)
                .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
                ?.InformationalVersion.Split('+')[0]
            ?? "0.0.0";
        var reply = Ok();
        reply["protocol_version"] = JupyterMessage.ProtocolVersion;
        reply["implementation"] = Implementation;
        reply["implementation_version"] = version;
        reply["language_info"] = new JsonObject
        {
            ["name"] = "C#",
            ["version"] = "preview",
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        };
        reply["banner"] =
            $"NeuronKit C# kernel {version} (Roslyn scripting on .NET {Environment.Version})";
        reply["help_links"] = new JsonArray();
        reply["debugger"] = false;
        return reply;
    }

    // ---- sending (any thread) ----

    private const string StopMarker = "neuronkit_stop";

    private void Reply(
        NetMQSocket socket,
        JupyterMessage request,
        string type,
        JsonObject content
    ) => outgoing.Enqueue((socket, JupyterMessage.Reply(request, type, content, sessionId)));

    private void Publish(JupyterMessage? parent, string type, JsonObject content) =>
        outgoing.Enqueue(
            (
                iopub,
                JupyterMessage.Reply(
                    parent,
                    type,
                    content,
                    sessionId,
                    [Encoding.UTF8.GetBytes($"kernel.{sessionId}.{type}")]
                )
            )
        );

    private void Busy(JupyterMessage request) =>
        Publish(request, "status", new JsonObject { ["execution_state"] = "busy" });

    private void Idle(JupyterMessage request) =>
        Publish(request, "status", new JsonObject { ["execution_state"] = "idle" });

    private static JsonObject Ok() => new() { ["status"] = "ok" };

    private static string? String(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Bool(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static int? Int(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
