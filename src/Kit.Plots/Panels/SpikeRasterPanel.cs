using Plotly.NET;

namespace Kit.Plots;

/// <summary>A spike raster of input channels over time, excitatory channels red and inhibitory blue.</summary>
public static class SpikeRasterPanel
{
    /// <summary>The raster of the spikes inside <paramref name="windowMs"/>.</summary>
    /// <param name="channels">Channel of each spike (0 .. <paramref name="totalChannels"/>-1).</param>
    /// <param name="timesMs">Time of each spike, ms (same length).</param>
    /// <param name="excitatoryChannels">Channels below this index are excitatory, the rest inhibitory.</param>
    /// <param name="totalChannels">Number of channels (y range).</param>
    /// <param name="windowMs">Time range drawn, ms, <c>from</c> inclusive and <c>to</c> exclusive.</param>
    /// <param name="size">Panel size, default two columns by 45 mm.</param>
    /// <param name="title">Panel title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <exception cref="ArgumentOutOfRangeException">A channel in the window lies outside [0, totalChannels).</exception>
    public static GenericChart Create(
        int[] channels,
        int[] timesMs,
        int excitatoryChannels,
        int totalChannels,
        (int from, int to) windowMs,
        PanelSize? size = null,
        string title = "input spikes",
        string yTitle = "synapse index"
    )
    {
        PanelInput.SameLength(channels, timesMs, nameof(channels), nameof(timesMs));
        if (excitatoryChannels < 0 || excitatoryChannels > totalChannels)
            throw new ArgumentOutOfRangeException(
                nameof(excitatoryChannels),
                $"excitatoryChannels ({excitatoryChannels}) must be in [0, totalChannels = {totalChannels}]"
            );
        PanelInput.CheckWindow(windowMs, nameof(windowMs));
        var ex = new List<double?>();
        var ey = new List<double?>();
        var ix = new List<double?>();
        var iy = new List<double?>();
        for (var k = 0; k < channels.Length; k++)
        {
            var (c, t) = (channels[k], timesMs[k]);
            if (t < windowMs.from || t >= windowMs.to)
                continue;
            if (c < 0 || c >= totalChannels)
                throw new ArgumentOutOfRangeException(
                    nameof(channels),
                    $"channels[{k}] = {c} is outside [0, {totalChannels})"
                );
            (c < excitatoryChannels ? ex : ix).Add(t);
            (c < excitatoryChannels ? ey : iy).Add(c);
        }
        var chart = Traces.Chart(
            Traces.Markers(ex, ey, "excitatory", PaperStyle.Excitatory, size: 4, symbol: "line-ns"),
            Traces.Markers(ix, iy, "inhibitory", PaperStyle.Inhibitory, size: 4, symbol: "line-ns")
        );
        var styled = PaperStyle.Apply(
            chart,
            size ?? PaperStyle.TwoColumns(45),
            title,
            LegendPlacement.Above,
            ("xaxis", PaperStyle.Axis("time (ms)", (windowMs.from, windowMs.to))),
            ("yaxis", PaperStyle.Axis(yTitle, (-0.5, totalChannels - 0.5)))
        );
        // Raster ticks are 4 px; the legend shows them at a readable, constant size. (Raw property: the legend
        // object is built raw by PaperStyle.Apply, see its remarks.)
        var legend = (DynamicObj.DynamicObj)
            GenericChart.getLayout(styled).GetPropertyValue("legend");
        legend.SetProperty("itemsizing", "constant");
        return styled;
    }
}
