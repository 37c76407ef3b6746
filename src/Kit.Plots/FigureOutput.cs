using System.Text.Json;
using Kit.Core;

namespace Kit.Plots;

/// <summary>
/// Writes a figure's folder (docs/architecture.md, "Where outputs go"): every panel (HTML always; PNG/SVG/PDF through
/// headless Chromium when installed), <c>config.json</c> (the run's config, seed included) and, by the caller,
/// <c>metrics.json</c>.
/// </summary>
public static class FigureOutput
{
    private static readonly JsonSerializerOptions json = new() { WriteIndented = true };

    /// <summary>Formats from a comma-separated list such as "html,png,svg,pdf" (case-insensitive).</summary>
    public static ExportFormat ParseFormats(string formats)
    {
        ExportFormat result = ExportFormat.Html;
        foreach (
            var part in formats.Split(
                ',',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
        )
            result |= part.ToLowerInvariant() switch
            {
                "html" => ExportFormat.Html,
                "png" => ExportFormat.Png,
                "svg" => ExportFormat.Svg,
                "pdf" => ExportFormat.Pdf,
                "all" => ExportFormat.All,
                _ => throw new ArgumentException(
                    $"unknown figure format '{part}'; use html, png, svg, pdf or all"
                ),
            };
        return result;
    }

    /// <summary>
    /// Exports <paramref name="panels"/> into <paramref name="directory"/> at <paramref name="dpi"/> and writes
    /// <c>config.json</c>. Returns one line per panel; a missing Chromium gives a hint, not an error.
    /// </summary>
    public static IReadOnlyList<ExportResult> Write(
        string directory,
        IReadOnlyList<NamedChart> panels,
        object config,
        ExportFormat formats = ExportFormat.All,
        double dpi = 300
    )
    {
        Directory.CreateDirectory(directory);
        AtomicFile.WriteAllText(
            Path.Combine(directory, "config.json"),
            JsonSerializer.Serialize(config, config.GetType(), json) + "\n"
        );
        using var progress = new ProgressReporter("export", panels.Count);
        using var exporter = new ChartExporter();
        var results = new List<ExportResult>();
        foreach (var panel in panels)
        {
            results.Add(
                exporter.Export(
                    panel.Chart,
                    Path.Combine(directory, panel.Name),
                    formats,
                    PaperStyle.ScaleForDpi(dpi)
                )
            );
            progress.Advance(1, panel.Name);
            if (results[^1].Hint != null)
                formats = ExportFormat.Html; // Chromium is missing or broken: say it once, keep writing HTML
        }
        return results;
    }
}
