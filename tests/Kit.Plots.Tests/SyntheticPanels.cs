using Kit.Plots;
using Plotly.NET;

namespace Kit.Plots.Tests;

/// <summary>
/// Synthetic panel data with the shapes of the paper's figure 1 (80 E / 20 I inputs, a τ = 20 ms kernel), as plain
/// arrays. The figure-layer tests link this file and map it onto figure 1's data record.
/// </summary>
internal static class SyntheticPanels
{
    public const int Channels = 100,
        Excitatory = 80,
        DurationMs = 3000,
        Lags = 80;

    public static SyntheticPanelData Make(int seed = 1)
    {
        var rng = new Random(seed);
        var ch = new List<int>();
        var ts = new List<int>();
        for (var t = 0; t < DurationMs; t++)
        for (var c = 0; c < Channels; c++)
            if (rng.NextDouble() < (c < Excitatory ? 0.004 : 0.008))
            {
                ch.Add(c);
                ts.Add(t);
            }
        // Leaky integration of the inputs: the I&F subthreshold kernel, exp(-t / 20 ms).
        var v = new double[DurationMs];
        var drive = new double[DurationMs];
        for (var k = 0; k < ch.Count; k++)
            drive[ts[k]] += ch[k] < Excitatory ? 1.0 : -1.5;
        var x = 0.0;
        for (var t = 0; t < DurationMs; t++)
        {
            x = x * Math.Exp(-1 / 20.0) + drive[t];
            v[t] = -70 + 1.2 * x;
        }
        var pred = v.Select(u => u + 1.5 * (rng.NextDouble() - 0.5)).ToArray();
        var spikes = Enumerable
            .Range(0, DurationMs)
            .Where(t => v[t] > -62 && (t == 0 || v[t - 1] <= -62))
            .ToArray();
        var prob = v.Select(u => 1 / (1 + Math.Exp(-(u + 62) * 2))).ToArray();
        var weights = new double[Channels, Lags];
        for (var c = 0; c < Channels; c++)
        for (var l = 0; l < Lags; l++)
            weights[c, l] =
                (c < Excitatory ? 1.0 : -1.4) * Math.Exp(-l / 20.0)
                + 0.05 * (rng.NextDouble() - 0.5);
        var lags = Enumerable.Range(0, Lags).Select(l => (double)l).ToArray();
        var exc = lags.Select(l => Enumerable.Range(0, Excitatory).Average(c => weights[c, (int)l]))
            .ToArray();
        var inh = lags.Select(l =>
                Enumerable.Range(Excitatory, Channels - Excitatory).Average(c => weights[c, (int)l])
            )
            .ToArray();
        var fpr = Enumerable.Range(0, 501).Select(i => i / 500.0).Select(f => f * f).ToArray();
        var tpr = fpr.Select(f => Math.Min(1, 1 - Math.Pow(1 - f, 40) * 0.97)).ToArray();
        var xl = Enumerable.Range(-100, 201).Select(i => (double)i).ToArray();
        var xc = xl.Select(l => Math.Exp(-l * l / 18.0)).ToArray();
        return new SyntheticPanelData(
            ch.ToArray(),
            ts.ToArray(),
            Excitatory,
            Channels,
            v,
            pred,
            spikes,
            prob,
            StartMs: 0,
            WindowMs: (500, 2500),
            ZoomMs: (1000, 1300),
            weights,
            lags,
            exc,
            inh,
            new ExponentialCurve(20.0, 1.0),
            new RocSeries(fpr, tpr, 0.9973),
            xl,
            xc,
            ScatterMaxPoints: 1500,
            Seed: 7
        );
    }

    /// <summary>One panel of every generic kind, built from <see cref="Make"/>, named for export.</summary>
    public static IReadOnlyList<NamedChart> AllPanels(SyntheticPanelData d) =>
        [
            new(
                "raster",
                SpikeRasterPanel.Create(
                    d.InputChannels,
                    d.InputTimesMs,
                    d.ExcitatoryChannels,
                    d.TotalChannels,
                    d.WindowMs
                )
            ),
            new("voltage", VoltageTracePanel.Compare(d.TrueMv, d.PredMv, d.StartMs, d.WindowMs)),
            new("voltage-zoom", VoltageTracePanel.Zoom(d.TrueMv, d.PredMv, d.StartMs, d.ZoomMs)),
            new(
                "spike-probability",
                SpikeProbabilityPanel.Create(
                    d.TrueSpikeTimesMs,
                    d.SpikeProbability,
                    d.StartMs,
                    d.WindowMs
                )
            ),
            new("filter-heatmap", FilterHeatmapPanel.Create(d.FilterWeights, d.ExcitatoryChannels)),
            new(
                "filter-cross-sections",
                FilterCrossSectionPanel.Create(
                    d.CrossSectionLagsMs,
                    d.MeanExcitatoryFilter,
                    d.MeanInhibitoryFilter,
                    d.Fit
                )
            ),
            new("roc", RocPanel.Create(d.Roc.Fpr, d.Roc.Tpr, d.Roc.Auc)),
            new(
                "cross-correlation",
                CrossCorrelationPanel.Create(d.CrossCorrelationLagsMs, d.CrossCorrelation)
            ),
            new("scatter", ScatterPanel.Create(d.TrueMv, d.PredMv, d.ScatterMaxPoints, d.Seed)),
            new(
                "learning-curve",
                LearningCurvePanel.Create([0, 100, 200], [1.0, 0.5, 0.3], [0.9, double.NaN, 0.35])
            ),
        ];
}

/// <summary>The arrays of <see cref="SyntheticPanels.Make"/> (the shape of figure 1's panel data).</summary>
internal sealed record SyntheticPanelData(
    int[] InputChannels,
    int[] InputTimesMs,
    int ExcitatoryChannels,
    int TotalChannels,
    double[] TrueMv,
    double[] PredMv,
    int[] TrueSpikeTimesMs,
    double[] SpikeProbability,
    int StartMs,
    (int From, int To) WindowMs,
    (int From, int To) ZoomMs,
    double[,] FilterWeights,
    double[] CrossSectionLagsMs,
    double[] MeanExcitatoryFilter,
    double[] MeanInhibitoryFilter,
    ExponentialCurve Fit,
    RocSeries Roc,
    double[] CrossCorrelationLagsMs,
    double[] CrossCorrelation,
    int ScatterMaxPoints,
    int Seed
);
