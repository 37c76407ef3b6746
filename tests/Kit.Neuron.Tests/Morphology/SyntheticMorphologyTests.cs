using Kit.Neuron.Morphology;

namespace Kit.Neuron.Tests.Morphology;

public sealed class SyntheticMorphologyTests
{
    [Fact]
    public void Synthetic_cell_has_the_documented_statistics()
    {
        var m = Morphologies.Synthetic();
        var disc = Discretization.Build(m);
        var stats =
            $"basal {m.CountOf(SectionType.Basal)} sections {m.TotalLengthUm(SectionType.Basal):F1} um "
            + $"{m.SegmentCountOf(SectionType.Basal)} segments; apical {m.CountOf(SectionType.Apical)} sections "
            + $"{m.TotalLengthUm(SectionType.Apical):F1} um {m.SegmentCountOf(SectionType.Apical)} segments; "
            + $"dataset {disc.DatasetSegments.Length}; soma area {disc.Segments[0].AreaUm2:F1}; "
            + $"max apical path {MaxPath(m, SectionType.Apical):F1}; basal area {disc.TotalAreaUm2(SectionType.Basal):F0}; "
            + $"apical area {disc.TotalAreaUm2(SectionType.Apical):F0}";
        Assert.Equal(
            "basal 56 sections 5095.5 um 238 segments; apical 51 sections 4860.0 um 249 segments; dataset 487; "
                + "soma area 1131.0; max apical path 1300.0; basal area 11129; apical area 14354",
            stats
        );
        Assert.Equal(8, m.ChildrenOf(0).Count(i => m.Sections[i].Type == SectionType.Basal));
    }

    [Fact]
    public void Synthetic_cell_is_deterministic_and_well_formed()
    {
        var a = Morphologies.Synthetic();
        var b = Morphologies.Synthetic();
        Assert.True(a.Sections.SequenceEqual(b.Sections));
        for (int i = 1; i < a.Sections.Length; i++)
        {
            var s = a.Sections[i];
            Assert.Equal(NsegRule.Hay(s.LengthUm), s.Nseg);
            if (s.ParentIndex > 0 && s.HasPoints)
            {
                var parentEnd = a.Sections[s.ParentIndex].Points[^1];
                Assert.Equal(0, parentEnd.DistanceTo(s.Points[0]), 9); // children start at the branch point
            }
        }
    }

    private static double MaxPath(Kit.Neuron.Morphology.Morphology m, SectionType t) =>
        Enumerable
            .Range(0, m.Sections.Length)
            .Where(i => m.Sections[i].Type == t)
            .Max(i => m.DistanceFromSomaCentreUm(i, 1));
}
