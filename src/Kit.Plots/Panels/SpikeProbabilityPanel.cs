using Plotly.NET;

namespace Kit.Plots;

/// <summary>True output spikes (black ticks) under a predicted spike probability.</summary>
public static class SpikeProbabilityPanel
{
    /// <summary>The spikes and the probability inside <paramref name="windowMs"/>.</summary>
    /// <param name="trueSpikeTimesMs">Output spike times of the simulated neuron, ms.</param>
    /// <param name="probability">Predicted spike probability per sample, in [0, 1].</param>
    /// <param name="startMs">Time of sample 0, ms.</param>
    /// <param name="windowMs">Time range drawn (ms), or null for all samples.</param>
    /// <param name="dtMs">Sample interval, ms.</param>
    /// <param name="size">Panel size, default two columns by 35 mm.</param>
    /// <param name="title">Panel title.</param>
    public static GenericChart Create(
        int[] trueSpikeTimesMs,
        double[] probability,
        int startMs,
        (int from, int to)? windowMs = null,
        double dtMs = 1,
        PanelSize? size = null,
        string title = "output spikes"
    )
    {
        ArgumentNullException.ThrowIfNull(trueSpikeTimesMs);
        ArgumentNullException.ThrowIfNull(probability);
        var (lo, hi) = PanelInput.SampleRange(probability.Length, startMs, dtMs, windowMs);
        var t = Enumerable.Range(lo, hi - lo).Select(i => (double?)(startMs + i * dtMs)).ToArray();
        double from = windowMs?.from ?? startMs;
        double to = windowMs?.to ?? startMs + probability.Length * dtMs;
        // One trace of vertical segments separated by gaps (null), so any number of spikes is one legend entry.
        var sx = new List<double?>();
        var sy = new List<double?>();
        foreach (var s in trueSpikeTimesMs.Where(s => s >= from && s < to))
        {
            sx.AddRange([s, s, null]);
            sy.AddRange([0, 1, null]);
        }
        var chart = Traces.Chart(
            Traces.Line(sx, sy, "true spikes", PaperStyle.Truth, width: 1),
            Traces.Line(
                t,
                PanelInput.Slice(probability, lo, hi),
                "predicted P(spike)",
                PaperStyle.Prediction
            )
        );
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.TwoColumns(35),
            title,
            LegendPlacement.Above,
            ("xaxis", PaperStyle.Axis("time (ms)", (from, to))),
            ("yaxis", PaperStyle.Axis("P(spike)", (0, 1.05)))
        );
    }
}
