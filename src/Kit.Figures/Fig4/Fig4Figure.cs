using System.Globalization;
using Kit.Neuron.Cells;
using Kit.Plots;

namespace Kit.Figures.Fig4;

/// <summary>
/// The panels of figure 4: test AUC against depth (a), width (b) and history (c), each point the best network of
/// that value across the rest of the grid, per synapse type; (d) AUC against parameter count, every network, with
/// the threshold and each type's minimal passing network marked.
/// </summary>
public static class Fig4Figure
{
    /// <summary>Colour of the AMPA+NMDA networks.</summary>
    public const string NmdaColor = "#d62728";

    /// <summary>Colour of the AMPA-only networks.</summary>
    public const string AmpaColor = "#1f77b4";

    private static readonly (ExcitatorySynapseKind Kind, string Name, string Color)[] Types =
    [
        (ExcitatorySynapseKind.AmpaNmda, "AMPA+NMDA", NmdaColor),
        (ExcitatorySynapseKind.Ampa, "AMPA only", AmpaColor),
    ];

    /// <summary>All panels, named for export.</summary>
    /// <exception cref="ArgumentException">The table is empty.</exception>
    public static IReadOnlyList<NamedChart> Panels(Fig4Config config, IReadOnlyList<SweepRow> table)
    {
        if (table.Count == 0)
            throw new ArgumentException("the sweep table has no rows to draw", nameof(table));
        return
        [
            new(
                "a-auc-vs-depth",
                Best(table, r => r.Point.Depth, "hidden layers", "AUC against depth")
            ),
            new(
                "b-auc-vs-width",
                Best(table, r => r.Point.Width, "units per layer", "AUC against width")
            ),
            new(
                "c-auc-vs-history",
                Best(table, r => r.Point.HistoryMs, "history T (ms)", "AUC against history")
            ),
            new("d-parameters-vs-auc", Parameters(config, table)),
        ];
    }

    /// <summary>Per type, the best AUC at each value of <paramref name="by"/>.</summary>
    private static Plotly.NET.GenericChart Best(
        IReadOnlyList<SweepRow> table,
        Func<SweepRow, int> by,
        string xTitle,
        string title
    )
    {
        var series = new List<CurveSeries>();
        foreach (var (kind, name, color) in Types)
        {
            var best = table
                .Where(r => r.Point.Synapses == kind && !double.IsNaN(r.Auc))
                .GroupBy(by)
                .OrderBy(g => g.Key)
                .Select(g => (X: (double)g.Key, Y: g.Max(r => r.Auc)))
                .ToArray();
            if (best.Length > 0)
                series.Add(
                    new(name, [.. best.Select(b => b.X)], [.. best.Select(b => b.Y)], color)
                );
        }
        return CurvesPanel.Create(series, xTitle, "test AUC (best of the grid)", title: title);
    }

    private static Plotly.NET.GenericChart Parameters(
        Fig4Config config,
        IReadOnlyList<SweepRow> table
    )
    {
        var series = new List<CurveSeries>();
        var rows = table.Where(r => !double.IsNaN(r.Auc) && r.Parameters > 0).ToArray();
        foreach (var (kind, name, color) in Types)
        {
            var own = rows.Where(r => r.Point.Synapses == kind)
                .OrderBy(r => r.Parameters)
                .ToArray();
            if (own.Length == 0)
                continue;
            series.Add(
                new(
                    name,
                    [.. own.Select(r => (double)r.Parameters)],
                    [.. own.Select(r => r.Auc)],
                    color,
                    MarkersOnly: true
                )
            );
            if (DepthGain.MinimalPassing(table, kind, config.AucThreshold) is { } m)
                series.Add(
                    new(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"minimal passing {name}: {m.Point.Depth} x {m.Point.Width}, T {m.Point.HistoryMs} ms"
                        ),
                        [m.Parameters],
                        [m.Auc],
                        color,
                        MarkersOnly: true,
                        MarkerSize: 10
                    )
                );
        }
        double lo = rows.Min(r => r.Parameters),
            hi = rows.Max(r => r.Parameters);
        series.Add(
            new(
                string.Create(CultureInfo.InvariantCulture, $"threshold {config.AucThreshold}"),
                [lo, Math.Max(hi, lo * 1.01)],
                [config.AucThreshold, config.AucThreshold],
                "#7f7f7f",
                "dash",
                LinesOnly: true
            )
        );
        return CurvesPanel.Create(
            series,
            "parameters",
            "test AUC",
            title: "AUC against network size",
            logX: true
        );
    }
}
