using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// A learned temporal filter as a heatmap, channels by lag, on a diverging scale centred at 0 (symmetric
/// limits), with a dotted line between excitatory and inhibitory channels, or between labelled bands of channels
/// (<see cref="ChannelBand"/>, e.g. the synapse regions of <see cref="RegionFilterPanel.Heatmap"/>).
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
        var (heat, lags) = Heat(weights, lagsMs);
        int channels = weights.GetLength(0);
        var chart = Traces.Chart(heat, Boundary(lags, excitatoryChannels - 0.5, "E | I"));
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(60),
            title,
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.Axis("time before t (ms)")),
            ("yaxis", PaperStyle.Axis("synapse index", (-0.5, channels - 0.5)))
        );
    }

    /// <summary>
    /// The heatmap of <paramref name="weights"/>, its rows grouped into consecutive labelled
    /// <paramref name="bands"/>: a dotted line between bands and each band's label on the y axis at its centre.
    /// </summary>
    /// <param name="weights">Filter weights, [channel, lag], rows already in band order.</param>
    /// <param name="bands">The bands from row 0 up; their counts must add up to the number of rows.</param>
    /// <param name="lagsMs">Lag of each column, ms; default 0, 1, 2, ...</param>
    /// <param name="size">Panel size, default one column by 60 mm.</param>
    /// <param name="title">Panel title.</param>
    /// <param name="yTitle">y-axis title.</param>
    public static GenericChart Create(
        double[,] weights,
        IReadOnlyList<ChannelBand> bands,
        double[]? lagsMs = null,
        PanelSize? size = null,
        string title = "learned filter",
        string yTitle = "synapse"
    )
    {
        ArgumentNullException.ThrowIfNull(bands);
        var (heat, lags) = Heat(weights, lagsMs);
        int channels = weights.GetLength(0);
        if (bands.Any(b => b.Count < 0) || bands.Sum(b => b.Count) != channels)
            throw new ArgumentException(
                $"bands count {string.Join(" + ", bands.Select(b => b.Count))} rows but weights has {channels}",
                nameof(bands)
            );
        var traces = new List<Trace> { heat };
        var tickVals = new List<double>();
        var tickText = new List<string>();
        int start = 0;
        var nonEmpty = bands.Where(b => b.Count > 0).ToArray();
        for (int i = 0; i < nonEmpty.Length; i++)
        {
            var b = nonEmpty[i];
            tickVals.Add(start + (b.Count - 1) / 2.0);
            tickText.Add(b.Label);
            start += b.Count;
            if (i < nonEmpty.Length - 1)
                traces.Add(Boundary(lags, start - 0.5, $"{b.Label} | {nonEmpty[i + 1].Label}"));
        }
        var yAxis = PaperStyle.Axis(yTitle, (-0.5, channels - 0.5));
        yAxis.SetProperty("tickmode", "array");
        yAxis.SetProperty("tickvals", tickVals.ToArray());
        yAxis.SetProperty("ticktext", tickText.ToArray());
        yAxis.SetProperty("ticks", "");
        return PaperStyle.Apply(
            Traces.Chart([.. traces]),
            size ?? PaperStyle.OneColumn(60),
            title,
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.Axis("time before t (ms)")),
            ("yaxis", yAxis)
        );
    }

    /// <summary>The heatmap trace on a symmetric diverging scale, and the lags of its columns.</summary>
    private static (Trace Heat, double[] LagsMs) Heat(double[,] weights, double[]? lagsMs)
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
        return (heat, lagsMs);
    }

    /// <summary>A dotted horizontal line across all lags at row position <paramref name="y"/>.</summary>
    private static Trace Boundary(double[] lagsMs, double y, string name) =>
        Traces.Line(
            [lagsMs.Min(), lagsMs.Max()],
            [y, y],
            name,
            PaperStyle.Reference,
            width: 1,
            dash: "dot",
            showLegend: false
        );
}
