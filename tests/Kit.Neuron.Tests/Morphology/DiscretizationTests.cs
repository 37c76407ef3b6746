using Kit.Neuron.Morphology;

namespace Kit.Neuron.Tests.Morphology;

/// <summary>
/// NEURON's area and axial-resistance rule (docs/numerical-method.md, "Segment area and axial resistances") against
/// closed forms.
/// </summary>
public sealed class DiscretizationTests
{
    private static Kit.Neuron.Morphology.Morphology WithDendrite(params Point3d[] points) =>
        new(
            "test",
            [
                Section.FromPoints(
                    "soma[0]",
                    SectionType.Soma,
                    -1,
                    0,
                    [new(0, -5, 0, 10), new(0, 5, 0, 10)]
                ),
                Section.FromPoints("dend[0]", SectionType.Basal, 0, 0.5, points, nseg: 3),
            ]
        );

    [Fact]
    public void Cylinder_through_points_matches_the_cylinder_formulas()
    {
        // points unevenly spaced along a straight 90 µm, 2 µm cable
        var m = WithDendrite(new(0, 0, 0, 2), new(7, 0, 0, 2), new(50, 0, 0, 2), new(90, 0, 0, 2));
        var disc = Discretization.Build(m, 150);
        foreach (var g in disc.SegmentsOf(1))
        {
            Assert.Equal(Math.PI * 2 * 30, g.AreaUm2, 9);
            double half = 0.01 * 150 * 15 / (Math.PI * 2 * 2 / 4);
            Assert.Equal(half, g.LeftResistanceMOhm, 9);
            Assert.Equal(half, g.RightResistanceMOhm, 9);
        }
        Assert.Equal([1 / 6.0, 0.5, 5 / 6.0], disc.SegmentsOf(1).ToArray().Select(g => g.X));
        Assert.Equal(15 + 60, disc.SegmentsOf(1)[2].DistanceFromSomaCentreUm, 9);
        Assert.Equal(3, disc.SegmentIndexAt(1, 0.9)); // soma is segment 0, dend[0] segments 1-3
    }

    [Fact]
    public void Cone_matches_the_frustum_and_tapered_cable_integrals()
    {
        double l = 60,
            d0 = 3,
            d1 = 1,
            ra = 100;
        var m = WithDendrite(new(0, 0, 0, d0), new(l / 2, 0, 0, (d0 + d1) / 2), new(l, 0, 0, d1));
        var disc = Discretization.Build(m, ra);
        var segs = disc.SegmentsOf(1).ToArray();
        double slant = Math.Sqrt(l * l + Math.Pow((d0 - d1) / 2, 2));
        Assert.Equal(Math.PI / 2 * (d0 + d1) * slant, segs.Sum(g => g.AreaUm2), 9);
        double r = 4 * ra / Math.PI * 0.01 * l / (d0 * d1); // ∫ 4Ra/(π d²) ds for linear d
        Assert.Equal(r, segs.Sum(g => g.LeftResistanceMOhm + g.RightResistanceMOhm), 9);
        Assert.True(segs[0].LeftResistanceMOhm < segs[2].RightResistanceMOhm); // thinner end resists more
    }
}
