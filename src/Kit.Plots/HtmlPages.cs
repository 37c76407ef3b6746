using System.Globalization;
using System.Net;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>The HTML pages the kit writes: standalone figure pages and the pages Chromium renders for export.</summary>
internal static class HtmlPages
{
    /// <summary>Element ids the render page writes its results into (read back from Chromium's DOM dump).</summary>
    internal const string SvgId = "kit-svg",
        PngId = "kit-png",
        ReadyId = "kit-ready",
        ErrorId = "kit-error";

    /// <summary>A self-contained interactive page: plotly.js inlined, figure JSON inlined, no network access.</summary>
    public static string Standalone(GenericChart chart, string title)
    {
        var json = ScriptSafe(ChartJson.ToFigureJson(chart));
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{WebUtility.HtmlEncode(title)}}</title>
            <style>html,body{margin:0;padding:0;background:#fff}</style>
            <script type="text/javascript">/* plotly.js {{PlotlyJs.Version}}, embedded (MIT licence) */
            {{PlotlyJs.InlineSource}}</script>
            </head>
            <body>
            <div id="kit-chart"></div>
            <script type="text/javascript">
            (function () {
              var fig = {{json}};
              Plotly.newPlot('kit-chart', fig.data, fig.layout || {}, fig.config || {});
            })();
            </script>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// The page Chromium loads to export: the figure drawn at exactly <paramref name="widthPx"/> x
    /// <paramref name="heightPx"/> CSS pixels on a page of that size (CSS <c>@page</c>, no margins, for
    /// <c>--print-to-pdf</c>). With <paramref name="images"/>, the page also asks plotly.js for an SVG and a
    /// PNG at <paramref name="scale"/> (<c>Plotly.toImage</c>) and writes them as text into hidden elements,
    /// which <c>--dump-dom</c> prints.
    /// </summary>
    public static string Render(
        GenericChart chart,
        int widthPx,
        int heightPx,
        double scale,
        bool images
    )
    {
        var json = ScriptSafe(ChartJson.ToFigureJson(chart));
        var w = widthPx.ToString(CultureInfo.InvariantCulture);
        var h = heightPx.ToString(CultureInfo.InvariantCulture);
        var s = scale.ToString("R", CultureInfo.InvariantCulture);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <style>
            @page { size: {{w}}px {{h}}px; margin: 0; }
            html, body { margin: 0; padding: 0; background: #fff; width: {{w}}px; height: {{h}}px; overflow: hidden; }
            #kit-chart { width: {{w}}px; height: {{h}}px; }
            pre { display: none; }
            </style>
            <script type="text/javascript">{{PlotlyJs.InlineSource}}</script>
            </head>
            <body>
            <div id="kit-chart"></div>
            <script type="text/javascript">
            (function () {
              function put(id, text) {
                var e = document.createElement('pre'); e.id = id; e.textContent = text; document.body.appendChild(e);
              }
              try {
                var fig = {{json}};
                var layout = fig.layout || {};
                layout.width = {{w}}; layout.height = {{h}}; layout.autosize = false;
                var config = Object.assign({}, fig.config || {}, { staticPlot: true, displayModeBar: false, responsive: false });
                Plotly.newPlot('kit-chart', fig.data, layout, config).then(function (gd) {
                  if (!{{(images ? "true" : "false")}}) { put('{{ReadyId}}', '1'); return; }
                  return Plotly.toImage(gd, { format: 'svg', width: {{w}}, height: {{h}} }).then(function (svg) {
                    put('{{SvgId}}', svg);
                    return Plotly.toImage(gd, { format: 'png', width: {{w}}, height: {{h}}, scale: {{s}} });
                  }).then(function (png) { put('{{PngId}}', png); put('{{ReadyId}}', '1'); });
                }).catch(function (e) { put('{{ErrorId}}', String((e && e.stack) || e)); });
              } catch (e) { put('{{ErrorId}}', String((e && e.stack) || e)); }
            })();
            </script>
            </body>
            </html>
            """;
    }

    /// <summary>Makes JSON safe inside a <c>&lt;script&gt;</c> element (no early <c>&lt;/script&gt;</c>).</summary>
    internal static string ScriptSafe(string json) =>
        json.Replace("</", "<\\/", StringComparison.Ordinal)
            .Replace("<!--", "<\\!--", StringComparison.Ordinal);
}
