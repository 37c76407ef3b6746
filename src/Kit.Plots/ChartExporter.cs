using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kit.Core;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// Exports many charts through one headless Chromium: HTML is written directly; PNG, SVG and PDF are rendered by
/// plotly.js itself in a browser started on the first chart that needs one and kept for the rest
/// (<see cref="ChromiumSession"/>), so a figure of a dozen panels starts Chromium and parses plotly.js once.
/// <list type="bullet">
/// <item>PNG and SVG: <c>Plotly.toImage</c> on the chart drawn at its size; plotly's own exporter gives exactly
/// width x height x scale pixels, with no window chrome.</item>
/// <item>PDF: the page printed (<c>Page.printToPDF</c>) with the chart drawn at its size on a CSS <c>@page</c> of
/// that size and no margins; the plot stays SVG, so the PDF is vector (heatmaps are images).</item>
/// </list>
/// Without Chromium, HTML is still written and the other formats are reported as skipped with a one-line hint;
/// Chromium failures (time-out, crash, a script error) are reported the same way, never thrown, and the next
/// chart starts a fresh browser. All files are written atomically. Not thread-safe: one exporter per thread.
/// </summary>
public sealed class ChartExporter : IDisposable
{
    /// <summary>Default time limit of one Chromium step (start, one chart's images, one PDF).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private readonly TimeSpan timeout;
    private ChromiumSession? session;

