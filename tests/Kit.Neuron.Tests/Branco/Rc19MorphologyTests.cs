using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Branco;

/// <summary>
/// The built-in rc19 cell against NEURON's totals for the Branco model (areas, lengths, segment counts, the
/// stimulated branch's segment areas and axial resistances at Ra = 150 Ω·cm).
/// </summary>
public sealed class Rc19MorphologyTests
{
    private static readonly Discretization Geometry = Discretization.Build(
        Rc19Morphology.Build(),
        Rc19Morphology.AxialResistivityOhmCm
    );

    [Fact]
    public void SectionsAndSegmentsMatchTheTable()
    {
        var m = Geometry.Morphology;
        Assert.Equal(71, m.Sections.Length);
        Assert.Equal(1, m.CountOf(SectionType.Axon));
        Assert.Equal(38, m.CountOf(SectionType.Basal));
        Assert.Equal(31, m.CountOf(SectionType.Apical));
        Assert.Equal(3, m.SegmentCountOf(SectionType.Soma));
        Assert.Equal(57, m.SegmentCountOf(SectionType.Axon));
        Assert.Equal(210, m.SegmentCountOf(SectionType.Basal));
        Assert.Equal(213, m.SegmentCountOf(SectionType.Apical));
        Assert.Equal(9, m["dend[13]"].Nseg);
        Assert.Equal("dend[12]", m.Sections[m["dend[13]"].ParentIndex].Name);
        Assert.Equal(0.5, m["dend[0]"].ParentX);
        Assert.Equal(1.0, m["apic[0]"].ParentX);
    }

    [Theory]
    [InlineData(SectionType.Soma, 14.508, 840.92)]
    [InlineData(SectionType.Axon, 611.32, 1037.09)]
    [InlineData(SectionType.Basal, 1737.89, 4452.52)]
    [InlineData(SectionType.Apical, 1835.17, 4791.05)]
    public void RegionLengthsAndAreasMatchNeuron(SectionType type, double lengthUm, double areaUm2)
    {
        Assert.Equal(lengthUm, Geometry.Morphology.TotalLengthUm(type), 0.01);
        Assert.Equal(areaUm2, Geometry.TotalAreaUm2(type), 0.02);
    }

    [Fact]
    public void WholeCellAndSomaSegmentAreasMatchNeuron()
    {
        Assert.Equal(11121.59, Geometry.Segments.Sum(s => s.AreaUm2), 0.05);
        // the table's 3-D points carry 5 significant digits, which moves the soma's steeply tapering ends (and so
        // its segment boundaries) by a few nm: segment areas agree to ~0.02 µm², their sum to 0.01 µm²
        var soma = Geometry.SegmentsOf(0);
        Assert.Equal(284.77, soma[0].AreaUm2, 0.03);
        Assert.Equal(238.87, soma[1].AreaUm2, 0.03);
        Assert.Equal(317.28, soma[2].AreaUm2, 0.03);
    }

    [Fact]
    public void StimulatedBranchSegmentsMatchNeuron()
    {
        var tree = CompartmentTree.Build(Geometry);
        int branch = Geometry.Morphology.IndexOf(Rc19Morphology.StimulatedBranch);
        Assert.Equal(99.0225, Geometry.Morphology.Sections[branch].LengthUm, 0.001);
        var segs = Geometry.SegmentsOf(branch);
        Assert.Equal(25.008, segs[0].AreaUm2, 0.001);
        for (int i = 1; i < 9; i++)
            Assert.Equal(18.6653, segs[i].AreaUm2, 0.001);
        // node-to-parent resistance (MΩ): the first to dend[12]'s end node, the rest between neighbours
        int first = tree.FirstNodeOf(branch);
        double[] expected =
        [
            14.266,
            69.388,
            72.062,
            72.062,
            72.062,
            72.062,
            72.062,
            72.062,
            72.062,
        ];
        for (int i = 0; i < 9; i++)
            Assert.Equal(expected[i], 1 / tree.CouplingUs[first + i], 0.002);
        Assert.Equal(tree.EndNodeOf(Geometry.Morphology.IndexOf("dend[12]")), tree.Parent[first]);
        Assert.Equal(32.525, Geometry.Morphology.DistanceFromSomaCentreUm(branch, 0), 0.001);
        Assert.Equal(131.547, Geometry.Morphology.DistanceFromSomaCentreUm(branch, 1), 0.001);
    }

    [Fact]
    public void UnknownSectionIsNamed()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() =>
            BrancoReference.Branch.NodeAt("dend[99]", 0.5)
        );
        Assert.Contains("dend[99]", ex.Message);
    }
}
