using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// A learned temporal filter as a heatmap, channels by lag, on a diverging scale centred at 0 (symmetric
/// limits), with a dotted line between excitatory and inhibitory channels.
/// </summary>
public static class FilterHeatmapPanel
{
    /// <summary>The heatmap of <paramref name="weights"/>.</summary>
    /// <param name="weights">Filter weights, [channel, lag].</param>
    /// <param name="excitatoryChannels">Channels below this index are excitatory.</param>
    /// <param name="lagsMs">Lag of each column, ms; default 0, 1, 2, ...</param>
    /// <param name="size">Panel size, default one column by 60 mm.</param>
    /// <param name="title">Panel title.</param>
    public static GenericChart Create(
        double[,] weights,
        int excitatoryChannels,
        double[]? lagsMs = null,
        PanelSize? size = null,
        string title = "learned filter"
    )
    {
        ArgumentNullException.ThrowIfNull(weights);
        int channels = weights.GetLength(0),
            lags = weights.GetLength(1);
        if (channels == 0 || lags == 0)
            throw new ArgumentException($"weights is empty ({channels} x {lags})", nameof(weights));
        lagsMs ??= Enumerable.Range(0, lags).Select(i => (double)i).ToArray();
        if (lagsMs.Length != lags)
            throw new ArgumentException(
                $"lagsMs has {lagsMs.Length} values but weights has {lags} lags",
                nameof(lagsMs)
            );
        var z = new double[channels][];
        var maxAbs = 0.0;
        for (var c = 0; c < channels; c++)
        {
            z[c] = new double[lags];
            for (var l = 0; l < lags; l++)
            {
                z[c][l] = weights[c, l];
                if (double.IsFinite(weights[c, l]))
                    maxAbs = Math.Max(maxAbs, Math.Abs(weights[c, l]));
            }
        }
        if (maxAbs == 0)
            maxAbs = 1;
        var y = Enumerable.Range(0, channels).Select(c => (double)c).ToArray();
        var heat = Traces.Heatmap(
            z,
            lagsMs,
            y,
            "filter",
            PaperStyle.DivergingScale,
            -maxAbs,
            maxAbs,
            "weight"
        );
        var chart = Traces.Chart(
            heat,
            Traces.Line(
                [lagsMs.Min(), lagsMs.Max()],
                [excitatoryChannels - 0.5, excitatoryChannels - 0.5],
                "E | I",
                PaperStyle.Reference,
                width: 1,
                dash: "dot",
                showLegend: false
            )
        );
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(60),
            title,
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.Axis("time before t (ms)")),
            ("yaxis", PaperStyle.Axis("synapse index", (-0.5, channels - 0.5)))
        );
    }
}
