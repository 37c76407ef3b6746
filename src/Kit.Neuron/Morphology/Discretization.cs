using System.Collections.Immutable;

namespace Kit.Neuron.Morphology;

/// <summary>
/// The segments of a <see cref="Morphology"/> with NEURON's areas and half-segment axial resistances
/// (docs/numerical-method.md, "Segment area and axial resistances"): diameter piecewise linear in arc length between
/// 3-D points; each half segment integrated piece by piece (area Σ (π/2)(d1+d2)·sqrt(δ² + ((d2−d1)/2)²) µm²; resistance
/// (4·Ra/π)·0.01·Σ δ/(d1·d2) MΩ); sections without 3-D points as cylinders. Segments are listed section by section in
/// <see cref="Morphology.Sections"/> order (soma, basal, apical, axon), in increasing x within a section, so
/// <see cref="DatasetSegments"/> (basal then apical) is the dataset order (docs/l5pc/morphology.md,
/// "Segment ordering used by the dataset").
/// </summary>
public sealed class Discretization
{
    private readonly int[] firstSegment;

    private Discretization(
        Morphology morphology,
        double ra,
        ImmutableArray<SegmentGeometry> segments,
        int[] first
    )
    {
        Morphology = morphology;
        AxialResistivityOhmCm = ra;
        Segments = segments;
        firstSegment = first;
        DatasetSegments =
        [
            .. segments.Where(s => s.Type is SectionType.Basal or SectionType.Apical),
        ];
    }

    /// <summary>Discretizes <paramref name="morphology"/> with each section's nseg and one axial resistivity.</summary>
    /// <param name="morphology">The morphology.</param>
    /// <param name="axialResistivityOhmCm">Ra (Ω·cm), 100 in the Hay model.</param>
    public static Discretization Build(Morphology morphology, double axialResistivityOhmCm = 100)
    {
        if (!(axialResistivityOhmCm > 0))
            throw new ArgumentOutOfRangeException(
                nameof(axialResistivityOhmCm),
                "Ra must be positive"
            );
        var list = ImmutableArray.CreateBuilder<SegmentGeometry>();
        var first = new int[morphology.Sections.Length + 1];
        for (int si = 0; si < morphology.Sections.Length; si++)
        {
            first[si] = list.Count;
            var s = morphology.Sections[si];
            double ds = s.LengthUm / s.Nseg;
            var arc = s.ArcLengthsUm();
            for (int i = 0; i < s.Nseg; i++)
            {
                double a = i * ds,
                    m = (i + 0.5) * ds,
                    b = (i + 1) * ds;
                double area,
                    left,
                    right;
                if (s.HasPoints)
                {
                    var (aL, rL) = Integrate(s, arc, a, m);
                    var (aR, rR) = Integrate(s, arc, m, b);
                    area = aL + aR;
                    left = 4 * axialResistivityOhmCm / Math.PI * 0.01 * rL;
                    right = 4 * axialResistivityOhmCm / Math.PI * 0.01 * rR;
                }
                else
                {
                    double d = s.CylinderDiameterUm;
                    area = Math.PI * d * ds;
                    left = right = 0.01 * axialResistivityOhmCm * (ds / 2) / (Math.PI * d * d / 4);
                }
                double x = (i + 0.5) / s.Nseg;
                list.Add(
                    new SegmentGeometry(
                        si,
                        s.Name,
                        s.Type,
                        i,
                        x,
                        ds,
                        area,
                        left,
                        right,
                        morphology.DistanceFromSomaCentreUm(si, x)
                    )
                );
            }
        }
        first[^1] = list.Count;
        return new Discretization(morphology, axialResistivityOhmCm, list.ToImmutable(), first);
    }

    /// <summary>The discretized morphology.</summary>
    public Morphology Morphology { get; }

    /// <summary>Ra (Ω·cm) used for the resistances.</summary>
    public double AxialResistivityOhmCm { get; }

    /// <summary>All segments, section by section (soma, basal, apical, axon), increasing x.</summary>
    public ImmutableArray<SegmentGeometry> Segments { get; }

    /// <summary>
    /// Basal then apical segments: the dataset (synapse) order, index k = synapse k (639 for the Hay cell:
    /// 0-261 basal, 262-638 apical).
    /// </summary>
    public ImmutableArray<SegmentGeometry> DatasetSegments { get; }

    /// <summary>Segments of one section, increasing x.</summary>
    public ReadOnlySpan<SegmentGeometry> SegmentsOf(int sectionIndex) =>
        Segments.AsSpan()[firstSegment[sectionIndex]..firstSegment[sectionIndex + 1]];

    /// <summary>Index into <see cref="Segments"/> of the segment holding position x of a section (NEURON's x → node).</summary>
    public int SegmentIndexAt(int sectionIndex, double x)
    {
        int nseg = Morphology.Sections[sectionIndex].Nseg;
        int i = Math.Clamp((int)Math.Floor(x * nseg), 0, nseg - 1);
        return firstSegment[sectionIndex] + i;
    }

    /// <summary>Total membrane area (µm²) of one region.</summary>
    public double TotalAreaUm2(SectionType type) =>
        Segments.Where(s => s.Type == type).Sum(s => s.AreaUm2);

    /// <summary>(area µm², Σ δ/(d1·d2) µm⁻¹) over arc [s0, s1] of a section with 3-D points.</summary>
    private static (double Area, double RIntegral) Integrate(
        Section s,
        double[] arc,
        double s0,
        double s1
    )
    {
        var pts = s.Points;
        double area = 0,
            r = 0;
        double prevS = s0,
            prevD = DiameterAt(pts, arc, s0);
        for (int k = 0; k < arc.Length; k++)
        {
            if (arc[k] <= s0)
                continue;
            if (arc[k] >= s1)
                break;
            Piece(prevS, prevD, arc[k], pts[k].DiameterUm, ref area, ref r);
            prevS = arc[k];
            prevD = pts[k].DiameterUm;
        }
        Piece(prevS, prevD, s1, DiameterAt(pts, arc, s1), ref area, ref r);
        return (area, r);
    }

    private static void Piece(
        double sa,
        double da,
        double sb,
        double db,
        ref double area,
        ref double r
    )
    {
        double delta = sb - sa;
        double half = (db - da) / 2;
        area += Math.PI / 2 * (da + db) * Math.Sqrt(delta * delta + half * half);
        r += Math.Max(delta, 1e-15) / (da * db);
    }

    private static double DiameterAt(ImmutableArray<Point3d> pts, double[] arc, double s)
    {
        if (s <= arc[0])
            return pts[0].DiameterUm;
        for (int k = 1; k < arc.Length; k++)
            if (s <= arc[k])
            {
                double span = arc[k] - arc[k - 1];
                double f = span > 0 ? (s - arc[k - 1]) / span : 1;
                return pts[k - 1].DiameterUm + f * (pts[k].DiameterUm - pts[k - 1].DiameterUm);
            }
        return pts[^1].DiameterUm;
    }
}
