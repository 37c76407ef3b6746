using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// A metric against a quantity with 95 % intervals as error bars, points joined in x order: for instance test AUC
/// against hours of training data, the data curve of the L5PC figures.
/// </summary>
public static class MetricCurvePanel
{
    /// <summary>Builds the panel.</summary>
    /// <param name="x">The quantity (e.g. simulated hours of training data).</param>
    /// <param name="value">The metric at each x.</param>
    /// <param name="low">Lower end of each interval (same length), or null for none.</param>
    /// <param name="high">Upper end of each interval, or null for none.</param>
    /// <param name="labels">Text beside each point (e.g. training minutes), or null.</param>
    /// <param name="xTitle">x axis title.</param>
    /// <param name="yTitle">y axis title.</param>
    /// <param name="size">Panel size, default one column by 55 mm.</param>
    /// <param name="title">Panel title.</param>
    /// <param name="logX">Log-scaled x axis.</param>
    /// <exception cref="ArgumentException">Lengths differ, or a log axis gets non-positive x.</exception>
    public static GenericChart Create(
        double[] x,
        double[] value,
        double[]? low,
        double[]? high,
        string[]? labels,
        string xTitle,
        string yTitle,
        PanelSize? size = null,
        string title = "",
        bool logX = false
    )
    {
        PanelInput.SameLength(x, value, nameof(x), nameof(value));
        if (low != null)
            PanelInput.SameLength(x, low, nameof(x), nameof(low));
        if (high != null)
            PanelInput.SameLength(x, high, nameof(x), nameof(high));
        if (labels != null && labels.Length != x.Length)
            throw new ArgumentException(
                $"{nameof(labels)} has {labels.Length} entries, {nameof(x)} has {x.Length}",
                nameof(labels)
            );
        if (logX && x.Any(v => !(v > 0)))
            throw new ArgumentException("a log x axis needs positive values", nameof(x));
        var order = Enumerable.Range(0, x.Length).OrderBy(i => x[i]).ToArray();
        var line = Traces.Line(
            order.Select(i => (double?)x[i]),
            order.Select(i => (double?)value[i]),
            yTitle,
            PaperStyle.Prediction,
            showLegend: false
        );
        line.SetProperty("mode", labels == null ? "lines+markers" : "lines+markers+text");
        line.SetProperty("marker", PaperStyle.Obj(("color", PaperStyle.Prediction), ("size", 6)));
        if (labels != null)
        {
            line.SetProperty("text", order.Select(i => labels[i]).ToArray());
            line.SetProperty("textposition", "top center");
        }
        if (low != null && high != null)
            line.SetProperty(
                "error_y",
                PaperStyle.Obj(
                    ("type", "data"),
                    ("symmetric", false),
                    ("array", order.Select(i => high[i] - value[i]).ToArray()),
                    ("arrayminus", order.Select(i => value[i] - low[i]).ToArray()),
                    ("color", PaperStyle.Prediction),
                    ("thickness", 1),
                    ("width", 3)
                )
            );
        var xAxis = PaperStyle.Axis(xTitle);
        if (logX)
            xAxis.SetProperty("type", "log"); // raw plotly.js axis attribute, as the rest of PaperStyle.Axis
        return PaperStyle.Apply(
            Traces.Chart(line),
            size ?? PaperStyle.OneColumn(55),
            title,
            LegendPlacement.TopRight,
            ("xaxis", xAxis),
            ("yaxis", PaperStyle.Axis(yTitle))
        );
    }
}
