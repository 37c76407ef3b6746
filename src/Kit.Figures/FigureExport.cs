using Kit.Core;
using Kit.Plots;

namespace Kit.Figures;

/// <summary>
/// Writes a figure's output folder in one call: every named panel (HTML always; PNG/SVG/PDF through headless
/// Chromium when installed), <c>config.json</c> and <c>metrics.json</c>.
/// </summary>
public static class FigureExport
{
    /// <summary>
    /// The output folder of figure <typeparamref name="TConfig"/>: the running notebook's
    /// <c>figures/&lt;notebook&gt;/</c>, else <c>figures/&lt;FigureName&gt;/</c> under the repository root.
    /// </summary>
    public static string Directory<TConfig>()
        where TConfig : IFigureConfig<TConfig> =>
        NotebookContext.Current?.FiguresDirectory ?? KitPaths.Figures(TConfig.FigureName);

    /// <summary>
    /// Exports <paramref name="panels"/>, <paramref name="config"/> and <paramref name="metrics"/> into
    /// <paramref name="directory"/>. Returns one line per panel; a missing Chromium gives a hint, not an error.
    /// </summary>
    /// <param name="directory">The figure's folder (see <see cref="Directory{TConfig}"/>).</param>
    /// <param name="panels">Panels named for export (<c>a-input-raster</c>, ...).</param>
    /// <param name="config">The run's config, written as <c>config.json</c>.</param>
    /// <param name="metrics">The run's metrics, written as <c>metrics.json</c>.</param>
    /// <param name="formats">Comma-separated formats besides HTML: "png,svg,pdf", "all" or "html".</param>
    /// <param name="dpi">PNG resolution (panel sizes are in mm).</param>
    public static IReadOnlyList<ExportResult> Write(
        string directory,
        IReadOnlyList<NamedChart> panels,
        IFigureConfig config,
        FigureMetrics metrics,
        string formats = "html,png,svg,pdf",
        double dpi = 300
    )
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var results = FigureOutput.Write(
            directory,
            panels,
            config,
            FigureOutput.ParseFormats(formats),
            dpi
        );
        metrics.Save(Path.Combine(directory, "metrics.json"));
        return results;
    }
}
