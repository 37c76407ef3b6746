using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Kit.Core;

/// <summary>One progress report of a long task.</summary>
/// <param name="Task">What is running, e.g. "simulate" or "train".</param>
/// <param name="Done">Units completed.</param>
/// <param name="Total">Units in all (0 when unknown).</param>
/// <param name="Elapsed">Time since the task started.</param>
/// <param name="Detail">Free text such as "loss 0.123".</param>
public sealed record ProgressUpdate(
    string Task,
    long Done,
    long Total,
    TimeSpan Elapsed,
    string? Detail
)
{
    /// <summary>Fraction done in [0, 1], or NaN when the total is unknown.</summary>
    public double Fraction => Total > 0 ? Math.Clamp((double)Done / Total, 0, 1) : double.NaN;

    /// <summary>Estimated time remaining (linear extrapolation), or null before the first unit.</summary>
    public TimeSpan? Eta =>
        Done > 0 && Total > 0
            ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * (Total - Done) / Done)
            : null;

    /// <summary>One line: <c>train 120/1000 12% 0:14 elapsed, ETA 1:43, loss 0.12</c>.</summary>
    public override string ToString()
    {
        var pct = double.IsNaN(Fraction) ? "" : $" {Fraction * 100, 3:0}%";
        var eta = Eta is { } e ? $", ETA {Format(e)}" : "";
        var detail = string.IsNullOrEmpty(Detail) ? "" : $", {Detail}";
        // A task without units (a wait) shows no count: "wait 0:08 elapsed, ...".
        var count =
            Total > 0 ? $" {Done}/{Total}"
            : Done > 0 ? $" {Done}"
            : "";
        return $"{Task}{count}{pct} {Format(Elapsed)} elapsed{eta}{detail}";
    }

    /// <summary>h:mm:ss or m:ss.</summary>
    public static string Format(TimeSpan t) =>
        t.TotalHours >= 1
            ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}

/// <summary>Receives progress reports.</summary>
public interface IProgressSink
{
    /// <summary>Reports progress (called often; sinks throttle).</summary>
    void Report(ProgressUpdate update);

    /// <summary>The task ended (successfully or not).</summary>
    void Complete(ProgressUpdate final);
}

/// <summary>
/// Tracks one long task and forwards throttled reports to a sink: in a notebook, one display that updates in
/// place; on a console, a line rewritten in place (or a line every 10 s when output is redirected).
/// </summary>
public sealed class ProgressReporter : IDisposable
{
    private readonly IProgressSink sink;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long done;
    private string? detail;
    private bool completed;

    /// <summary>Starts a task of <paramref name="total"/> units reporting to <paramref name="sink"/> (default: <see cref="Progress.DefaultSink"/>).</summary>
    public ProgressReporter(string task, long total, IProgressSink? sink = null)
    {
        Task = task;
        Total = total;
        this.sink = sink ?? Progress.DefaultSink();
        this.sink.Report(Snapshot());
    }

    /// <summary>Task name.</summary>
    public string Task { get; }

    /// <summary>Total units.</summary>
    public long Total { get; }

    /// <summary>Units done so far.</summary>
    public long Done => Interlocked.Read(ref done);

    /// <summary>Adds completed units (thread-safe) and optionally replaces the detail text.</summary>
    public void Advance(long units = 1, string? newDetail = null)
    {
        Interlocked.Add(ref done, units);
        if (newDetail != null)
            detail = newDetail;
        sink.Report(Snapshot());
    }

    /// <summary>Sets the position (e.g. when resuming) and optionally the detail text.</summary>
    public void SetDone(long units, string? newDetail = null)
    {
        Interlocked.Exchange(ref done, units);
        if (newDetail != null)
            detail = newDetail;
        sink.Report(Snapshot());
    }

    /// <summary>Current state.</summary>
    public ProgressUpdate Snapshot() => new(Task, Done, Total, clock.Elapsed, detail);

    /// <summary>Marks the task complete.</summary>
    public void Dispose()
    {
        if (completed)
            return;
        completed = true;
        sink.Complete(Snapshot());
    }
}

/// <summary>Progress sinks.</summary>
public static class Progress
{
    /// <summary>A notebook display when a notebook engine is active, else the console (stderr).</summary>
    public static IProgressSink DefaultSink() =>
        Display.InNotebook ? new DisplayProgressSink() : new ConsoleProgressSink(Console.Error);

    /// <summary>Discards reports.</summary>
    public static IProgressSink None { get; } = new NullProgressSink();

    private sealed class NullProgressSink : IProgressSink
    {
        public void Report(ProgressUpdate update) { }

        public void Complete(ProgressUpdate final) { }
    }
}

/// <summary>Writes progress to a text writer: rewritten in place on a terminal, every 10 s otherwise.</summary>
public sealed class ConsoleProgressSink(TextWriter writer, bool? interactive = null) : IProgressSink
{
    private readonly bool inPlace = interactive ?? !Console.IsErrorRedirected;
    private readonly object gate = new();
    private TimeSpan? last;

    /// <inheritdoc />
    public void Report(ProgressUpdate update)
    {
        var every = inPlace ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(10);
        lock (gate)
        {
            if (last is { } l && update.Elapsed - l < every && update.Done != 0)
                return;
            last = update.Elapsed;
            if (inPlace)
                writer.Write($"\r{update}\u001b[K");
            else
                writer.WriteLine(update.ToString());
        }
    }

    /// <inheritdoc />
    public void Complete(ProgressUpdate final)
    {
        lock (gate)
        {
            if (inPlace)
                writer.WriteLine($"\r{final}\u001b[K");
            else
                writer.WriteLine(final.ToString());
        }
    }
}

/// <summary>One notebook output per task, replaced in place (Jupyter <c>update_display_data</c>), at most twice a second.</summary>
public sealed class DisplayProgressSink : IProgressSink
{
    private readonly object gate = new();
    private DisplayHandle? handle;
    private TimeSpan last;

    /// <inheritdoc />
    public void Report(ProgressUpdate update)
    {
        lock (gate)
        {
            if (handle != null && update.Elapsed - last < TimeSpan.FromMilliseconds(500))
                return;
            last = update.Elapsed;
            Show(update);
        }
    }

    /// <inheritdoc />
    public void Complete(ProgressUpdate final)
    {
        lock (gate)
            Show(final);
    }

    private void Show(ProgressUpdate u)
    {
        var bundle = ToBundle(u);
        if (handle == null)
            handle = Display.Show(bundle);
        else
            handle.Update(bundle);
    }

    /// <summary>An HTML progress bar with a plain-text fallback.</summary>
    public static MimeBundle ToBundle(ProgressUpdate u)
    {
        var value = double.IsNaN(u.Fraction)
            ? ""
            : $" value=\"{u.Fraction.ToString("0.###", CultureInfo.InvariantCulture)}\"";
        var html =
            $"<div style=\"font-family:monospace\"><progress max=\"1\"{value} style=\"width:20em\"></progress> "
            + $"{WebUtility.HtmlEncode(u.ToString())}</div>";
        return MimeBundle.Html(html, u.ToString());
    }
}
