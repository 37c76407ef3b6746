using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// A chart as plotly.js figure JSON, <c>{"data": [...], "layout": {...}, "config": {...}}</c>: what
/// <c>Plotly.newPlot(div, data, layout, config)</c> takes and what the
/// <c>application/vnd.plotly.v1+json</c> MIME type carries.
/// </summary>
public static class ChartJson
{
    /// <summary>Serializes the chart's traces, layout and config (Plotly.NET's <c>GenericChart.toJson</c>).</summary>
    public static string ToFigureJson(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return GenericChart.toJson(chart);
    }
}
