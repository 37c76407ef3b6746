using System.Globalization;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>Voltage against time: a simulated trace with its prediction, a zoom of it, or any set of traces.</summary>
public static class VoltageTracePanel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Simulated (black) and predicted (green) voltage over time.</summary>
    /// <param name="trueMv">Simulated voltage, one sample per <paramref name="dtMs"/>.</param>
    /// <param name="predMv">Predicted voltage, same grid.</param>
    /// <param name="startMs">Time of sample 0, ms.</param>
    /// <param name="windowMs">Time range drawn (ms), or null for all samples.</param>
    /// <param name="dtMs">Sample interval, ms.</param>
    /// <param name="size">Panel size, default two columns by 45 mm.</param>
    /// <param name="title">Panel title.</param>
    /// <param name="truthName">Legend entry of the simulated trace (the neuron).</param>
    /// <param name="predictionName">Legend entry of the predicted trace (the network).</param>
    public static GenericChart Compare(
        double[] trueMv,
        double[] predMv,
        int startMs,
        (int from, int to)? windowMs = null,
        double dtMs = 1,
        PanelSize? size = null,
        string title = "somatic voltage",
        string truthName = "simulated",
        string predictionName = "predicted"
    )
    {
        PanelInput.SameLength(trueMv, predMv, nameof(trueMv), nameof(predMv));
        var (lo, hi) = PanelInput.SampleRange(trueMv.Length, startMs, dtMs, windowMs);
        var t = Enumerable.Range(lo, hi - lo).Select(i => (double?)(startMs + i * dtMs)).ToArray();
        var chart = Traces.Chart(
            Traces.Line(t, PanelInput.Slice(trueMv, lo, hi), truthName, PaperStyle.Truth),
            Traces.Line(t, PanelInput.Slice(predMv, lo, hi), predictionName, PaperStyle.Prediction)
        );
        var range = windowMs is { } w ? ((double)w.from, (double)w.to) : ((double, double)?)null;
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.TwoColumns(45),
            title,
            LegendPlacement.Above,
            ("xaxis", PaperStyle.Axis("time (ms)", range)),
            ("yaxis", PaperStyle.Axis("V<sub>soma</sub> (mV)"))
        );
    }

    /// <summary><see cref="Compare"/> over a short window, one column wide, titled with the window.</summary>
    public static GenericChart Zoom(
        double[] trueMv,
        double[] predMv,
        int startMs,
        (int from, int to) zoomMs,
        double dtMs = 1,
        PanelSize? size = null,
        string truthName = "simulated",
        string predictionName = "predicted"
    ) =>
        Compare(
            trueMv,
            predMv,
            startMs,
            zoomMs,
            dtMs,
            size ?? PaperStyle.OneColumn(45),
            string.Create(Inv, $"zoom {zoomMs.from}-{zoomMs.to} ms"),
            truthName,
            predictionName
        );

    /// <summary>
    /// Any number of voltage traces on one time axis (e.g. the kit's soma and nexus beside NEURON's), each thinned
    /// to at most about 4000 points.
    /// </summary>
    /// <param name="title">Panel title.</param>
    /// <param name="series">The traces, each with its own sample interval.</param>
    /// <param name="windowMs">Time range drawn (ms), or null for everything.</param>
    /// <param name="size">Panel size, default two columns by 50 mm.</param>
    /// <param name="yTitle">Y axis title.</param>
    public static GenericChart Series(
        string title,
        IReadOnlyList<VoltageSeries> series,
        (double From, double To)? windowMs = null,
        PanelSize? size = null,
        string yTitle = "V (mV)"
    )
    {
        ArgumentNullException.ThrowIfNull(series);
        var traces = series
            .Select(s =>
            {
                if (!(s.DtMs > 0))
                    throw new ArgumentOutOfRangeException(
                        nameof(series),
                        $"series '{s.Name}': DtMs ({s.DtMs}) must be positive"
                    );
                int lo = windowMs is { } w ? Math.Max(0, (int)(w.From / s.DtMs)) : 0;
                int hi = windowMs is { } w2
                    ? Math.Min(s.Mv.Length, (int)(w2.To / s.DtMs) + 1)
                    : s.Mv.Length;
                // At most ~4000 points per trace: plenty at journal size, small notebooks.
                int stride = Math.Max(1, (hi - lo) / 4000);
                var t = new List<double?>();
                var v = new List<double?>();
                for (int i = lo; i < hi; i += stride)
                {
                    t.Add(i * s.DtMs);
                    v.Add(s.Mv[i]);
                }
                return Traces.Line(t, v, s.Name, s.Color, dash: s.Dash);
            })
            .ToArray();
        return PaperStyle.Apply(
            Traces.Chart(traces),
            size ?? PaperStyle.TwoColumns(50),
            title,
            LegendPlacement.Above,
            ("xaxis", PaperStyle.Axis("time (ms)", windowMs)),
            ("yaxis", PaperStyle.Axis(yTitle))
        );
    }
}
