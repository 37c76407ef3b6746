using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// Predicted against simulated values (e.g. somatic voltage), a seeded random subsample, with the identity line
/// and equal axis scales.
/// </summary>
public static class ScatterPanel
{
    /// <summary>The scatter of at most <paramref name="maxPoints"/> pairs.</summary>
    /// <param name="trueValues">Simulated values.</param>
    /// <param name="predicted">Predicted values (same length).</param>
    /// <param name="maxPoints">Most points drawn.</param>
    /// <param name="seed">Seed of the subsampling.</param>
    /// <param name="size">Panel size, default one column by 70 mm.</param>
    /// <param name="title">Panel title.</param>
    /// <param name="xTitle">X axis title (the simulated quantity with units).</param>
    /// <param name="yTitle">Y axis title (the predicted quantity with units).</param>
    public static GenericChart Create(
        double[] trueValues,
        double[] predicted,
        int maxPoints,
        int seed,
        PanelSize? size = null,
        string title = "voltage prediction",
        string xTitle = "simulated V (mV)",
        string yTitle = "predicted V (mV)"
    )
    {
        PanelInput.SameLength(trueValues, predicted, nameof(trueValues), nameof(predicted));
        if (maxPoints <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(maxPoints),
                $"maxPoints ({maxPoints}) must be positive"
            );
        var idx = PanelInput.Subsample(trueValues.Length, maxPoints, seed);
        var all = trueValues.Concat(predicted).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double lo = all.Min(),
            hi = all.Max();
        var pad = Math.Max(0.5, 0.03 * (hi - lo));
        (lo, hi) = (lo - pad, hi + pad);
        var chart = Traces.Chart(
            Traces.Markers(
                idx.Select(i => (double?)trueValues[i]),
                idx.Select(i => (double?)predicted[i]),
                "samples",
                PaperStyle.Prediction,
                size: 2.5,
                opacity: 0.35,
                showLegend: false
            ),
            Traces.Line(
                [lo, hi],
                [lo, hi],
                "identity",
                PaperStyle.Truth,
                width: 1,
                dash: "dash",
                showLegend: false
            )
        );
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(70),
            title,
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.EqualScaleAxis(xTitle, (lo, hi), anchorTo: null)),
            ("yaxis", PaperStyle.EqualScaleAxis(yTitle, (lo, hi), anchorTo: "x"))
        );
    }
}
