using NetMQ;
using NetMQ.Sockets;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// The heartbeat channel: a ROUTER socket on its own thread that echoes every message back, so clients see the
/// kernel alive even while a cell keeps the other channels busy.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly RouterSocket socket = new();
    private readonly Thread thread;
    private volatile bool stopping;

    /// <summary>Binds <paramref name="address"/> and starts echoing.</summary>
    public Heartbeat(string address)
    {
        socket.Options.Linger = TimeSpan.Zero;
        socket.Bind(address);
        thread = new Thread(Run) { IsBackground = true, Name = "jupyter-heartbeat" };
        thread.Start();
    }

    private void Run()
    {
        var message = new NetMQMessage();
        while (!stopping)
        {
            if (socket.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(100), ref message))
                socket.TrySendMultipartMessage(message);
        }
        socket.Dispose();
    }

    /// <summary>Stops the thread, which closes the socket.</summary>
    public void Dispose()
    {
        stopping = true;
        thread.Join();
    }
}
