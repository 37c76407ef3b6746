namespace Kit.Neuron.Morphology;

/// <summary>A 3-D sample point of a section (NEURON <c>pt3d</c>): position and diameter, all in µm.</summary>
/// <param name="XUm">x coordinate (µm).</param>
/// <param name="YUm">y coordinate (µm).</param>
/// <param name="ZUm">z coordinate (µm).</param>
/// <param name="DiameterUm">Diameter at this point (µm).</param>
public readonly record struct Point3d(double XUm, double YUm, double ZUm, double DiameterUm)
{
    /// <summary>Euclidean distance between the positions of two points (µm), diameters ignored.</summary>
    public double DistanceTo(Point3d other)
    {
        double dx = other.XUm - XUm,
            dy = other.YUm - YUm,
            dz = other.ZUm - ZUm;
        return Math.Sqrt(dx * dx + dy * dy + dz * dz);
    }

    /// <summary>This point's position with another diameter (µm).</summary>
    public Point3d WithDiameter(double diameterUm) => this with { DiameterUm = diameterUm };
}
