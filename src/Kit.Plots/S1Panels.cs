using Kit.Neuron.Morphology;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>Panels of the supplementary figure S1 (the L5PC model): morphology by region and voltage traces.</summary>
public static class S1Panels
{
    /// <summary>Colours of the regions (soma black, basal blue, apical red, axon grey).</summary>
    public static IReadOnlyDictionary<SectionType, string> RegionColors { get; } =
        new Dictionary<SectionType, string>
        {
            [SectionType.Soma] = "#000000",
            [SectionType.Basal] = PaperStyle.Inhibitory,
            [SectionType.Apical] = PaperStyle.Excitatory,
            [SectionType.Axon] = "#7f7f7f",
        };

    /// <summary>The morphology projected on the x-y plane, one colour per region, equal axis scales (um).</summary>
    public static GenericChart Morphology(Morphology morphology, PanelSize? size = null)
    {
        var traces = new List<Trace>();
        foreach (
            var type in new[]
            {
                SectionType.Basal,
                SectionType.Apical,
                SectionType.Axon,
                SectionType.Soma,
            }
        )
        {
            var x = new List<double?>();
            var y = new List<double?>();
            foreach (var section in morphology.Sections.Where(s => s.Type == type))
            {
                foreach (var p in section.Points)
                {
                    x.Add(p.XUm);
                    y.Add(p.YUm);
                }
                x.Add(null); // break the line between sections
                y.Add(null);
            }
            if (x.Count > 0)
                traces.Add(
                    Traces.Line(
                        x,
                        y,
                        type.ToString().ToLowerInvariant(),
                        RegionColors[type],
                        width: type == SectionType.Soma ? 4 : 1
                    )
                );
        }
        var yAxis = PaperStyle.Axis("y (µm)");
        yAxis.SetProperty("scaleanchor", "x"); // equal scales: the cell's shape, not stretched
        yAxis.SetProperty("scaleratio", 1);
        return PaperStyle.Apply(
            Traces.Chart([.. traces]),
            size ?? PaperStyle.OneColumn(110),
            $"morphology ({Path.GetFileName(morphology.SourceName)})",
            LegendPlacement.TopRight,
            ("xaxis", PaperStyle.Axis("x (µm)")),
            ("yaxis", yAxis)
        );
    }

    /// <summary>Voltage traces against time: each series (name, samples, sample interval ms, colour, dash).</summary>
    public static GenericChart Voltage(
        string title,
        IReadOnlyList<(string Name, double[] Mv, double DtMs, string Color, string Dash)> series,
        (double From, double To)? windowMs = null,
        PanelSize? size = null,
        string yTitle = "V (mV)"
    )
    {
        var traces = series
            .Select(s =>
            {
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
