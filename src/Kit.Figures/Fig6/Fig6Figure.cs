using System.Globalization;
using Kit.Plots;

namespace Kit.Figures.Fig6;

/// <summary>
/// The panels of figure 6: (a) the dendritic clusters on the cell, one colour each; per condition (b, c, d, e) the
/// input raster and the soma voltage of the simulator against the network on one simulation; (f) AUC and rescaled
/// soma RMSE per condition beside the in-distribution numbers.
/// </summary>
public static class Fig6Figure
{
    /// <summary>Legend entry of the simulated cell.</summary>
    public const string NeuronName = "L5PC (simulator)";

    /// <summary>Legend entry of the network.</summary>
    public const string NetworkName = "figure-2 network";

    /// <summary>Longest stretch of a simulation drawn in a raster or voltage panel (ms).</summary>
    public const int ShownMs = 3000;

    /// <summary>
    /// <paramref name="count"/> distinct colours (hues spaced by the golden angle, so neighbouring cluster numbers,
    /// which are often neighbouring branches, differ visibly), as CSS hex.
    /// </summary>
    public static string[] ClusterColors(int count) =>
        [
            .. Enumerable
                .Range(0, count)
                .Select(i => Hsl((i * 137.508) % 360, 0.65, i % 2 == 0 ? 0.45 : 0.6)),
        ];

    /// <summary>All panels, named for export.</summary>
    /// <exception cref="ArgumentException">An evaluation kept no prediction to draw.</exception>
    public static IReadOnlyList<NamedChart> Panels(
        Fig6Config config,
        Fig6Clusters clusters,
        Fig6Datasets data,
        Fig6Evaluation evaluation
    )
    {
        var panels = new List<NamedChart>();
        var colors = ClusterColors(clusters.Clusters.Clusters);
        panels.Add(
            new(
                "a-clusters",
                MorphologyPanel.Create(
                    clusters.Morphology.Morphology,
                    title: $"{clusters.Clusters.Clusters} dendritic clusters ({clusters.Morphology.Name})",
                    segmentGroups: clusters.Clusters.Assignment,
                    groups:
                    [
                        .. colors.Select(
                            (c, i) =>
                                new SegmentGroup(
                                    string.Create(CultureInfo.InvariantCulture, $"cluster {i}"),
                                    c
                                )
                        ),
                    ]
                )
            )
        );
        for (int k = 0; k < evaluation.Conditions.Count; k++)
        {
            var score = evaluation.Conditions[k];
            if (score.Result.Predictions.Count == 0)
                throw new ArgumentException(
                    $"{score.Name}: the panels need one kept prediction (evaluate with keepPredictions >= 1)",
                    nameof(evaluation)
                );
            var shown = score.Result.Predictions[0];
            var record = shown.Record;
            var drawn = data.Conditions[k].Drawn[shown.Index];
            string letter = ((char)('b' + k)).ToString();
            var window = (0, Math.Min(record.DurationMs, ShownMs));
            string period = drawn.PeriodMs is { } p
                ? string.Create(CultureInfo.InvariantCulture, $", period {p:0} ms")
                : "";
            string what = $"{score.Name}: {drawn.StimulatedClusters.Length} clusters{period}";
            panels.Add(
                new(
                    $"{letter}-{score.Name}-raster",
                    SpikeRasterPanel.Create(
                        [.. record.SpikeChannels],
                        [.. record.SpikeTimesMs],
                        record.Channels / 2,
                        record.Channels,
                        window,
                        title: $"input spikes, {what}"
                    )
                )
            );
            panels.Add(
                new(
                    $"{letter}-{score.Name}-voltage",
                    VoltageTracePanel.Compare(
                        [.. record.SomaVoltageMv.Select(v => (double)v)],
                        shown.Prediction.VoltageMv,
                        0,
                        window,
                        title: $"somatic voltage, {what}",
                        truthName: NeuronName,
                        predictionName: NetworkName
                    )
                )
            );
        }
        var all = new[] { evaluation.InDistribution }.Concat(evaluation.Conditions).ToArray();
        string[] names = [.. all.Select(s => s.Name)];
        panels.Add(
            new(
                "f-auc",
                CategoryDotPanel.Create(
                    names,
                    [.. all.Select(s => s.Result.Auc)],
                    [.. all.Select(s => s.Result.AucCi.Lo)],
                    [.. all.Select(s => s.Result.AucCi.Hi)],
                    "spike AUC",
                    reference: 0,
                    title: "spike prediction in and out of distribution"
                )
            )
        );
        panels.Add(
            new(
                "f-rmse",
                CategoryDotPanel.Create(
                    names,
                    [.. all.Select(s => s.Result.RmseMvRescaled)],
                    [.. all.Select(s => s.Result.RmseMvRescaledCi.Lo)],
                    [.. all.Select(s => s.Result.RmseMvRescaledCi.Hi)],
                    "soma RMSE, rescaled (mV)",
                    reference: 0,
                    title: "voltage prediction in and out of distribution"
                )
            )
        );
        return panels;
    }

