using System.Globalization;
using Kit.Neuron.Morphology;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// A reconstructed morphology projected on the x-y plane, one colour per region, or with the dendritic segments
/// coloured by group (<see cref="ByRegion"/>: the synapse regions of the paper's figure 2).
/// </summary>
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
    /// <param name="segmentGroups">
    /// Optional group of each dendritic segment, an index into <paramref name="groups"/>, in the dataset order
    /// (<see cref="Discretization.DatasetSegments"/>: basal then apical sections, increasing x; one entry per
    /// segment). Given, the dendrites are drawn one trace per group, cut at segment boundaries, instead of basal /
    /// apical; soma and axon keep their region colours.
    /// </param>
    /// <param name="groups">Name and colour of each group; required with <paramref name="segmentGroups"/>.</param>
    /// <param name="markers">Points drawn on top (e.g. synapses), one legend entry per marker set, or null.</param>
    /// <exception cref="ArgumentException">
    /// Only one of <paramref name="segmentGroups"/> and <paramref name="groups"/> given, or
    /// <paramref name="segmentGroups"/> of the wrong length, or a marker set whose x and y differ in length.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A group index outside <paramref name="groups"/>.</exception>
    public static GenericChart Create(
        Morphology morphology,
        PanelSize? size = null,
        string? title = null,
        IReadOnlyList<int>? segmentGroups = null,
        IReadOnlyList<SegmentGroup>? groups = null,
        IReadOnlyList<MorphologyMarkers>? markers = null
    )
    {
        ArgumentNullException.ThrowIfNull(morphology);
        var extra = new List<Trace>();
        foreach (var m in markers ?? [])
        {
            PanelInput.SameLength(m.XUm, m.YUm, $"{m.Name}.XUm", $"{m.Name}.YUm");
            extra.Add(
                Traces.Markers(
                    m.XUm.Select(v => (double?)v),
                    m.YUm.Select(v => (double?)v),
                    m.Name,
                    m.Color,
                    size: 4
                )
            );
        }
        return Build(
            morphology,
            size,
            title ?? $"morphology ({Path.GetFileName(morphology.SourceName)})",
            segmentGroups,
            groups,
            extra
        );
    }

    /// <summary>
    /// The cell with its dendritic segments coloured by synapse region (<see cref="SynapseRegionStyle"/>: basal blue,
    /// oblique green, tuft red) and the nexus (main apical bifurcation) marked, as in the paper's figure 2.
    /// </summary>
    /// <param name="regions">The classified cell (<see cref="SynapseRegions.Classify(Morphology, double)"/>).</param>
    /// <param name="size">Panel size, default one column by 110 mm.</param>
    /// <param name="title">Panel title; default "synapse regions (file name)".</param>
    public static GenericChart ByRegion(
        SynapseRegions regions,
        PanelSize? size = null,
        string? title = null
    )
    {
        ArgumentNullException.ThrowIfNull(regions);
        var morphology = regions.Morphology;
        var order = SynapseRegionStyle.Order;
        var extra = new List<Trace>();
        if (regions.HasNexus)
        {
            var p = morphology.Sections[regions.NexusSectionIndex].Points[^1];
            var name = string.Create(
                CultureInfo.InvariantCulture,
                $"nexus ({regions.NexusDistanceFromSomaCentreUm:0} µm)"
            );
            extra.Add(Traces.Markers([p.XUm], [p.YUm], name, "#000000", size: 6));
        }
        return Build(
            morphology,
            size,
            title ?? $"synapse regions ({Path.GetFileName(morphology.SourceName)})",
            [.. regions.Segments.Select(r => IndexOf(order, r))],
            [
                .. order.Select(r => new SegmentGroup(
                    SynapseRegionStyle.Name(r),
                    SynapseRegionStyle.Color(r)
                )),
            ],
            extra
        );
    }

    private static int IndexOf(IReadOnlyList<SynapseRegion> order, SynapseRegion r)
    {
        for (int i = 0; i < order.Count; i++)
            if (order[i] == r)
                return i;
        throw new ArgumentOutOfRangeException(nameof(r), r, null);
    }

    private static GenericChart Build(
        Morphology morphology,
        PanelSize? size,
        string title,
        IReadOnlyList<int>? segmentGroups,
        IReadOnlyList<SegmentGroup>? groups,
        List<Trace> extra
    )
    {
        var traces = new List<Trace>();
        IEnumerable<SectionType> byRegion;
        if (segmentGroups is null && groups is null)
            byRegion = [SectionType.Basal, SectionType.Apical, SectionType.Axon, SectionType.Soma];
        else
        {
            CheckGroups(morphology, segmentGroups, groups);
            traces.AddRange(GroupTraces(morphology, segmentGroups!, groups!));
            byRegion = [SectionType.Axon, SectionType.Soma];
        }
        foreach (var type in byRegion)
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
            if (x.Any(v => v is not null)) // the stub axon has no 3-D points: no empty legend entry
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
        traces.AddRange(extra);
        var yAxis = PaperStyle.Axis("y (µm)");
        yAxis.SetProperty("scaleanchor", "x"); // equal scales: the cell's shape, not stretched
        yAxis.SetProperty("scaleratio", 1);
        return PaperStyle.Apply(
            Traces.Chart([.. traces]),
            size ?? PaperStyle.OneColumn(110),
            title,
            LegendPlacement.TopRight,
            ("xaxis", PaperStyle.Axis("x (µm)")),
            ("yaxis", yAxis)
        );
    }

    private static void CheckGroups(
        Morphology morphology,
        IReadOnlyList<int>? segmentGroups,
        IReadOnlyList<SegmentGroup>? groups
    )
    {
        if (groups is null)
            throw new ArgumentException(
                "groups (name and colour of each group) must be given with segmentGroups",
                nameof(groups)
            );
        if (segmentGroups is null)
            throw new ArgumentException(
                "segmentGroups (the group of each dendritic segment) must be given with groups",
                nameof(segmentGroups)
            );
        int expected =
            morphology.SegmentCountOf(SectionType.Basal)
            + morphology.SegmentCountOf(SectionType.Apical);
        if (segmentGroups.Count != expected)
            throw new ArgumentException(
                $"segmentGroups has {segmentGroups.Count} values but {Path.GetFileName(morphology.SourceName)} has "
                    + $"{expected} dendritic segments",
                nameof(segmentGroups)
            );
        for (int k = 0; k < segmentGroups.Count; k++)
            if ((uint)segmentGroups[k] >= (uint)groups.Count)
                throw new ArgumentOutOfRangeException(
                    nameof(segmentGroups),
                    $"segmentGroups[{k}] = {segmentGroups[k]} is not a group index (0..{groups.Count - 1})"
                );
    }

    /// <summary>One trace per group: each run of same-group segments of a section as one polyline.</summary>
    private static IEnumerable<Trace> GroupTraces(
        Morphology morphology,
        IReadOnlyList<int> segmentGroups,
        IReadOnlyList<SegmentGroup> groups
    )
    {
        var xs = groups.Select(_ => new List<double?>()).ToArray();
        var ys = groups.Select(_ => new List<double?>()).ToArray();
        int k = 0; // dataset segment index: dendritic sections in section order, as Discretization lists them
        foreach (
            var s in morphology.Sections.Where(s =>
                s.Type is SectionType.Basal or SectionType.Apical
            )
        )
        {
            int first = k;
            k += s.Nseg;
            if (!s.HasPoints)
                continue;
            var arc = s.ArcLengthsUm();
            double ds = s.LengthUm / s.Nseg;
            for (int i = 0; i < s.Nseg; )
            {
                int g = segmentGroups[first + i],
                    j = i + 1;
                while (j < s.Nseg && segmentGroups[first + j] == g)
                    j++;
                AddPiece(s, arc, i * ds, j == s.Nseg ? s.LengthUm : j * ds, xs[g], ys[g]);
                i = j;
            }
        }
        for (int g = 0; g < groups.Count; g++)
            if (xs[g].Count > 0)
                yield return Traces.Line(xs[g], ys[g], groups[g].Name, groups[g].Color, width: 1);
    }

    /// <summary>The section's path between arc lengths s0 and s1 (µm), then a line break.</summary>
    private static void AddPiece(
        Section s,
        double[] arc,
        double s0,
        double s1,
        List<double?> x,
        List<double?> y
    )
    {
        var pts = s.Points;
        void At(double a)
        {
            int k = 1;
            while (k < arc.Length - 1 && arc[k] < a)
                k++;
            double span = arc[k] - arc[k - 1];
            double f = span > 0 ? Math.Clamp((a - arc[k - 1]) / span, 0, 1) : 1;
            x.Add(pts[k - 1].XUm + f * (pts[k].XUm - pts[k - 1].XUm));
            y.Add(pts[k - 1].YUm + f * (pts[k].YUm - pts[k - 1].YUm));
        }
        At(s0);
        double eps = 1e-9 * s.LengthUm; // a 3-D point on a boundary is that boundary's end, not a third point
        for (int k = 0; k < arc.Length; k++)
            if (arc[k] > s0 + eps && arc[k] < s1 - eps)
            {
                x.Add(pts[k].XUm);
                y.Add(pts[k].YUm);
            }
        At(s1);
        x.Add(null);
        y.Add(null);
    }
}
