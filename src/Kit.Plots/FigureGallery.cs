using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Kit.Core;

namespace Kit.Plots;

/// <summary>
/// <c>figures/index.html</c>: one section per figure folder with its panels (PNG when exported, else links to the
/// HTML panels) and a table of every metric of its <c>metrics.json</c>, beside the paper's number where the
/// metrics carry one (a <c>paper</c> object of the same keys).
/// </summary>
public static class FigureGallery
{
    /// <summary>Writes <c>index.html</c> into <paramref name="figuresRoot"/> and returns its path.</summary>
    public static string Write(string figuresRoot)
    {
        var html = new StringBuilder();
        html.Append(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>NeuronKit figures</title><style>"
                + "body{font-family:Arial,Helvetica,sans-serif;margin:2em;max-width:1200px}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "th:first-child,td:first-child{text-align:left}img{max-width:100%;margin:0.5em 0;border:1px solid #eee}"
                + ".panels{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:1em}"
                + "</style></head><body><h1>NeuronKit: figures of Beniaguev, Segev &amp; London (2021)</h1>"
        );
        var folders = Directory.Exists(figuresRoot)
            ? Directory.GetDirectories(figuresRoot).OrderBy(d => d, StringComparer.Ordinal).ToList()
            : [];
        if (folders.Count == 0)
            html.Append("<p>No figures yet: run <code>kit figures</code>.</p>");
        foreach (var folder in folders)
            Section(html, folder);
        html.Append("</body></html>\n");
        var path = Path.Combine(figuresRoot, "index.html");
        AtomicFile.WriteAllText(path, html.ToString());
        return path;
    }

    private static void Section(StringBuilder html, string folder)
    {
        var name = Path.GetFileName(folder);
        html.Append($"<h2 id=\"{Enc(name)}\">{Enc(name)}</h2>");
        var metricsPath = Path.Combine(folder, "metrics.json");
        if (File.Exists(metricsPath))
            MetricsTable(html, metricsPath);
        var panels = Directory
            .GetFiles(folder, "*.html")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        html.Append("<div class=\"panels\">");
        foreach (var panel in panels)
        {
            var png = Path.Combine(folder, panel + ".png");
            var links = string.Join(
                " ",
                new[] { "html", "png", "svg", "pdf" }
                    .Where(ext => File.Exists(Path.Combine(folder, $"{panel}.{ext}")))
                    .Select(ext => $"<a href=\"{Enc(name)}/{Enc(panel)}.{ext}\">{ext}</a>")
            );
            html.Append("<figure>");
            if (File.Exists(png))
                html.Append($"<img src=\"{Enc(name)}/{Enc(panel)}.png\" alt=\"{Enc(panel)}\">");
            html.Append($"<figcaption>{Enc(panel)}: {links}</figcaption></figure>");
        }
        html.Append("</div>");
    }

    private static void MetricsTable(StringBuilder html, string metricsPath)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(metricsPath));
        }
        catch (JsonException e)
        {
            html.Append($"<p>{Enc(metricsPath)} is not valid JSON: {Enc(e.Message)}</p>");
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            root.TryGetProperty("paper", out var paper);
            html.Append("<table><tr><th>metric</th><th>this run</th><th>paper</th></tr>");
            foreach (var p in root.EnumerateObject().Where(p => p.Name != "paper"))
            {
                string paperValue =
                    paper.ValueKind == JsonValueKind.Object
                    && paper.TryGetProperty(p.Name, out var v)
                        ? Value(v)
                        : "";
                html.Append(
                    $"<tr><td>{Enc(p.Name)}</td><td>{Enc(Value(p.Value))}</td><td>{Enc(paperValue)}</td></tr>"
                );
            }
            html.Append("</table>");
        }
    }

    private static string Value(JsonElement v) =>
        v.ValueKind switch
        {
            JsonValueKind.Number => v.GetDouble().ToString("G5", CultureInfo.InvariantCulture),
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Null => "",
            _ => v.GetRawText(),
        };

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
