using System.Globalization;
using System.Net;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>The HTML pages the kit writes: standalone, interactive figure pages.</summary>
internal static class HtmlPages
{
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

    /// <summary>Makes JSON safe inside a <c>&lt;script&gt;</c> element (no early <c>&lt;/script&gt;</c>).</summary>
    internal static string ScriptSafe(string json) =>
        json.Replace("</", "<\\/", StringComparison.Ordinal)
            .Replace("<!--", "<\\!--", StringComparison.Ordinal);
}
