using Plotly.NET;

namespace Kit.Plots;

/// <summary>Cross-correlation of true and predicted spike trains against lag, within ±<c>maxLagMs</c>.</summary>
public static class CrossCorrelationPanel
{
    /// <summary>The cross-correlation with a dotted line at zero lag.</summary>
    /// <param name="lagsMs">Lags, ms.</param>
    /// <param name="values">Cross-correlation per lag.</param>
    /// <param name="maxLagMs">Half-width of the drawn lag range, ms.</param>
    /// <param name="size">Panel size, default one column by 50 mm.</param>
    /// <param name="title">Panel title.</param>
    public static GenericChart Create(
        double[] lagsMs,
        double[] values,
        double maxLagMs = 50,
        PanelSize? size = null,
        string title = "spike cross-correlation"
    )
    {
        PanelInput.SameLength(lagsMs, values, nameof(lagsMs), nameof(values));
        var keep = Enumerable
            .Range(0, lagsMs.Length)
            .Where(i => Math.Abs(lagsMs[i]) <= maxLagMs)
            .ToArray();
        var top = keep.Length == 0 ? 1 : keep.Max(i => values[i]);
        var chart = Traces.Chart(
            Traces.Line(
                [0, 0],
                [0, top],
                "zero lag",
                PaperStyle.Reference,
                width: 1,
                dash: "dot",
                showLegend: false
            ),
            Traces.Line(
                keep.Select(i => (double?)lagsMs[i]),
                keep.Select(i => (double?)values[i]),
                "cross-correlation",
                PaperStyle.Truth,
                showLegend: false
            )
        );
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(50),
            title,
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.Axis("Δt (ms)", (-maxLagMs, maxLagMs))),
            ("yaxis", PaperStyle.Axis("cross-correlation"))
        );
    }
}
