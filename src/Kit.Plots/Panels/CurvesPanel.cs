using Plotly.NET;

namespace Kit.Plots;

/// <summary>One curve of a <see cref="CurvesPanel"/>.</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">x values.</param>
/// <param name="Y">y values (same length).</param>
/// <param name="Color">Line and marker colour (CSS).</param>
/// <param name="Dash">plotly.js dash style: solid, dash, dot.</param>
/// <param name="LinesOnly">Only a line (no markers); false draws markers on it.</param>
/// <param name="MarkersOnly">Only markers (no line): a scatter of points whose order means nothing.</param>
/// <param name="MarkerSize">Marker size (px).</param>
public sealed record CurveSeries(
    string Name,
    double[] X,
    double[] Y,
    string Color,
    string Dash = "solid",
    bool LinesOnly = false,
    bool MarkersOnly = false,
    double MarkerSize = 4
);

/// <summary>
/// A few curves of one quantity against another on shared axes: for instance the peak somatic response to IN and
/// OUT sequences against their interval, simulated and predicted.
/// </summary>
public static class CurvesPanel
{
    /// <summary>Builds the panel.</summary>
    /// <param name="series">The curves, drawn in order.</param>
    /// <param name="xTitle">x axis title with units.</param>
    /// <param name="yTitle">y axis title with units.</param>
    /// <param name="size">Panel size, default one column by 60 mm.</param>
    /// <param name="title">Panel title.</param>
    /// <param name="logX">Log-scaled x axis (e.g. parameter counts).</param>
    /// <exception cref="ArgumentException">No series, a series whose x and y differ in length, or a log axis with
    /// non-positive x.</exception>
    public static GenericChart Create(
        IReadOnlyList<CurveSeries> series,
        string xTitle,
        string yTitle,
        PanelSize? size = null,
        string title = "",
        bool logX = false
    )
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
            throw new ArgumentException("at least one series is needed", nameof(series));
        var traces = new List<Trace>();
        foreach (var s in series)
        {
            PanelInput.SameLength(s.X, s.Y, $"{s.Name}.X", $"{s.Name}.Y");
            if (logX && s.X.Any(v => !(v > 0)))
                throw new ArgumentException(
                    $"{s.Name}: a log x axis needs positive values",
                    nameof(series)
                );
            var x = s.X.Select(v => (double?)v).ToArray();
            var y = s.Y.Select(v => (double?)v).ToArray();
            if (s.LinesOnly && s.MarkersOnly)
                throw new ArgumentException(
                    $"series {s.Name}: LinesOnly and MarkersOnly exclude each other",
                    nameof(series)
                );
            if (!s.MarkersOnly)
                traces.Add(Traces.Line(x, y, s.Name, s.Color, dash: s.Dash));
            if (!s.LinesOnly)
                traces.Add(
                    Traces.Markers(
                        x,
                        y,
                        s.Name,
                        s.Color,
                        size: s.MarkerSize,
                        showLegend: s.MarkersOnly
                    )
                );
        }
        var xAxis = PaperStyle.Axis(xTitle);
        if (logX)
            xAxis.SetProperty("type", "log"); // raw plotly.js axis attribute, as the rest of PaperStyle.Axis
        return PaperStyle.Apply(
            Traces.Chart([.. traces]),
            size ?? PaperStyle.OneColumn(60),
            title,
            LegendPlacement.Above,
            ("xaxis", xAxis),
            ("yaxis", PaperStyle.Axis(yTitle))
        );
    }
}
