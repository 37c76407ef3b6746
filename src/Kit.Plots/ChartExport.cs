using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kit.Core;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// Writes charts to files. HTML is self-contained (plotly.js embedded, works offline). PNG, SVG and PDF are
/// rendered by plotly.js itself inside a headless Chromium (<see cref="Chromium"/>):
/// <list type="bullet">
/// <item>PNG and SVG: one Chromium run with <c>--dump-dom</c> on a page that calls <c>Plotly.toImage</c>
/// and writes the SVG text and the PNG data URL into hidden elements; the DOM dump is parsed and decoded.
/// Plotly's own exporter gives exactly width x height x scale pixels, with no window chrome.</item>
/// <item>PDF: one Chromium run with <c>--print-to-pdf</c> on the same page drawn at the figure size, whose CSS
/// <c>@page</c> has that size and no margins; the plot stays SVG, so the PDF is vector (heatmaps are images).</item>
/// </list>
/// Without Chromium, HTML is still written and the other formats are reported as skipped with a one-line hint;
/// Chromium failures (time-out, crash) are reported the same way, never thrown. All files are written atomically.
/// </summary>
public static class ChartExport
{
    /// <summary>Default time limit of one Chromium run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Virtual-time budget (ms) Chromium grants the page's scripts before dumping or printing.</summary>
    private const int VirtualTimeBudgetMs = 30000;

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
    /// Exports at the size stored in the chart's layout (every panel built with <see cref="PaperStyle.Apply"/> has one).
    /// </summary>
    public static ExportResult Export(
        GenericChart chart,
        string basePath,
        ExportFormat formats,
        double scale = 1
    )
    {
        var size = SizeOf(chart) ?? new PanelSize(700, 500);
        return Export(chart, basePath, formats, size.WidthPx, size.HeightPx, scale);
    }

    /// <summary>
    /// Writes <paramref name="chart"/> as <c>basePath.html/.png/.svg/.pdf</c> for each requested format.
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <param name="basePath">Output path without extension.</param>
    /// <param name="formats">Formats to write.</param>
    /// <param name="widthPx">Figure width in CSS pixels (see <see cref="PaperStyle.MmToPx"/>).</param>
    /// <param name="heightPx">Figure height in CSS pixels.</param>
    /// <param name="scale">PNG pixels per CSS pixel; <see cref="PaperStyle.ScaleForDpi"/>(300) for print.</param>
    /// <param name="timeout">Time limit of each Chromium run; default <see cref="DefaultTimeout"/>.</param>
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
        ArgumentNullException.ThrowIfNull(chart);
        ArgumentException.ThrowIfNullOrWhiteSpace(basePath);
        if (widthPx <= 0 || heightPx <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(widthPx),
                $"size {widthPx} x {heightPx} px must be positive"
            );
        if (!(scale > 0) || scale > 20)
            throw new ArgumentOutOfRangeException(
                nameof(scale),
                $"scale ({scale}) must be in (0, 20]"
            );
        var clock = Stopwatch.StartNew();
        var full = Path.GetFullPath(basePath);
        var written = new Dictionary<ExportFormat, string>();
        var skipped = new List<ExportFormat>();
        var hints = new List<string>();
        var steps = new Dictionary<string, TimeSpan>();

        if (formats.HasFlag(ExportFormat.Html))
        {
            var t0 = clock.Elapsed;
            written[ExportFormat.Html] = SaveHtml(chart, full + ".html");
            steps["html"] = clock.Elapsed - t0;
        }

