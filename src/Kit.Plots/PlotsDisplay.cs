using System.Globalization;
using System.Text;
using Kit.Core;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// Shows Plotly.NET charts in notebooks through <see cref="DisplayFormatters"/>. A chart becomes a MIME
/// bundle with
/// <list type="bullet">
/// <item><c>application/vnd.plotly.v1+json</c>: the figure JSON, drawn natively by JupyterLab, VS Code and nbviewer;</item>
/// <item><c>text/html</c>: a fallback for frontends without the plotly renderer (classic notebook, nbconvert HTML);</item>
/// <item><c>text/plain</c>: a one-line summary.</item>
/// </list>
/// plotly.js is loaded once per notebook, not per chart: the first chart output of a session carries the
/// embedded plotly.js (no CDN, works offline) inside a guard that defines <c>window.Plotly</c> only if absent;
/// every later chart carries only a small loader that draws as soon as <c>window.Plotly</c> exists (it waits,
/// since outputs of a saved notebook run in order) and says so if plotly.js never arrives. The engine calls
/// <see cref="ResetSession"/> when a notebook (kernel) starts, so the next chart embeds plotly.js again.
/// </summary>
public static class PlotsDisplay
{
    /// <summary>The plotly MIME type.</summary>
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    private static int plotlyEmitted;

    private static int subscribed;

    /// <summary>
    /// Registers the chart formatter with <see cref="DisplayFormatters"/> and resets on every new
    /// <see cref="NotebookSession"/> (idempotent).
    /// </summary>
    public static void Register()
    {
        DisplayFormatters.Register<GenericChart>(ToMimeBundle);
        if (Interlocked.Exchange(ref subscribed, 1) == 0)
            NotebookSession.Started += ResetSession;
    }

    /// <summary>Forgets that plotly.js was sent, so the next chart output embeds it (new notebook or kernel).</summary>
    public static void ResetSession() => Interlocked.Exchange(ref plotlyEmitted, 0);

    /// <summary>The MIME bundle of <paramref name="chart"/> (see the class summary).</summary>
    public static MimeBundle ToMimeBundle(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var json = ChartJson.ToFigureJson(chart);
        var withPlotly = Interlocked.Exchange(ref plotlyEmitted, 1) == 0;
        return new MimeBundle(
            new Dictionary<string, string>
            {
                [PlotlyMime] = json,
                ["text/html"] = Html(json, withPlotly),
                ["text/plain"] = Summary(chart),
            }
        );
    }

    /// <summary>A one-line description: trace types and size.</summary>
    public static string Summary(GenericChart chart)
    {
        var traces = GenericChart.getTraces(chart).ToList();
        var types = traces
            .Select(t => t.TryGetPropertyValue("type")?.Value?.ToString() ?? "trace")
            .GroupBy(t => t)
            .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}");
        var size = ChartExport.SizeOf(chart) is { } s
            ? string.Create(CultureInfo.InvariantCulture, $", {s.WidthPx}x{s.HeightPx} px")
            : "";
        return $"Plotly chart: {traces.Count} trace(s) ({string.Join(", ", types)}){size}";
    }

    /// <summary>The HTML fallback: a div plus the loader script, and plotly.js itself when asked.</summary>
    internal static string Html(string figureJson, bool embedPlotly)
    {
        var id = "kit-plot-" + Guid.NewGuid().ToString("N");
        var sb = new StringBuilder();
        if (embedPlotly)
        {
            // Guarded so that re-running the first cell does not redefine Plotly.
            sb.Append("<script type=\"text/javascript\">if (!window.Plotly) {\n")
                .Append("/* plotly.js ")
                .Append(PlotlyJs.Version)
                .Append(", embedded once per notebook (MIT licence) */\n")
                .Append(PlotlyJs.InlineSource)
                .Append("\n}</script>\n");
        }
        sb.Append("<div id=\"").Append(id).Append("\"></div>\n");
        sb.Append(
            $$"""
            <script type="text/javascript">
            (function () {
              var fig = {{HtmlPages.ScriptSafe(figureJson)}};
              var tries = 0;
              function draw() {
                var el = document.getElementById('{{id}}');
                if (!el) return;
                if (window.Plotly) { window.Plotly.newPlot(el, fig.data, fig.layout || {}, fig.config || {}); return; }
                if (++tries > 100) { el.textContent = 'plotly.js is not loaded: re-run the notebook from the top (the first chart output carries it).'; return; }
                setTimeout(draw, 100);
              }
              draw();
            })();
            </script>
            """
        );
        return sb.ToString();
    }
}
