using System.Net;
using System.Text;
using Kit.Core;

namespace Kit.Learning;

/// <summary>
/// Deedle frames (any <c>Frame&lt;R, C&gt;</c>, e.g. a sweep pivoted by <see cref="Metrics.ResultsPivot"/>) as an HTML
/// table in notebooks, through Deedle's own
/// <c>FormatStrings</c> (the grid its console printer uses, long frames elided in the middle) with
/// <c>Format()</c> as the plain-text fallback.
/// </summary>
internal static class DeedleDisplay
{
    private const int HeadRows = 15,
        TailRows = 5,
        HeadColumns = 12,
        TailColumns = 3;

    public static MimeBundle Format(Deedle.IFrame frame)
    {
        var type = frame.GetType();
        var text =
            (string?)type.GetMethod("Format", Type.EmptyTypes)?.Invoke(frame, null)
            ?? frame.ToString()
            ?? "";
        var grid =
            type.GetMethod(
                    "FormatStrings",
                    [typeof(int), typeof(int), typeof(int), typeof(int), typeof(bool)]
                )
                ?.Invoke(frame, [HeadRows, TailRows, HeadColumns, TailColumns, false])
            as string[][];
        if (grid is null || grid.Length == 0)
            return MimeBundle.Html($"<pre>{WebUtility.HtmlEncode(text)}</pre>", text);
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var cell in grid[0])
            html.Append("<th>").Append(WebUtility.HtmlEncode(cell)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in grid.Skip(1))
        {
            html.Append("<tr>");
            for (int i = 0; i < row.Length; i++)
                html.Append(i == 0 ? "<th>" : "<td>")
                    .Append(WebUtility.HtmlEncode(row[i]))
                    .Append(i == 0 ? "</th>" : "</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return MimeBundle.Html(html.ToString(), text);
    }
}
