using System.Globalization;
using MathNet.Numerics.Statistics;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>A point drawn on top of a <see cref="CorrelationPanel"/> with its own legend entry (e.g. IN and OUT).</summary>
/// <param name="Name">Legend entry.</param>
/// <param name="X">x value.</param>
/// <param name="Y">y value.</param>
/// <param name="Color">Marker colour (CSS).</param>
/// <param name="Symbol">plotly.js marker symbol, e.g. <c>triangle-up</c>.</param>
public sealed record LabelledPoint(
    string Name,
    double X,
    double Y,
    string Color,
    string Symbol = "diamond"
);

/// <summary>
/// One quantity against another, a point per item, with the least-squares line and Pearson's r in the title: for
/// instance each sequence's peak somatic voltage against its directionality index. With
/// <c>identityLine</c> the two axes share one scale and the identity line replaces the fit (a prediction against
/// its truth).
/// </summary>
public static class CorrelationPanel
{
    /// <summary>Pearson's correlation of <paramref name="x"/> and <paramref name="y"/> (NaN with fewer than 2 points).</summary>
    public static double Pearson(double[] x, double[] y)
    {
        PanelInput.SameLength(x, y, nameof(x), nameof(y));
        return x.Length < 2 ? double.NaN : Correlation.Pearson(x, y);
    }

    /// <summary>Builds the panel.</summary>
    /// <param name="x">x of each point.</param>
    /// <param name="y">y of each point (same length).</param>
    /// <param name="xTitle">x axis title with units.</param>
    /// <param name="yTitle">y axis title with units.</param>
    /// <param name="highlights">Points drawn on top with their own legend entries, or null.</param>
    /// <param name="identityLine">Draw y = x on equal scales instead of the least-squares line.</param>
    /// <param name="size">Panel size, default one column by 70 mm.</param>
    /// <param name="title">Panel title; " (r = …)" is appended.</param>
    public static GenericChart Create(
        double[] x,
        double[] y,
        string xTitle,
        string yTitle,
        IReadOnlyList<LabelledPoint>? highlights = null,
        bool identityLine = false,
        PanelSize? size = null,
        string title = ""
    )
    {
        double r = Pearson(x, y);
        var traces = new List<Trace>
        {
            Traces.Markers(
                x.Select(v => (double?)v),
                y.Select(v => (double?)v),
                "sequences",
                PaperStyle.Reference,
                size: 4,
                opacity: 0.6,
                showLegend: false
            ),
        };
        var allX = x.Concat(highlights?.Select(h => h.X) ?? []).DefaultIfEmpty(0).ToArray();
        var allY = y.Concat(highlights?.Select(h => h.Y) ?? []).DefaultIfEmpty(0).ToArray();
        double xLo = allX.Min(),
            xHi = allX.Max();
        if (identityLine)
        {
            double lo = Math.Min(xLo, allY.Min()),
                hi = Math.Max(xHi, allY.Max());
            traces.Add(
                Traces.Line(
                    [lo, hi],
                    [lo, hi],
                    "identity",
                    PaperStyle.Truth,
                    width: 1,
                    dash: "dash"
                )
            );
        }
        else if (x.Length >= 2 && x.Max() > x.Min())
        {
            var (intercept, slope) = MathNet.Numerics.Fit.Line(x, y);
            traces.Add(
                Traces.Line(
                    [xLo, xHi],
                    [intercept + slope * xLo, intercept + slope * xHi],
                    "least squares",
                    PaperStyle.Truth,
                    width: 1,
                    dash: "dash"
                )
            );
        }
        foreach (var h in highlights ?? [])
            traces.Add(Traces.Markers([h.X], [h.Y], h.Name, h.Color, size: 8, symbol: h.Symbol));
        var fullTitle = string.Create(
            CultureInfo.InvariantCulture,
            $"{title}{(title.Length > 0 ? " " : "")}(r = {r:0.00})"
        );
        return PaperStyle.Apply(
            Traces.Chart([.. traces]),
            size ?? PaperStyle.OneColumn(70),
            fullTitle,
            LegendPlacement.BottomRight,
            ("xaxis", PaperStyle.Axis(xTitle)),
            ("yaxis", PaperStyle.Axis(yTitle))
        );
    }
}
