using System.Globalization;
using System.Net;
using System.Text;
using Kit.Core;
using Microsoft.Data.Analysis;

namespace Kit.Learning.Metrics;

/// <summary>Metrics of several models as a Microsoft.Data.Analysis <see cref="DataFrame"/>, one row per model.</summary>
public static class ResultsTable
{
    /// <summary>Column names, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "model",
        "auc",
        "tpr_at_fpr_0.002",
        "rmse_mv",
        "variance_explained",
        "rmse_mv_rescaled",
        "variance_explained_rescaled",
        "tau_ms",
        "parameters",
    ];

    /// <summary>A table with one row per <see cref="ModelMetrics"/>; missing tau/parameters are nulls.</summary>
    public static DataFrame Build(IEnumerable<ModelMetrics> rows)
    {
        var list = rows.ToList();
        DoubleDataFrameColumn Col(string name, Func<ModelMetrics, double?> f) =>
            new(name, list.Select(f));
        return new DataFrame(
            new StringDataFrameColumn(Columns[0], list.Select(r => r.Model)),
            Col(Columns[1], r => r.Auc),
            Col(Columns[2], r => r.TprAtFpr),
            Col(Columns[3], r => r.RmseMv),
            Col(Columns[4], r => r.VarianceExplained),
            Col(Columns[5], r => r.RmseMvRescaled),
            Col(Columns[6], r => r.VarianceExplainedRescaled),
            Col(Columns[7], r => r.TauMs),
            new Int64DataFrameColumn(Columns[8], list.Select(r => r.Parameters))
        );
    }

    /// <summary>Writes the table as CSV (invariant culture, header row) atomically.</summary>
    public static void SaveCsv(DataFrame table, string path) =>
        AtomicFile.Write(
            path,
            s => DataFrame.SaveCsv(table, s, cultureInfo: CultureInfo.InvariantCulture)
        );

    /// <summary>An HTML table (numbers to 4 significant digits; nulls blank).</summary>
    public static string ToHtml(DataFrame table)
    {
        var sb = new StringBuilder("<table class=\"neuronkit-results\"><thead><tr>");
        foreach (var c in table.Columns)
            sb.Append("<th>").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        for (long r = 0; r < table.Rows.Count; r++)
        {
            sb.Append("<tr>");
            foreach (var c in table.Columns)
                sb.Append("<td>").Append(WebUtility.HtmlEncode(FormatCell(c[r]))).Append("</td>");
            sb.Append("</tr>");
        }
        return sb.Append("</tbody></table>").ToString();
    }

    private static string FormatCell(object? value) =>
        value switch
        {
            null => "",
            double d => d.ToString("G4", CultureInfo.InvariantCulture),
            float f => f.ToString("G4", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}
