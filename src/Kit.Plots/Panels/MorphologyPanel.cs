using Kit.Neuron.Morphology;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>A reconstructed morphology projected on the x-y plane, one colour per region.</summary>
public static class MorphologyPanel
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

    /// <summary>The cell's sections as lines (soma thick), equal axis scales in µm.</summary>
    /// <param name="morphology">The cell.</param>
    /// <param name="size">Panel size, default one column by 110 mm.</param>
    /// <param name="title">Panel title; default "morphology (file name)".</param>
    public static GenericChart Create(
        Morphology morphology,
        PanelSize? size = null,
        string? title = null
    )
    {
        ArgumentNullException.ThrowIfNull(morphology);
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
            title ?? $"morphology ({Path.GetFileName(morphology.SourceName)})",
            LegendPlacement.TopRight,
            ("xaxis", PaperStyle.Axis("x (µm)")),
            ("yaxis", yAxis)
        );
    }
}
