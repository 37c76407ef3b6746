using System.Globalization;
using Kit.Core;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// Writes charts to files: self-contained HTML (plotly.js embedded, works offline), and PNG, SVG and PDF rendered by
/// plotly.js inside a headless Chromium (<see cref="ChartExporter"/>, which keeps one browser for many charts).
/// </summary>
public static class ChartExport
{
    /// <summary>Default time limit of one Chromium step.</summary>
    public static TimeSpan DefaultTimeout => ChartExporter.DefaultTimeout;

    /// <summary>
    /// Writes a self-contained interactive HTML page: plotly.js is embedded (no CDN <c>&lt;script src&gt;</c>),
    /// so the file opens offline. Returns the full path.
    /// </summary>
    public static string SaveHtml(GenericChart chart, string path, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        AtomicFile.WriteAllText(
            full,
            HtmlPages.Standalone(chart, title ?? Path.GetFileNameWithoutExtension(full))
        );
        return full;
    }

    /// <summary>
    /// Exports one chart at the size stored in its layout, in a Chromium of its own (see
    /// <see cref="ChartExporter.Export(GenericChart, string, ExportFormat, double)"/>).
    /// </summary>
    public static ExportResult Export(
        GenericChart chart,
        string basePath,
        ExportFormat formats,
        double scale = 1
    )
    {
        using var exporter = new ChartExporter();
        return exporter.Export(chart, basePath, formats, scale);
    }

    /// <summary>
    /// Exports one chart at <paramref name="widthPx"/> x <paramref name="heightPx"/> CSS px, in a Chromium of its own
    /// (see <see cref="ChartExporter.Export(GenericChart, string, ExportFormat, int, int, double)"/>).
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <param name="basePath">Output path without extension.</param>
    /// <param name="formats">Formats to write.</param>
    /// <param name="widthPx">Figure width in CSS pixels.</param>
    /// <param name="heightPx">Figure height in CSS pixels.</param>
    /// <param name="scale">PNG pixels per CSS pixel.</param>
    /// <param name="timeout">Time limit of each Chromium step; default <see cref="DefaultTimeout"/>.</param>
    public static ExportResult Export(
        GenericChart chart,
        string basePath,
        ExportFormat formats,
        int widthPx,
        int heightPx,
        double scale = 1,
        TimeSpan? timeout = null
    )
    {
        using var exporter = new ChartExporter(timeout);
        return exporter.Export(chart, basePath, formats, widthPx, heightPx, scale);
    }

    /// <summary>
    /// Exports each named chart to <c>directory/name.*</c> at the size stored in its layout, through one Chromium.
    /// </summary>
    public static IReadOnlyList<ExportResult> ExportAll(
        IEnumerable<NamedChart> charts,
        string directory,
        ExportFormat formats,
        double scale = 1
    )
    {
        using var exporter = new ChartExporter();
        return charts
            .Select(c => exporter.Export(c.Chart, Path.Combine(directory, c.Name), formats, scale))
            .ToList();
    }

    /// <summary>The width and height stored in the chart's layout, if both are set.</summary>
    public static PanelSize? SizeOf(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        var w = layout.TryGetPropertyValue("width")?.Value;
        var h = layout.TryGetPropertyValue("height")?.Value;
        return w is null || h is null
            ? null
            : new PanelSize(
                Convert.ToInt32(w, CultureInfo.InvariantCulture),
                Convert.ToInt32(h, CultureInfo.InvariantCulture)
            );
    }
}
