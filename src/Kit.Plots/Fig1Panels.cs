using System.Globalization;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// The panels of the paper's figure 1 (an integrate-and-fire neuron approximated by a one-unit causal
/// convolutional network), each a Plotly.NET chart in <see cref="PaperStyle"/>, built from plain arrays.
/// Sizes default to journal panels (85 mm wide, or 180 mm for the time traces).
/// </summary>
public static class Fig1Panels
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// Panel a: input spike raster in a time window, excitatory channels red, inhibitory blue.
    /// </summary>
    /// <param name="channels">Channel of each spike.</param>
    /// <param name="timesMs">Time of each spike, ms (same length).</param>
    /// <param name="excitatoryChannels">Channels below this index are excitatory.</param>
    /// <param name="totalChannels">Number of channels (y range).</param>
    /// <param name="windowMs">Time range drawn, ms, <c>from</c> inclusive and <c>to</c> exclusive.</param>
    /// <param name="size">Panel size, default two columns by 45 mm.</param>
    public static GenericChart InputRaster(
        int[] channels,
        int[] timesMs,
        int excitatoryChannels,
        int totalChannels,
        (int from, int to) windowMs,
        PanelSize? size = null
    )
    {
        SameLength(channels, timesMs, nameof(channels), nameof(timesMs));
        if (excitatoryChannels < 0 || excitatoryChannels > totalChannels)
            throw new ArgumentOutOfRangeException(
                nameof(excitatoryChannels),
                $"excitatoryChannels ({excitatoryChannels}) must be in [0, totalChannels = {totalChannels}]"
            );
        CheckWindow(windowMs, nameof(windowMs));
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
            "input spikes",
            LegendPlacement.Above,
            ("xaxis", PaperStyle.Axis("time (ms)", (windowMs.from, windowMs.to))),
            ("yaxis", PaperStyle.Axis("synapse index", (-0.5, totalChannels - 0.5)))
        );
        // Raster ticks are 4 px; the legend shows them at a readable, constant size.
        var legend = (DynamicObj.DynamicObj)
            GenericChart.getLayout(styled).GetPropertyValue("legend");
        legend.SetProperty("itemsizing", "constant");
        return styled;
    }

    /// <summary>
    /// Panel b (top): simulated (black) and predicted somatic voltage over time.
    /// </summary>
    /// <param name="trueMv">Simulated voltage, one sample per <paramref name="dtMs"/>.</param>
    /// <param name="predMv">Predicted voltage, same grid.</param>
    /// <param name="startMs">Time of sample 0, ms.</param>
    /// <param name="windowMs">Time range drawn (ms), or null for all samples.</param>
    /// <param name="dtMs">Sample interval, ms.</param>
    /// <param name="size">Panel size, default two columns by 45 mm.</param>
    /// <param name="title">Panel title.</param>
    public static GenericChart VoltageTrace(
        double[] trueMv,
        double[] predMv,
        int startMs,
        (int from, int to)? windowMs = null,
        double dtMs = 1,
        PanelSize? size = null,
        string title = "somatic voltage"
    )
    {
        SameLength(trueMv, predMv, nameof(trueMv), nameof(predMv));
        var (lo, hi) = SampleRange(trueMv.Length, startMs, dtMs, windowMs);
        var t = Enumerable.Range(lo, hi - lo).Select(i => (double?)(startMs + i * dtMs)).ToArray();
        var chart = Traces.Chart(
            Traces.Line(t, Slice(trueMv, lo, hi), "I&F neuron", PaperStyle.Truth),
            Traces.Line(t, Slice(predMv, lo, hi), "1-unit CNN", PaperStyle.Prediction)
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

    /// <summary>Panel b (zoom): <see cref="VoltageTrace"/> over a short window, one column wide.</summary>
    public static GenericChart VoltageTraceZoom(
        double[] trueMv,
        double[] predMv,
        int startMs,
        (int from, int to) zoomMs,
        double dtMs = 1,
        PanelSize? size = null
    ) =>
        VoltageTrace(
            trueMv,
            predMv,
            startMs,
            zoomMs,
            dtMs,
            size ?? PaperStyle.OneColumn(45),
            string.Create(Inv, $"zoom {zoomMs.from}-{zoomMs.to} ms")
        );

    /// <summary>
    /// Panel b (bottom): true output spikes (black ticks) and the predicted spike probability.
    /// </summary>
    /// <param name="trueSpikeTimesMs">Output spike times of the simulated neuron, ms.</param>
    /// <param name="probability">Predicted spike probability per sample, in [0, 1].</param>
    /// <param name="startMs">Time of sample 0, ms.</param>
    /// <param name="windowMs">Time range drawn (ms), or null for all samples.</param>
    /// <param name="dtMs">Sample interval, ms.</param>
    /// <param name="size">Panel size, default two columns by 35 mm.</param>
    public static GenericChart SpikeProbability(
        int[] trueSpikeTimesMs,
        double[] probability,
        int startMs,
        (int from, int to)? windowMs = null,
        double dtMs = 1,
        PanelSize? size = null
    )
    {
        ArgumentNullException.ThrowIfNull(trueSpikeTimesMs);
        var (lo, hi) = SampleRange(probability.Length, startMs, dtMs, windowMs);
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
            Traces.Line(t, Slice(probability, lo, hi), "predicted P(spike)", PaperStyle.Prediction)
        );
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.TwoColumns(35),
            "output spikes",
            LegendPlacement.Above,
            ("xaxis", PaperStyle.Axis("time (ms)", (from, to))),
            ("yaxis", PaperStyle.Axis("P(spike)", (0, 1.05)))
        );
    }

    /// <summary>
    /// Panel c: the learned filter as a heatmap, channels by lag, on a diverging scale centred at 0
    /// (symmetric limits), with a line between excitatory and inhibitory channels.
    /// </summary>
    /// <param name="weights">Filter weights, [channel, lag].</param>
    /// <param name="excitatoryChannels">Channels below this index are excitatory.</param>
    /// <param name="lagsMs">Lag of each column, ms; default 0, 1, 2, ...</param>
    /// <param name="size">Panel size, default one column by 60 mm.</param>
    public static GenericChart FilterHeatmap(
        double[,] weights,
        int excitatoryChannels,
        double[]? lagsMs = null,
        PanelSize? size = null
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
        var styled = PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(60),
            "learned filter",
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.Axis("time before t (ms)")),
            ("yaxis", PaperStyle.Axis("synapse index", (-0.5, channels - 0.5)))
        );
        return styled;
    }

    /// <summary>
    /// Panel d: temporal cross-sections of the filter (mean excitatory and mean inhibitory weight per lag)
    /// with the fitted exponential <c>A e^(-t/τ)</c> overlaid; τ is given in the legend.
    /// </summary>
    /// <param name="lagsMs">Lags, ms.</param>
    /// <param name="exc">Mean excitatory filter per lag.</param>
    /// <param name="inh">Mean inhibitory filter per lag.</param>
    /// <param name="tauMs">Fitted time constant τ, ms.</param>
    /// <param name="amplitude">Fitted amplitude A.</param>
    /// <param name="size">Panel size, default one column by 55 mm.</param>
    public static GenericChart FilterCrossSections(
        double[] lagsMs,
        double[] exc,
        double[] inh,
        double tauMs,
        double amplitude,
        PanelSize? size = null
    )
    {
        SameLength(lagsMs, exc, nameof(lagsMs), nameof(exc));
        SameLength(lagsMs, inh, nameof(lagsMs), nameof(inh));
        if (!(tauMs > 0))
            throw new ArgumentOutOfRangeException(
                nameof(tauMs),
                $"tauMs ({tauMs}) must be positive"
            );
        var fit = new ExponentialCurve(tauMs, amplitude);
        var maxLag = lagsMs.Length == 0 ? 0 : lagsMs.Max();
        var fx = Enumerable.Range(0, 201).Select(i => (double?)(maxLag * i / 200.0)).ToArray();
        var fy = fx.Select(t => (double?)fit.At(t!.Value)).ToArray();
        var fitName = string.Create(Inv, $"A·e<sup>−t/τ</sup>, τ = {tauMs:0.0} ms");
        var chart = Traces.Chart(
            Traces.Line(Opt(lagsMs), Opt(exc), "excitatory", PaperStyle.Excitatory),
            Traces.Line(Opt(lagsMs), Opt(inh), "inhibitory", PaperStyle.Inhibitory),
            Traces.Line(fx, fy, fitName, PaperStyle.Truth, width: 1, dash: "dash")
        );
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(55),
            null, // the legend row above the plot takes the title's place
            LegendPlacement.Above,
            ("xaxis", PaperStyle.Axis("time before t (ms)")),
            ("yaxis", PaperStyle.Axis("mean weight"))
        );
    }

    /// <summary>
    /// Panel e: ROC curve of spike prediction with the chance diagonal, AUC in the title, and an inset
    /// magnifying false-positive rates 0-0.04.
    /// </summary>
    /// <param name="fpr">False-positive rates.</param>
    /// <param name="tpr">True-positive rates (same length).</param>
    /// <param name="auc">Area under the curve.</param>
    /// <param name="insetMaxFpr">Right end of the inset's x range.</param>
    /// <param name="size">Panel size, default one column by 70 mm.</param>
    public static GenericChart Roc(
        double[] fpr,
        double[] tpr,
        double auc,
        double insetMaxFpr = 0.04,
        PanelSize? size = null
    )
    {
        SameLength(fpr, tpr, nameof(fpr), nameof(tpr));
        // The inset gets the points up to the first one past its range, so its line reaches the edge.
        var cut = Array.FindIndex(fpr, f => f > insetMaxFpr);
        var n = cut < 0 ? fpr.Length : cut + 1;
        var insetMinTpr =
            n == 0 ? 0 : tpr.Take(Math.Max(1, cut < 0 ? n : cut)).DefaultIfEmpty(0).Min();
        var chart = Traces.Chart(
            Traces.Line(
                [0, 1],
                [0, 1],
                "chance",
                PaperStyle.Reference,
                width: 1,
                dash: "dot",
                showLegend: false
            ),
            Traces.Line(Opt(fpr), Opt(tpr), "ROC", PaperStyle.Prediction, showLegend: false),
            Traces.Line(
                Opt(fpr[..n]),
                Opt(tpr[..n]),
                "ROC (inset)",
                PaperStyle.Prediction,
                xaxis: "x2",
                yaxis: "y2",
                showLegend: false
            )
        );
        var styled = PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(70),
            string.Create(Inv, $"AUC = {auc:0.0000}"),
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.Axis("false positive rate", (0, 1))),
            ("yaxis", PaperStyle.Axis("true positive rate", (0, 1.0))),
            ("xaxis2", Inset(PaperStyle.Axis("", (0, insetMaxFpr), (0.45, 0.97), "y2"))),
            (
                "yaxis2",
                Inset(
                    PaperStyle.Axis("", (Math.Floor(insetMinTpr * 10) / 10, 1), (0.12, 0.6), "x2")
                )
            )
        );
        return styled;
    }

    /// <summary>Panel f: cross-correlation of true and predicted spike trains within ±50 ms.</summary>
    /// <param name="lagsMs">Lags, ms.</param>
    /// <param name="values">Cross-correlation per lag.</param>
    /// <param name="maxLagMs">Half-width of the drawn lag range, ms.</param>
    /// <param name="size">Panel size, default one column by 50 mm.</param>
    public static GenericChart CrossCorrelation(
        double[] lagsMs,
        double[] values,
        double maxLagMs = 50,
        PanelSize? size = null
    )
    {
        SameLength(lagsMs, values, nameof(lagsMs), nameof(values));
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
            "spike cross-correlation",
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.Axis("Δt (ms)", (-maxLagMs, maxLagMs))),
            ("yaxis", PaperStyle.Axis("cross-correlation"))
        );
    }

    /// <summary>
    /// Panel g: predicted against simulated voltage, a seeded random subsample of at most
    /// <paramref name="maxPoints"/> points, with the identity line.
    /// </summary>
    /// <param name="trueMv">Simulated voltage, mV.</param>
    /// <param name="predMv">Predicted voltage, mV (same length).</param>
    /// <param name="maxPoints">Most points drawn.</param>
    /// <param name="seed">Seed of the subsampling.</param>
    /// <param name="size">Panel size, default one column by 70 mm.</param>
    public static GenericChart VoltageScatter(
        double[] trueMv,
        double[] predMv,
        int maxPoints,
        int seed,
        PanelSize? size = null
    )
    {
        SameLength(trueMv, predMv, nameof(trueMv), nameof(predMv));
        if (maxPoints <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(maxPoints),
                $"maxPoints ({maxPoints}) must be positive"
            );
        var idx = Subsample(trueMv.Length, maxPoints, seed);
        var all = trueMv.Concat(predMv).Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
        double lo = all.Min(),
            hi = all.Max();
        var pad = Math.Max(0.5, 0.03 * (hi - lo));
        (lo, hi) = (lo - pad, hi + pad);
        var chart = Traces.Chart(
            Traces.Markers(
                idx.Select(i => (double?)trueMv[i]),
                idx.Select(i => (double?)predMv[i]),
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
        var y = PaperStyle.Axis("predicted V (mV)", (lo, hi));
        y.SetProperty("scaleanchor", "x");
        y.SetProperty("scaleratio", 1);
        y.SetProperty("constrain", "domain");
        var x = PaperStyle.Axis("simulated V (mV)", (lo, hi));
        x.SetProperty("constrain", "domain");
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(70),
            "voltage prediction",
            LegendPlacement.Hidden,
            ("xaxis", x),
            ("yaxis", y)
        );
    }

    /// <summary>
    /// All panels of figure 1 in paper order, named for export (<c>a-input-raster</c>, ...,
    /// <c>g-voltage-scatter</c>).
    /// </summary>
    public static IReadOnlyList<NamedChart> All(Fig1Data data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var lagsForHeatmap =
            data.CrossSectionLagsMs.Length == data.FilterWeights.GetLength(1)
                ? data.CrossSectionLagsMs
                : null;
        return
        [
            new(
                "a-input-raster",
                InputRaster(
                    data.InputChannels,
                    data.InputTimesMs,
                    data.ExcitatoryChannels,
                    data.TotalChannels,
                    data.WindowMs
                )
            ),
            new("b-voltage", VoltageTrace(data.TrueMv, data.PredMv, data.StartMs, data.WindowMs)),
            new(
                "b-voltage-zoom",
                VoltageTraceZoom(data.TrueMv, data.PredMv, data.StartMs, data.ZoomMs)
            ),
            new(
                "b-spike-probability",
                SpikeProbability(
                    data.TrueSpikeTimesMs,
                    data.SpikeProbability,
                    data.StartMs,
                    data.WindowMs
                )
            ),
            new(
                "c-filter-heatmap",
                FilterHeatmap(data.FilterWeights, data.ExcitatoryChannels, lagsForHeatmap)
            ),
            new(
                "d-filter-cross-sections",
                FilterCrossSections(
                    data.CrossSectionLagsMs,
                    data.MeanExcitatoryFilter,
                    data.MeanInhibitoryFilter,
                    data.Fit.TauMs,
                    data.Fit.Amplitude
                )
            ),
            new("e-roc", Roc(data.Roc.Fpr, data.Roc.Tpr, data.Roc.Auc)),
            new(
                "f-cross-correlation",
                CrossCorrelation(data.CrossCorrelationLagsMs, data.CrossCorrelation)
            ),
            new(
                "g-voltage-scatter",
                VoltageScatter(data.TrueMv, data.PredMv, data.ScatterMaxPoints, data.Seed)
            ),
        ];
    }

    /// <summary>Indices of a seeded random subsample of size min(n, max), in ascending order.</summary>
    internal static int[] Subsample(int n, int max, int seed)
    {
        if (n <= max)
            return Enumerable.Range(0, n).ToArray();
        var rng = new Random(seed);
        var idx = Enumerable.Range(0, n).ToArray();
        for (var i = 0; i < max; i++)
        {
            var j = rng.Next(i, n);
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        var pick = idx[..max];
        Array.Sort(pick);
        return pick;
    }

    private static DynamicObj.DynamicObj Inset(DynamicObj.DynamicObj axis)
    {
        axis.SetProperty("mirror", true);
        axis.SetProperty("ticklen", 2);
        axis.SetProperty("nticks", 3);
        return axis;
    }

    private static double?[] Opt(double[] values) => values.Select(v => (double?)v).ToArray();

    private static double?[] Slice(double[] values, int lo, int hi) =>
        values[lo..hi].Select(v => double.IsFinite(v) ? v : (double?)null).ToArray();

    private static (int lo, int hi) SampleRange(
        int n,
        int startMs,
        double dtMs,
        (int from, int to)? windowMs
    )
    {
        if (!(dtMs > 0))
            throw new ArgumentOutOfRangeException(nameof(dtMs), $"dtMs ({dtMs}) must be positive");
        if (windowMs is not { } w)
            return (0, n);
        CheckWindow(w, nameof(windowMs));
        var lo = (int)Math.Ceiling((w.from - startMs) / dtMs);
        var hi = (int)Math.Ceiling((w.to - startMs) / dtMs);
        return (Math.Clamp(lo, 0, n), Math.Clamp(hi, 0, n));
    }

    private static void CheckWindow((int from, int to) w, string name)
    {
        if (w.to <= w.from)
            throw new ArgumentException(
                $"{name} ({w.from}, {w.to}) is empty: 'to' must exceed 'from'",
                name
            );
    }

    private static void SameLength<TA, TB>(TA[] a, TB[] b, string nameA, string nameB)
    {
        ArgumentNullException.ThrowIfNull(a, nameA);
        ArgumentNullException.ThrowIfNull(b, nameB);
        if (a.Length != b.Length)
            throw new ArgumentException(
                $"{nameA} has {a.Length} values but {nameB} has {b.Length}; they must be the same length",
                nameB
            );
    }
}