    /// <summary>An exporter whose Chromium steps each get <paramref name="timeout"/> (default <see cref="DefaultTimeout"/>).</summary>
    public ChartExporter(TimeSpan? timeout = null)
    {
        this.timeout = timeout ?? DefaultTimeout;
        if (this.timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(
                nameof(timeout),
                $"time limit ({this.timeout}) must be positive"
            );
    }

    /// <summary>
    /// Exports at the size stored in the chart's layout (every panel built with <see cref="PaperStyle.Apply"/> has
    /// one; 700 x 500 px otherwise).
    /// </summary>
    public ExportResult Export(
        GenericChart chart,
        string basePath,
        ExportFormat formats,
        double scale = 1
    )
    {
        var size = ChartExport.SizeOf(chart) ?? new PanelSize(700, 500);
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
    public ExportResult Export(
        GenericChart chart,
        string basePath,
        ExportFormat formats,
        int widthPx,
        int heightPx,
        double scale = 1
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
        var hints = new List<string>();
        var steps = new Dictionary<string, TimeSpan>();

        if (formats.HasFlag(ExportFormat.Html))
        {
            var t0 = clock.Elapsed;
            written[ExportFormat.Html] = ChartExport.SaveHtml(chart, full + ".html");
            steps["html"] = clock.Elapsed - t0;
        }

        var images = formats & (ExportFormat.Png | ExportFormat.Svg);
        var browser = formats & (ExportFormat.Png | ExportFormat.Svg | ExportFormat.Pdf);
        if (browser != 0)
        {
            if (Chromium.Find() is not { } exe)
                hints.Add(Chromium.MissingHint);
            else
                try
                {
                    var page = Session(exe, steps, clock);
                    Step(
                        "png+svg",
                        () => Draw(page, chart, full, images, widthPx, heightPx, scale, written)
                    );
                    if (formats.HasFlag(ExportFormat.Pdf))
                        Step("pdf", () => Print(page, full, widthPx, heightPx, written));
                }
                catch (Exception e)
                    when (e
                            is TimeoutException
                                or InvalidOperationException
                                or IOException
                                or FormatException
                                or KeyNotFoundException
                    )
                {
                    hints.Add(
                        "Chromium export failed: "
                            + string.Join(
                                ' ',
                                e.Message.Split('\n', StringSplitOptions.TrimEntries)
                            )
                    );
                    Close();
                }
        }
        var skipped = Requested(browser).Where(f => !written.ContainsKey(f)).ToList();
        var hint = hints.Count == 0 ? null : string.Join(" ", hints);
        if (hint != null)
            Console.Error.WriteLine(hint);
        return new ExportResult(written, skipped, hint, clock.Elapsed, steps);

        void Step(string name, Action render)
        {
            var t0 = clock.Elapsed;
            render();
            steps[name] = clock.Elapsed - t0;
        }
    }

    /// <summary>Closes the browser, if one is open.</summary>
    public void Dispose() => Close();

    private void Close()
    {
        session?.Dispose();
        session = null;
    }

    /// <summary>The open session, or a new one with plotly.js loaded into its blank page (step <c>start</c>).</summary>
    private ChromiumSession Session(string exe, Dictionary<string, TimeSpan> steps, Stopwatch clock)
    {
        if (session is { Broken: false })
            return session;
        Close();
        var t0 = clock.Elapsed;
        session = ChromiumSession.Start(exe, timeout);
        // The bundle's last statement could be any object; end on a plain value so nothing large comes back.
        var loaded = session.Evaluate(PlotlyJs.Source + "\n;typeof Plotly", timeout);
        if (loaded.ValueKind != JsonValueKind.String || loaded.GetString() != "object")
            throw new InvalidOperationException(
                $"plotly.js did not load in Chromium (typeof Plotly: {loaded})"
            );
        session.Evaluate(RenderScript, timeout);
        steps["start"] = clock.Elapsed - t0;
        return session;
    }

    private void Draw(
        ChromiumSession page,
        GenericChart chart,
        string basePath,
        ExportFormat images,
        int w,
        int h,
        double scale,
        Dictionary<ExportFormat, string> written
    )
    {
        var call =
            $"kitRender({ChartJson.ToFigureJson(chart)}, {w}, {h}, {scale.ToString("R", CultureInfo.InvariantCulture)}, "
            + $"{Js(images.HasFlag(ExportFormat.Svg))}, {Js(images.HasFlag(ExportFormat.Png))}, "
            + $"{JsonSerializer.Serialize(Path.GetFileName(basePath))})";
        var result = page.Evaluate(call, timeout);
        if (images.HasFlag(ExportFormat.Svg))
        {
            var svg = DataUrl(result, "svg", "data:image/svg+xml,");
            var path = basePath + ".svg";
            AtomicFile.WriteAllText(path, Uri.UnescapeDataString(svg));
            written[ExportFormat.Svg] = path;
        }
        if (images.HasFlag(ExportFormat.Png))
        {
            var png = DataUrl(result, "png", "data:image/png;base64,");
            var path = basePath + ".png";
            AtomicFile.WriteAllBytes(path, Convert.FromBase64String(png));
            written[ExportFormat.Png] = path;
        }
    }

    /// <summary>Prints the page as drawn by <see cref="Draw"/>: one page of the chart's size (CSS px, 96 per inch).</summary>
    private void Print(
        ChromiumSession page,
        string basePath,
        int w,
        int h,
        Dictionary<ExportFormat, string> written
    )
    {
        var result = page.Call(
            "Page.printToPDF",
            new
            {
                paperWidth = w / PaperStyle.CssDpi,
                paperHeight = h / PaperStyle.CssDpi,
                marginTop = 0,
                marginBottom = 0,
                marginLeft = 0,
                marginRight = 0,
                printBackground = true,
                preferCSSPageSize = true,
                displayHeaderFooter = false,
            },
            timeout
        );
        var pdf = Convert.FromBase64String(result.GetProperty("data").GetString() ?? "");
        if (pdf.Length == 0)
            throw new InvalidOperationException("Chromium wrote no PDF");
        var path = basePath + ".pdf";
        AtomicFile.WriteAllBytes(path, pdf);
        written[ExportFormat.Pdf] = path;
    }

    private static string DataUrl(JsonElement result, string key, string prefix)
    {
        if (
            result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty(key, out var value)
            || value.GetString() is not { } text
        )
            throw new InvalidOperationException($"plotly.js returned no {key.ToUpperInvariant()}");
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidOperationException(
                $"unexpected image data from plotly.js: {(text.Length <= 200 ? text : text[..200] + "...")}"
            );
        return text[prefix.Length..];
    }

    private static string Js(bool value) => value ? "true" : "false";

    private static IEnumerable<ExportFormat> Requested(ExportFormat formats) =>
        new[] { ExportFormat.Png, ExportFormat.Svg, ExportFormat.Pdf }.Where(f =>
            formats.HasFlag(f)
        );

    /// <summary>
    /// Defines <c>kitRender(fig, w, h, scale, svg, png, title)</c> in the blank page: sizes the page (CSS
    /// <c>@page</c> for printing, no margins) and the chart to w x h CSS px, titles it (the PDF's title), draws the
    /// figure as a static plot, and resolves to <c>{svg, png}</c> data URLs for those asked for.
    /// </summary>
    private const string RenderScript = """
        (function () {
          var style = document.createElement('style');
          document.head.appendChild(style);
          var gd = document.createElement('div');
          gd.id = 'kit-chart';
          document.body.appendChild(gd);
          window.kitRender = function (fig, w, h, scale, svg, png, title) {
            document.title = title;
            style.textContent = '@page { size: ' + w + 'px ' + h + 'px; margin: 0; } '
              + 'html, body { margin: 0; padding: 0; background: #fff; overflow: hidden; width: ' + w + 'px; height: ' + h + 'px; } '
              + '#kit-chart { width: ' + w + 'px; height: ' + h + 'px; }';
            Plotly.purge(gd);
            var layout = fig.layout || {};
            layout.width = w; layout.height = h; layout.autosize = false;
            var config = Object.assign({}, fig.config || {}, { staticPlot: true, displayModeBar: false, responsive: false });
            var out = {};
            return Plotly.newPlot(gd, fig.data, layout, config).then(function () {
              return svg && Plotly.toImage(gd, { format: 'svg', width: w, height: h }).then(function (s) { out.svg = s; });
            }).then(function () {
              return png && Plotly.toImage(gd, { format: 'png', width: w, height: h, scale: scale }).then(function (p) { out.png = p; });
            }).then(function () { return out; });
          };
          return true;
        })()
        """;
}