        var images = formats & (ExportFormat.Png | ExportFormat.Svg);
        var needsBrowser = images != 0 || formats.HasFlag(ExportFormat.Pdf);
        var exe = needsBrowser ? Chromium.Find() : null;
        if (needsBrowser && exe is null)
        {
            skipped.AddRange(Requested(formats & ~ExportFormat.Html));
            hints.Add(Chromium.MissingHint);
        }
        else if (needsBrowser)
        {
            var work = Directory.CreateTempSubdirectory("neuronkit-export-");
            try
            {
                if (images != 0)
                    Try(
                        "png+svg",
                        () =>
                            RenderImages(
                                exe!,
                                chart,
                                work.FullName,
                                full,
                                images,
                                widthPx,
                                heightPx,
                                scale,
                                timeout,
                                written
                            )
                    );
                if (formats.HasFlag(ExportFormat.Pdf))
                    Try(
                        "pdf",
                        () =>
                            RenderPdf(
                                exe!,
                                chart,
                                work.FullName,
                                full,
                                widthPx,
                                heightPx,
                                timeout,
                                written
                            )
                    );
            }
            finally
            {
                try
                {
                    work.Delete(recursive: true);
                }
                catch (IOException) { }
            }

            void Try(string step, Action render)
            {
                var t0 = clock.Elapsed;
                try
                {
                    render();
                    steps[step] = clock.Elapsed - t0;
                }
                catch (Exception e)
                    when (e is TimeoutException or InvalidOperationException or IOException)
                {
                    hints.Add($"Chromium export failed: {e.Message}");
                }
            }
            skipped.AddRange(
                Requested(formats & ~ExportFormat.Html).Where(f => !written.ContainsKey(f))
            );
        }
        var hint = hints.Count == 0 ? null : string.Join(" ", hints);
        if (hint != null)
            Console.Error.WriteLine(hint);
        return new ExportResult(written, skipped, hint, clock.Elapsed, steps);
    }

    /// <summary>
    /// Exports each named chart to <c>directory/name.*</c> at the size stored in its layout.
    /// </summary>
    public static IReadOnlyList<ExportResult> ExportAll(
        IEnumerable<NamedChart> charts,
        string directory,
        ExportFormat formats,
        double scale = 1
    ) =>
        charts
            .Select(c => Export(c.Chart, Path.Combine(directory, c.Name), formats, scale))
            .ToList();

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

    private static void RenderImages(
        string exe,
        GenericChart chart,
        string work,
        string basePath,
        ExportFormat images,
        int w,
        int h,
        double scale,
        TimeSpan? timeout,
        Dictionary<ExportFormat, string> written
    )
    {
        var page = Path.Combine(work, "images.html");
        File.WriteAllText(page, HtmlPages.Render(chart, w, h, scale, images: true));
        var dom = Chromium.Run(
            exe,
            new Uri(page).AbsoluteUri,
            [$"--virtual-time-budget={VirtualTimeBudgetMs}", "--dump-dom"],
            timeout ?? DefaultTimeout
        );
        if (Element(dom, HtmlPages.ErrorId) is { } error)
            throw new InvalidOperationException($"plotly.js failed in Chromium: {First(error)}");
        if (images.HasFlag(ExportFormat.Svg))
        {
            var svg = DataUrl(Element(dom, HtmlPages.SvgId), "data:image/svg+xml,");
            var path = basePath + ".svg";
            AtomicFile.WriteAllText(path, Uri.UnescapeDataString(svg));
            written[ExportFormat.Svg] = path;
        }
        if (images.HasFlag(ExportFormat.Png))
        {
            var png = DataUrl(Element(dom, HtmlPages.PngId), "data:image/png;base64,");
            var path = basePath + ".png";
            AtomicFile.WriteAllBytes(path, Convert.FromBase64String(png));
            written[ExportFormat.Png] = path;
        }
    }

    private static void RenderPdf(
        string exe,
        GenericChart chart,
        string work,
        string basePath,
        int w,
        int h,
        TimeSpan? timeout,
        Dictionary<ExportFormat, string> written
    )
    {
        var page = Path.Combine(work, "pdf.html");
        var pdf = Path.Combine(work, "out.pdf");
        File.WriteAllText(page, HtmlPages.Render(chart, w, h, 1, images: false));
        Chromium.Run(
            exe,
            new Uri(page).AbsoluteUri,
            [
                $"--virtual-time-budget={VirtualTimeBudgetMs}",
                $"--print-to-pdf={pdf}",
                "--no-pdf-header-footer",
                "--print-to-pdf-no-header",
            ],
            timeout ?? DefaultTimeout
        );
        if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
            throw new InvalidOperationException("Chromium wrote no PDF");
        var path = basePath + ".pdf";
        AtomicFile.WriteAllBytes(path, File.ReadAllBytes(pdf));
        written[ExportFormat.Pdf] = path;
    }

    private static string? Element(string dom, string id)
    {
        var m = Regex.Match(
            dom,
            $"<pre id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</pre>",
            RegexOptions.Singleline,
            TimeSpan.FromSeconds(30)
        );
        return m.Success ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;
    }

    private static string DataUrl(string? text, string prefix)
    {
        if (text is null)
            throw new InvalidOperationException(
                "plotly.js produced no image within the time budget (the page did not finish rendering)"
            );
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"unexpected image data from plotly.js: {First(text)}"
            );
        return text[prefix.Length..];
    }

    private static string First(string s) => s.Length <= 200 ? s : s[..200] + "...";

    private static IEnumerable<ExportFormat> Requested(ExportFormat formats) =>
        new[] { ExportFormat.Png, ExportFormat.Svg, ExportFormat.Pdf }.Where(f =>
            formats.HasFlag(f)
        );
}
