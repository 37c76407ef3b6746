using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Notebooks.Kernel;
using NetMQ;
using NetMQ.Sockets;

namespace Kit.Cli.Tests;

/// <summary><c>kit kernel start</c> as Jupyter runs it: a separate process that SIGINT interrupts but never ends.</summary>
public sealed class KernelProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string temp = Path.Combine(
        Path.GetTempPath(),
        "nk-kproc-" + Guid.NewGuid().ToString("N")[..10]
    );

    public KernelProcessTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        try
        {
            Directory.Delete(temp, true);
        }
        catch (IOException) { }
    }

    [SkippableFact]
    public void Sigint_cancels_the_running_cell_and_shutdown_ends_the_process()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGINT is POSIX");
        var apphost = Path.Combine(AppContext.BaseDirectory, "kit");
        Skip.IfNot(File.Exists(apphost), $"no kit apphost at {apphost}");
        var ports = FreePorts(5);
        var connection = new ConnectionInfo(
            "tcp",
            "127.0.0.1",
            ports[0],
            ports[1],
            ports[2],
            ports[3],
            ports[4],
            Guid.NewGuid().ToString(),
            ConnectionInfo.HmacSha256
        );
        var file = Path.Combine(temp, "connection.json");
        File.WriteAllText(file, JsonSerializer.Serialize(connection));
        var sign = new MessageSigner(connection.Key);

        // Started the way some runners start their children: with SIGINT ignored (a shell's background job, the
        // build's worker nodes when `dotnet test` runs the whole solution). The kernel must still be interruptible.
        var psi = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = temp,
        };
        foreach (
            var a in new[]
            {
                "-c",
                "trap '' INT; exec \"$0\" \"$@\"",
                apphost,
                "kernel",
                "start",
                "--connection-file",
                file,
            }
        )
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var signalState = "not read yet";
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var shell = new DealerSocket();
        using var control = new DealerSocket();
        using var iopub = new SubscriberSocket();
        shell.Options.Linger = TimeSpan.Zero;
        control.Options.Linger = TimeSpan.Zero;
        iopub.Options.Linger = TimeSpan.Zero;
        try
        {
            shell.Connect(connection.Address(connection.ShellPort));
            control.Connect(connection.Address(connection.ControlPort));
            iopub.Connect(connection.Address(connection.IOPubPort));
            iopub.SubscribeToAnyTopic();
            // As Jupyter clients do: ask for kernel info until iopub delivers (its subscription can lag the connect).
            var subscribed = false;
            for (var tries = 0; tries < 30 && !subscribed; tries++)
            {
                Assert.Equal(
                    "kernel_info_reply",
                    Request(shell, sign, "kernel_info_request", []).MessageType
                );
                subscribed = TryReceive(iopub, sign, TimeSpan.FromSeconds(1)) != null;
            }
            Assert.True(subscribed, "iopub delivered nothing after 30 kernel_info requests");
            signalState = SignalState(process.Id); // the kernel itself by now, not the shell that exec'd it

            Send(
                shell,
                sign,
                "execute_request",
                new JsonObject
                {
                    ["code"] =
                        "Console.WriteLine(\"started\");\n"
                        + "while (true) { KitCancellation.Token.ThrowIfCancellationRequested(); Thread.Sleep(5); }",
                    ["silent"] = false,
                }
            );
            // The cell is running once its first line's output reaches iopub (streams are flushed every 100 ms).
            var deadline = DateTime.UtcNow + Timeout;
            var started = false;
            while (!started && DateTime.UtcNow < deadline)
                started =
                    TryReceive(iopub, sign, deadline - DateTime.UtcNow) is { } m
                    && m.MessageType == "stream"
                    && (m.Content["text"]?.GetValue<string>() ?? "").Contains(
                        "started",
                        StringComparison.Ordinal
                    );
            Assert.True(started, "the cell never printed \"started\" on iopub");
            Signal(process.Id);
            var reply = Receive(shell, sign);
            Assert.Equal("execute_reply", reply.MessageType);
            Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
            Assert.Contains(
                "Canceled",
                reply.Content["ename"]!.GetValue<string>(),
                StringComparison.Ordinal
            );

            Signal(process.Id);
            Signal(process.Id);
            Thread.Sleep(500);
            Assert.False(process.HasExited, "SIGINT ended the kernel");
            var after = Request(
                shell,
                sign,
                "execute_request",
                new JsonObject { ["code"] = "1 + 1", ["silent"] = false }
            );
            Assert.Equal("ok", after.Content["status"]!.GetValue<string>());

            var bye = Request(
                control,
                sign,
                "shutdown_request",
                new JsonObject { ["restart"] = false }
            );
            Assert.Equal("shutdown_reply", bye.MessageType);
            Assert.True(process.WaitForExit(Timeout), "the kernel did not exit after shutdown");
            Assert.True(process.ExitCode == 0, stderr.Result);
        }
        catch (Exception e) when (e is not SkipException)
        {
            // What the kernel logged says which side lost the interrupt.
            if (!process.HasExited)
                process.Kill(true);
            process.WaitForExit();
            throw new Xunit.Sdk.XunitException(
                $"{e.Message}\n--- kernel stderr ---\n{stderr.Result}\n--- end ---\n"
                    + $"signals of the kernel once serving: {signalState}; of this test host: {SignalState(Environment.ProcessId)}",
                e
            );
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(true);
        }
    }

    /// <summary>The blocked, ignored and caught signal masks of a process (Linux /proc), for failure messages.</summary>
    private static string SignalState(int pid)
    {
        try
        {
            return string.Join(
                ", ",
                File.ReadLines($"/proc/{pid}/status")
                    .Where(l => l.StartsWith("Sig", StringComparison.Ordinal))
                    .Select(l => l.Replace('\t', ' '))
            );
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    private static void Signal(int pid)
    {
        using var kill = Process.Start(
            "kill",
            ["-INT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]
        );
        kill.WaitForExit();
    }

    private static JupyterMessage Request(
        NetMQSocket socket,
        MessageSigner sign,
        string type,
        JsonObject content
    )
    {
        Send(socket, sign, type, content);
        return Receive(socket, sign);
    }

    private static void Send(
        NetMQSocket socket,
        MessageSigner sign,
        string type,
        JsonObject content
    ) =>
        socket.SendMultipartMessage(
            MessageWire.Encode(
                new JupyterMessage
                {
                    Header = JupyterMessage.NewHeader(type, "test", "test"),
                    Content = content,
                },
                sign
            )
        );

    private static JupyterMessage Receive(NetMQSocket socket, MessageSigner sign)
    {
        var frames = new NetMQMessage();
        Assert.True(
            socket.TryReceiveMultipartMessage(Timeout, ref frames),
            "no reply from the kernel"
        );
        var message = MessageWire.Decode(frames, sign, out var problem);
        Assert.True(message != null, problem);
        return message;
    }

    /// <summary>The next message on <paramref name="socket"/>, or null after <paramref name="wait"/>.</summary>
    private static JupyterMessage? TryReceive(NetMQSocket socket, MessageSigner sign, TimeSpan wait)
    {
        var frames = new NetMQMessage();
        if (!socket.TryReceiveMultipartMessage(wait, ref frames))
            return null;
        var message = MessageWire.Decode(frames, sign, out var problem);
        Assert.True(message != null, problem);
        return message;
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable
            .Range(0, count)
            .Select(_ =>
            {
                var l = new TcpListener(IPAddress.Loopback, 0);
                l.Start();
                return l;
            })
            .ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners)
            l.Stop();
        return ports;
    }
}
