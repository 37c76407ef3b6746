using System.Text;

namespace Kit.Notebooks.Execution;

/// <summary>
/// Replaces <see cref="Console.Out"/> and <see cref="Console.Error"/> with writers that send text to the cell
/// running in the current async flow (an <see cref="AsyncLocal{T}"/>), and to the previous writers otherwise,
/// so concurrent sessions and the runner's own progress lines never mix.
/// </summary>
internal static class ConsoleRouter
{
    private static readonly AsyncLocal<CellOutputCollector?> current = new();
    private static readonly Lock gate = new();
    private static TextWriter? routedOut,
        routedError;

    /// <summary>The collector receiving console text in this async flow.</summary>
    public static CellOutputCollector? Current
    {
        get => current.Value;
        set => current.Value = value;
    }

    /// <summary>Installs the routing writers (again, when someone replaced them since).</summary>
    public static void EnsureInstalled()
    {
        lock (gate)
        {
            if (!ReferenceEquals(Console.Out, routedOut))
            {
                Console.SetOut(new RoutingWriter(Console.Out, "stdout"));
                routedOut = Console.Out; // Console wraps it in a synchronized writer
            }
            if (!ReferenceEquals(Console.Error, routedError))
            {
                Console.SetError(new RoutingWriter(Console.Error, "stderr"));
                routedError = Console.Error;
            }
        }
    }

    private sealed class RoutingWriter(TextWriter fallback, string stream) : TextWriter
    {
        public override Encoding Encoding => fallback.Encoding;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value))
                return;
            if (Current is { } c)
                c.AddStream(stream, value);
            else
                fallback.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) =>
            Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write((value ?? "") + "\n");

        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            if (Current is null)
                fallback.Flush();
        }
    }
}
