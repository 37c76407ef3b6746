using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// Raw plotly.js traces in the paper style, built as Plotly.NET <see cref="Trace"/> objects so that any
/// plotly.js attribute can be set by name (see https://plotly.com/javascript/reference/; why not the typed
/// constructors: <see cref="PaperStyle"/>).
/// </summary>
internal static class Traces
{
    /// <summary>A line trace (<c>scatter</c>, mode <c>lines</c>).</summary>
    public static Trace Line(
        IEnumerable<double?> x,
        IEnumerable<double?> y,
        string name,
        string color,
        double width = PaperStyle.TraceLineWidth,
        string dash = "solid",
        string xaxis = "x",
        string yaxis = "y",
        bool showLegend = true
    )
    {
        var t = Scatter(x, y, name, "lines", xaxis, yaxis, showLegend);
        t.SetProperty("line", PaperStyle.Obj(("color", color), ("width", width), ("dash", dash)));
        return t;
    }

    /// <summary>A marker trace (<c>scatter</c>, mode <c>markers</c>).</summary>
    public static Trace Markers(
        IEnumerable<double?> x,
        IEnumerable<double?> y,
        string name,
        string color,
        double size = 3,
        string symbol = "circle",
        double opacity = 1,
        string xaxis = "x",
        string yaxis = "y",
        bool showLegend = true
    )
    {
        var t = Scatter(x, y, name, "markers", xaxis, yaxis, showLegend);
        var marker = PaperStyle.Obj(
            ("color", color),
            ("size", size),
            ("symbol", symbol),
            ("opacity", opacity)
        );
        if (symbol.StartsWith("line-", StringComparison.Ordinal))
            marker.SetProperty("line", PaperStyle.Obj(("color", color), ("width", 1)));
        else
            marker.SetProperty("line", PaperStyle.Obj(("width", 0)));
        t.SetProperty("marker", marker);
        return t;
    }

    /// <summary>A heatmap trace; <paramref name="z"/> is row-major, rows along y.</summary>
    public static Trace Heatmap(
        double[][] z,
        double[] x,
        double[] y,
        string name,
        (double Position, string Color)[] colorscale,
        double zmin,
        double zmax,
        string colorbarTitle
    )
    {
        var t = new Trace("heatmap");
        t.SetProperty("z", z);
        t.SetProperty("x", x);
        t.SetProperty("y", y);
        t.SetProperty("name", name);
        t.SetProperty(
            "colorscale",
            colorscale.Select(c => new object[] { c.Position, c.Color }).ToArray()
        );
        t.SetProperty("zmin", zmin);
        t.SetProperty("zmax", zmax);
        t.SetProperty("zmid", 0.0);
        t.SetProperty("zsmooth", false);
        t.SetProperty(
            "colorbar",
            PaperStyle.Obj(
                (
                    "title",
                    PaperStyle.Obj(
                        ("text", colorbarTitle),
                        ("side", "right"),
                        ("font", PaperStyle.Font(PaperStyle.FontPt))
                    )
                ),
                ("thickness", 8),
                ("len", 0.9),
                ("outlinewidth", 0),
                ("ticks", "outside"),
                ("ticklen", 2),
                ("tickfont", PaperStyle.Font(PaperStyle.FontPt - 1))
            )
        );
        return t;
    }

    /// <summary>Combines traces into one chart without Plotly.NET's default template.</summary>
    public static GenericChart Chart(params Trace[] traces) =>
        GenericChart.ofTraceObjects(false, traces);

    private static Trace Scatter(
        IEnumerable<double?> x,
        IEnumerable<double?> y,
        string name,
        string mode,
        string xaxis,
        string yaxis,
        bool showLegend
    )
    {
        var t = new Trace("scatter");
        t.SetProperty("x", x.ToArray());
        t.SetProperty("y", y.ToArray());
        t.SetProperty("name", name);
        t.SetProperty("mode", mode);
        t.SetProperty("xaxis", xaxis);
        t.SetProperty("yaxis", yaxis);
        t.SetProperty("showlegend", showLegend);
        return t;
    }
}
