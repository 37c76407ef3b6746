using System.Collections.Immutable;

namespace Kit.Neuron.Morphology;

/// <summary>
/// One unbranched cable of a <see cref="Morphology"/> (a NEURON section). Either described by 3-D points
/// (<see cref="Points"/>; length = arc length through them, diameter piecewise linear in arc length) or, when
/// <see cref="Points"/> is empty, a cylinder of <see cref="LengthUm"/> and <see cref="CylinderDiameterUm"/>
/// (the Hay template's stub axon).
/// </summary>
public sealed record Section
{
    private Section(
        string name,
        SectionType type,
        int parentIndex,
        double parentX,
        ImmutableArray<Point3d> points,
        double lengthUm,
        double cylinderDiameterUm,
        int nseg
    )
    {
        if (nseg < 1)
            throw new ArgumentOutOfRangeException(nameof(nseg), nseg, "nseg must be at least 1");
        if (parentX is < 0 or > 1)
            throw new ArgumentOutOfRangeException(
                nameof(parentX),
                parentX,
                "parent x must lie in [0, 1]"
            );
        Name = name;
        Type = type;
        ParentIndex = parentIndex;
        ParentX = parentX;
        Points = points;
        LengthUm = lengthUm;
        CylinderDiameterUm = cylinderDiameterUm;
        Nseg = nseg;
    }

    /// <summary>A section through 3-D points (at least two); its length is their arc length (µm).</summary>
    /// <param name="name">NEURON-style name, e.g. <c>dend[3]</c>.</param>
    /// <param name="type">Region.</param>
    /// <param name="parentIndex">Index of the parent section in <see cref="Morphology.Sections"/>, -1 for the root (soma).</param>
    /// <param name="parentX">Where on the parent this section's x = 0 end connects (0..1).</param>
    /// <param name="points">3-D points (µm); for non-root sections the first is the branch point on the parent.</param>
    /// <param name="nseg">Number of segments; null applies the Hay rule <see cref="NsegRule.Hay"/>.</param>
    public static Section FromPoints(
        string name,
        SectionType type,
        int parentIndex,
        double parentX,
        IEnumerable<Point3d> points,
        int? nseg = null
    )
    {
        var pts = points.ToImmutableArray();
        if (pts.Length < 2)
            throw new ArgumentException(
                $"section {name} needs at least two 3-D points",
                nameof(points)
            );
        double length = ArcLength(pts);
        return new Section(
            name,
            type,
            parentIndex,
            parentX,
            pts,
            length,
            double.NaN,
            nseg ?? NsegRule.Hay(length)
        );
    }

    /// <summary>A cylinder without 3-D points (µm), like the Hay template's stub axon sections.</summary>
    public static Section Cylinder(
        string name,
        SectionType type,
        int parentIndex,
        double parentX,
        double lengthUm,
        double diameterUm,
        int? nseg = null
    )
    {
        if (!(lengthUm > 0) || !(diameterUm > 0))
            throw new ArgumentOutOfRangeException(
                nameof(lengthUm),
                "length and diameter must be positive"
            );
        return new Section(
            name,
            type,
            parentIndex,
            parentX,
            ImmutableArray<Point3d>.Empty,
            lengthUm,
            diameterUm,
            nseg ?? NsegRule.Hay(lengthUm)
        );
    }

    /// <summary>NEURON-style name, e.g. <c>soma[0]</c>, <c>dend[12]</c>, <c>apic[50]</c>, <c>axon[1]</c>.</summary>
    public string Name { get; }

    /// <summary>Region.</summary>
    public SectionType Type { get; }

    /// <summary>Index of the parent in <see cref="Morphology.Sections"/>; -1 for the soma (root).</summary>
    public int ParentIndex { get; }

    /// <summary>Position on the parent (0..1) where this section's x = 0 end connects.</summary>
    public double ParentX { get; }

    /// <summary>3-D points (µm); empty for cylinders.</summary>
    public ImmutableArray<Point3d> Points { get; }

    /// <summary>Section length L (µm): arc length through <see cref="Points"/>, or the cylinder length.</summary>
    public double LengthUm { get; }

    /// <summary>Diameter (µm) of a section without 3-D points; NaN when the section has points.</summary>
    public double CylinderDiameterUm { get; }

    /// <summary>Number of segments (compartments).</summary>
    public int Nseg { get; }

    /// <summary>True when the section is described by 3-D points.</summary>
    public bool HasPoints => !Points.IsEmpty;

    /// <summary>This section with another segment count (a <c>with</c>-style tweak).</summary>
    public Section WithNseg(int nseg) =>
        new(Name, Type, ParentIndex, ParentX, Points, LengthUm, CylinderDiameterUm, nseg);

    /// <summary>This section with another name and parent (used when renumbering).</summary>
    internal Section Relink(string name, int parentIndex) =>
        new(name, Type, parentIndex, ParentX, Points, LengthUm, CylinderDiameterUm, Nseg);

    /// <summary>Cumulative arc length (µm) at each 3-D point; empty for cylinders.</summary>
    public double[] ArcLengthsUm()
    {
        var s = new double[Points.Length];
        for (int k = 1; k < s.Length; k++)
            s[k] = s[k - 1] + Points[k - 1].DistanceTo(Points[k]);
        return s;
    }

    private static double ArcLength(ImmutableArray<Point3d> pts)
    {
        double l = 0;
        for (int k = 1; k < pts.Length; k++)
            l += pts[k - 1].DistanceTo(pts[k]);
        return l;
    }

    /// <inheritdoc />
    public bool Equals(Section? other) =>
        other is not null
        && Name == other.Name
        && Type == other.Type
        && ParentIndex == other.ParentIndex
        && ParentX.Equals(other.ParentX)
        && Points.SequenceEqual(other.Points)
        && LengthUm.Equals(other.LengthUm)
        && CylinderDiameterUm.Equals(other.CylinderDiameterUm)
        && Nseg == other.Nseg;

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Name, Type, ParentIndex, Points.Length, LengthUm, Nseg);
}
