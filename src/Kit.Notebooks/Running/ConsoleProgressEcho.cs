using System.Diagnostics;
using Kit.Core;
using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Running;

/// <summary>
/// Shows long work on the console during a headless run: displays that a cell keeps updating in place (progress
/// of simulation, training, export) are echoed as indented lines, at most one every
/// <see cref="Interval"/> per display plus the last state when the cell ends.
/// </summary>
internal sealed class ConsoleProgressEcho(TextWriter writer) : IExecutionListener
{
    /// <summary>Least time between two echoed lines of the same display.</summary>
    public static TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    private readonly object gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Dictionary<string, (TimeSpan Last, string? Pending)> displays = new();

    public void OnOutput(NotebookOutput output) { }

    public void OnDisplayUpdate(string displayId, MimeBundle bundle)
    {
        if (!bundle.Data.TryGetValue("text/plain", out var text))
            return;
        lock (gate)
        {
            var now = clock.Elapsed;
            if (displays.TryGetValue(displayId, out var d) && now - d.Last < Interval)
            {
                displays[displayId] = (d.Last, text);
                return;
            }
            displays[displayId] = (now, null);
            Echo(text);
        }
    }

    /// <summary>Echoes the last state of displays whose final update was held back; call when a cell ends.</summary>
    public void Flush()
    {
        lock (gate)
        {
            foreach (var (id, d) in displays.ToList())
                if (d.Pending != null)
                {
                    Echo(d.Pending);
                    displays[id] = (d.Last, null);
                }
            displays.Clear();
        }
    }

    /// <summary>True once any line was echoed.</summary>
    public bool Echoed { get; private set; }

    private void Echo(string text)
    {
        Echoed = true;
        writer.WriteLine();
        writer.Write("      " + text.ReplaceLineEndings(" "));
        writer.Flush();
    }
}