    /// <summary>
    /// The diagnosis panels: (g) each simulation's AUC against its output spikes, one colour per test set, with the
    /// figure-2 training range of output spikes marked; (h) each simulation's AUC against the period of the common
    /// sinusoid, for the conditions that have one (absent when none has).
    /// </summary>
    public static IReadOnlyList<NamedChart> DiagnosisPanels(Fig6Diagnosis diagnosis)
    {
        var sets = diagnosis.Conditions.Select(c => c.Condition).ToArray();
        var colors = SetColors(sets.Length);
        CurveSeries Points(int k, Func<Fig6SimulationScore, double?> x)
        {
            var rows = diagnosis
                .Rows.Where(r =>
                    r.Condition == sets[k] && double.IsFinite(r.Auc) && x(r) is not null
                )
                .ToArray();
            return new CurveSeries(
                sets[k],
                [.. rows.Select(r => x(r)!.Value)],
                [.. rows.Select(r => r.Auc)],
                colors[k],
                MarkersOnly: true
            );
        }
        var aucs = diagnosis.Rows.Select(r => r.Auc).Where(double.IsFinite).DefaultIfEmpty(0.5);
        double lo = Math.Min(0.5, aucs.Min()),
            edge = diagnosis.TrainingRangeSpikes + 0.5;
        var bySpikes = new List<CurveSeries>
        {
            new(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"training range (<= {diagnosis.TrainingRangeSpikes} spikes)"
                ),
                [edge, edge],
                [lo, 1],
                PaperStyle.Reference,
                Dash: "dash",
                LinesOnly: true
            ),
        };
        bySpikes.AddRange(
            Enumerable.Range(0, sets.Length).Select(k => Points(k, r => r.OutputSpikes))
        );
        var panels = new List<NamedChart>
        {
            new(
                "g-auc-by-output-spikes",
                CurvesPanel.Create(
                    bySpikes,
                    "output spikes per simulation (scored part)",
                    "spike AUC of the simulation",
                    // Two columns: six legend entries above a one-column panel leave the points no room.
                    size: PaperStyle.TwoColumns(90),
                    title: "AUC per simulation against how hard the input drives the cell"
                )
            ),
        };
        var periodic = Enumerable
            .Range(0, sets.Length)
            .Where(k => diagnosis.Rows.Any(r => r.Condition == sets[k] && r.PeriodMs is not null))
            .Select(k => Points(k, r => r.PeriodMs))
            .Where(s => s.X.Length > 0)
            .ToList();
        if (periodic.Count > 0)
            panels.Add(
                new(
                    "h-auc-by-period",
                    CurvesPanel.Create(
                        periodic,
                        "period of the common sinusoid (ms)",
                        "spike AUC of the simulation",
                        title: "the sinusoidal conditions by period"
                    )
                )
            );
        return panels;
    }

    /// <summary>Colours of the test sets: black for the first (in-distribution), then distinct hues.</summary>
    private static string[] SetColors(int count) =>
        [
            .. Enumerable
                .Range(0, count)
                .Select(i => i == 0 ? PaperStyle.Truth : Hsl((i - 1) * 90 + 20, 0.7, 0.45)),
        ];

    private static string Hsl(double hueDeg, double s, double l)
    {
        double c = (1 - Math.Abs(2 * l - 1)) * s,
            h = hueDeg / 60,
            x = c * (1 - Math.Abs(h % 2 - 1)),
            m = l - c / 2;
        var (r, g, b) = (int)h switch
        {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        static int B(double v) => (int)Math.Round(255 * Math.Clamp(v, 0, 1));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"#{B(r + m):x2}{B(g + m):x2}{B(b + m):x2}"
        );
    }
}
