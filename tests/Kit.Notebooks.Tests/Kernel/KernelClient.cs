using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Kit.Notebooks.Kernel;
using NetMQ;
using NetMQ.Sockets;

namespace Kit.Notebooks.Tests.Kernel;

/// <summary>An in-process Jupyter client for protocol tests: shell and control DEALERs, an iopub SUB, heartbeat REQ.</summary>
internal sealed class KernelClient : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly MessageSigner signer;
    private readonly string session = Guid.NewGuid().ToString("N");
    private readonly List<JupyterMessage> iopubBacklog = [];

    public DealerSocket Shell { get; } = new();
    public DealerSocket Control { get; } = new();
    public SubscriberSocket IOPub { get; } = new();
    public RequestSocket Heartbeat { get; } = new();

    public KernelClient(ConnectionInfo info)
    {
        signer = new MessageSigner(info.Key);
        foreach (var s in new NetMQSocket[] { Shell, Control, IOPub, Heartbeat })
            s.Options.Linger = TimeSpan.Zero;
        Shell.Connect(info.Address(info.ShellPort));
        Control.Connect(info.Address(info.ControlPort));
        IOPub.Connect(info.Address(info.IOPubPort));
        IOPub.SubscribeToAnyTopic();
        Heartbeat.Connect(info.Address(info.HeartbeatPort));
    }

    /// <summary>A connection on free loopback ports with a random key.</summary>
    public static ConnectionInfo FreeConnection()
    {
        var ports = new List<int>();
        var listeners = new List<TcpListener>();
        for (var i = 0; i < 5; i++)
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            listeners.Add(l);
            ports.Add(((IPEndPoint)l.LocalEndpoint).Port);
        }
        foreach (var l in listeners)
            l.Stop();
        return new ConnectionInfo(
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
    }

    public JupyterMessage Send(
        NetMQSocket socket,
        string type,
        JsonObject content,
        MessageSigner? with = null
    )
    {
        var message = new JupyterMessage
        {
            Header = JupyterMessage.NewHeader(type, session, "test"),
            Content = content,
        };
        socket.SendMultipartMessage(MessageWire.Encode(message, with ?? signer));
        return message;
    }

    public JupyterMessage? TryReceive(NetMQSocket socket, TimeSpan timeout)
    {
        var frames = new NetMQMessage();
        if (!socket.TryReceiveMultipartMessage(timeout, ref frames))
            return null;
        var m = MessageWire.Decode(frames, signer, out var problem);
        Assert.True(m != null, problem);
        return m;
    }

    public JupyterMessage Receive(NetMQSocket socket) =>
        TryReceive(socket, Timeout) ?? throw new TimeoutException("no message from the kernel");

    /// <summary>Sends kernel_info until iopub delivers (the PUB/SUB slow joiner problem), as jupyter_client does.</summary>
    public void WaitReady()
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var request = Send(Shell, "kernel_info_request", []);
            Assert.Equal("kernel_info_reply", Receive(Shell).MessageType);
            var m = TryReceive(IOPub, TimeSpan.FromMilliseconds(500));
            if (m != null)
            {
                // Drain the rest of this request's messages.
                while (TryReceive(IOPub, TimeSpan.FromMilliseconds(200)) != null) { }
                return;
            }
        }
        throw new TimeoutException("iopub never delivered");
    }

    /// <summary>Runs code: the reply and every iopub message of the request up to its idle status.</summary>
    public (JupyterMessage Reply, List<JupyterMessage> IOPub) Execute(string code)
    {
        var request = Send(Shell, "execute_request", Execution(code));
        var reply = Receive(Shell);
        Assert.Equal(request.MessageId, reply.ParentHeader["msg_id"]?.GetValue<string>());
        return (reply, IOPubOf(request));
    }

    public static JsonObject Execution(string code) =>
        new()
        {
            ["code"] = code,
            ["silent"] = false,
            ["store_history"] = true,
            ["user_expressions"] = new JsonObject(),
            ["allow_stdin"] = false,
            ["stop_on_error"] = true,
        };

    /// <summary>The iopub messages whose parent is <paramref name="request"/>, through its idle status.</summary>
    public List<JupyterMessage> IOPubOf(JupyterMessage request)
    {
        var result = new List<JupyterMessage>();
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var m = iopubBacklog.FirstOrDefault(b => ParentId(b) == request.MessageId);
            if (m != null)
                iopubBacklog.Remove(m);
            else
            {
                m = TryReceive(IOPub, TimeSpan.FromMilliseconds(200));
                if (m is null)
                    continue;
                if (ParentId(m) != request.MessageId)
                {
                    iopubBacklog.Add(m);
                    continue;
                }
            }
            result.Add(m);
            if (
                m.MessageType == "status"
                && m.Content["execution_state"]?.GetValue<string>() == "idle"
            )
                return result;
        }
        throw new TimeoutException($"no idle status for {request.MessageType}");
    }

    private static string? ParentId(JupyterMessage m) =>
        m.ParentHeader["msg_id"]?.GetValue<string>();

    public void Dispose()
    {
        Shell.Dispose();
        Control.Dispose();
        IOPub.Dispose();
        Heartbeat.Dispose();
    }
}
