namespace Kit.Plots;

/// <summary>What <see cref="ChartExport"/> did.</summary>
/// <param name="Written">Files written, by format.</param>
/// <param name="Skipped">Formats requested but not written.</param>
/// <param name="Hint">Why formats were skipped and how to fix it (one line), or null when nothing was skipped.</param>
/// <param name="Elapsed">Wall-clock time of the export.</param>
/// <param name="Steps">Wall-clock time per step: <c>html</c>; <c>start</c> (Chromium started and plotly.js loaded, only
/// in the export that needed a new browser); <c>png+svg</c> (the chart drawn and imaged); <c>pdf</c> (the page printed).</param>
public sealed record ExportResult(
    IReadOnlyDictionary<ExportFormat, string> Written,
    IReadOnlyList<ExportFormat> Skipped,
    string? Hint,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, TimeSpan> Steps
)
{
    /// <summary>Paths of the files written.</summary>
    public IEnumerable<string> Files => Written.Values;

    /// <summary>True when every requested format was written.</summary>
    public bool Complete => Skipped.Count == 0;

    /// <inheritdoc/>
    public override string ToString() =>
        $"wrote {string.Join(", ", Written.Values.Select(Path.GetFileName))} in {Elapsed.TotalSeconds:0.0} s"
        + (Hint is null ? "" : $"; {Hint}");
}
