using Kit.Neuron.Morphology;
using static Kit.Neuron.Tests.Morphology.HayCell;

namespace Kit.Neuron.Tests.Morphology;

/// <summary>
/// <see cref="SynapseRegions"/>: basal / oblique / tuft on cell1 and on the synthetic cell, the channel layout of the
/// L5PC networks, and the rule's invariants on random trees.
/// </summary>
public sealed class SynapseRegionsTests
{
    [SkippableFact]
    public void Cell1_has_262_basal_197_oblique_180_tuft_segments_and_the_nexus_at_627_um()
    {
        var r = SynapseRegions.Classify(Require());
        Assert.Equal(639, r.SegmentCount);
        Assert.Equal(
            "basal 262, oblique 197, tuft 180",
            $"basal {r.CountOf(SynapseRegion.Basal)}, oblique {r.CountOf(SynapseRegion.Oblique)}, "
                + $"tuft {r.CountOf(SynapseRegion.Tuft)}"
        );
        // the main bifurcation: apic[36] splits into two 1.80 µm daughters, apic[37] (1015 µm of dendrite beyond)
        // and apic[50] (2552 µm), 626.8 µm from the soma centre (Hay's cell1: roughly 600-750 µm)
        Assert.Equal("apic[36]", r.NexusSectionName);
        Assert.Equal(626.8, r.NexusDistanceFromSomaCentreUm, 1);
        Assert.Equal(
            "apic[0] apic[1] apic[2] apic[3] apic[4] apic[14] apic[20] apic[26] apic[34] apic[36]",
            string.Join(" ", r.TrunkSections.Select(i => r.Morphology.Sections[i].Name))
        );
        Assert.Equal(34, r.SegmentOnTrunk.Count(t => t));
        // apic[] is numbered depth-first, so the tuft is apic[37..78]: dataset segments 379-558
        var tuft = Enumerable.Range(0, 639).Where(k => r.Segments[k] == SynapseRegion.Tuft);
        Assert.Equal(Enumerable.Range(379, 180), tuft);
        var tuftSections = r
            .Discretization.DatasetSegments.Where((_, k) => r.Segments[k] == SynapseRegion.Tuft)
            .Select(s => s.SectionName)
            .Distinct();
        Assert.Equal(Enumerable.Range(37, 42).Select(i => $"apic[{i}]"), tuftSections);
        // the dataset's "nexus" recording site apic[50](0.9) lies 56 µm beyond the bifurcation, in the tuft
        Assert.Equal(SynapseRegion.Tuft, r.Segments[SegmentIndex(r, "apic[50]", 0.9)]);
        Assert.Contains("nexus at apic[36](1), 626.8 um", r.ToString());
    }

    [SkippableFact]
    public void Cell1_nexus_is_stable_for_branch_fractions_from_15_to_25_percent()
    {
        var m = Require();
        foreach (double f in new[] { 0.15, 0.2, 0.25 })
            Assert.Equal("apic[36]", SynapseRegions.Classify(m, f).NexusSectionName);
    }

    [Fact]
    public void Synthetic_cell_tuft_lies_beyond_its_1000_um_trunk()
    {
        var r = SynapseRegions.Classify(Morphologies.Synthetic());
        Assert.Equal(487, r.SegmentCount);
        Assert.Equal(
            (238, 167, 82),
            (
                r.CountOf(SynapseRegion.Basal),
                r.CountOf(SynapseRegion.Oblique),
                r.CountOf(SynapseRegion.Tuft)
            )
        );
        Assert.Equal(1000, r.NexusDistanceFromSomaCentreUm, 9);
        Assert.Equal(10, r.TrunkSections.Length);
        for (int k = 0; k < r.SegmentCount; k++)
        {
            double d = r.SegmentDistanceFromSomaCentreUm[k];
            if (r.Segments[k] == SynapseRegion.Tuft)
                Assert.True(d > 1000, $"tuft segment {k} at {d} um");
            if (r.SegmentOnTrunk[k])
                Assert.True(d < 1000 && r.Segments[k] == SynapseRegion.Oblique);
        }
    }

    [SkippableFact]
    public void Every_segment_is_classified_once_and_basal_exactly_on_dend()
    {
        foreach (var m in new[] { Morphologies.Synthetic(), Require() })
        {
            var disc = Discretization.Build(m);
            var r = SynapseRegions.Classify(disc);
            Assert.Same(disc, r.Discretization);
            Assert.Equal(disc.DatasetSegments.Length, r.SegmentCount);
            Assert.Equal(r.SegmentCount, r.Counts.Values.Sum());
            Assert.Equal(r.SegmentCount, r.SegmentDistanceFromSomaCentreUm.Length);
            for (int k = 0; k < r.SegmentCount; k++)
            {
                var seg = disc.DatasetSegments[k];
                Assert.Equal(seg.Type == SectionType.Basal, r.Segments[k] == SynapseRegion.Basal);
                Assert.Equal(seg.DistanceFromSomaCentreUm, r.SegmentDistanceFromSomaCentreUm[k]);
            }
            Assert.Equal(
                m.SegmentCountOf(SectionType.Apical),
                r.CountOf(SynapseRegion.Oblique) + r.CountOf(SynapseRegion.Tuft)
            );
        }
    }

    [Fact]
    public void Channels_are_excitatory_then_inhibitory_on_the_same_segments()
    {
        var r = SynapseRegions.Classify(Morphologies.Synthetic());
        int s = r.SegmentCount;
        Assert.Equal(2 * s, r.ChannelCount);
        Assert.Equal(2 * s, r.ChannelRegions.Length);
        for (int c = 0; c < 2 * s; c++)
        {
            Assert.Equal(c < s, r.ChannelIsExcitatory[c]);
            Assert.Equal(c % s, r.SegmentOfChannel(c));
            Assert.Equal(r.Segments[c % s], r.ChannelRegions[c]);
        }
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => r.SegmentOfChannel(2 * s));
        Assert.Equal("channel", e.ParamName);
    }

    [Fact]
    public void Channel_order_groups_basal_oblique_tuft_excitatory_then_inhibitory()
    {
        var r = SynapseRegions.Classify(Morphologies.Synthetic());
        foreach (bool byDistance in new[] { false, true })
        {
            var order = r.ChannelOrder(byDistance);
            Assert.Equal(Enumerable.Range(0, r.ChannelCount), order.Order());
            var groups = order
                .Select(c => (!r.ChannelIsExcitatory[c], r.ChannelRegions[c]))
                .ToArray();
            Assert.Equal(groups.Order(), groups); // E before I, then basal, oblique, tuft
            int basalE = r.CountOf(SynapseRegion.Basal);
            if (!byDistance)
                Assert.Equal(Enumerable.Range(0, basalE), order[..basalE]);
            else
            {
                var obl = order
                    .Skip(basalE)
                    .Take(r.CountOf(SynapseRegion.Oblique))
                    .Select(c => r.SegmentDistanceFromSomaCentreUm[c])
                    .ToArray();
                Assert.Equal(obl.Order(), obl);
            }
        }
    }

    [Fact]
    public void Branch_fraction_outside_zero_to_half_is_rejected()
    {
        var m = Morphologies.Synthetic();
        foreach (double f in new[] { 0, -0.1, 0.51, double.NaN })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => SynapseRegions.Classify(m, f));
            Assert.Equal("nexusBranchFraction", e.ParamName);
        }
    }

    [Fact]
    public void Without_a_main_bifurcation_every_apical_segment_is_oblique()
    {
        var soma = Section.FromPoints("soma[0]", SectionType.Soma, -1, 0, Line(0, -5, 0, 10, 10));
        var basal = Section.FromPoints(
            "dend[0]",
            SectionType.Basal,
            0,
            0.5,
            Line(0, -5, 0, -200, 1)
        );
        var trunk = Section.FromPoints(
            "apic[0]",
            SectionType.Apical,
            0,
            0.5,
            Line(0, 5, 0, 400, 2)
        );
        var oblique = Section.FromPoints(
            "apic[1]",
            SectionType.Apical,
            2,
            1,
            Line(0, 405, 50, 405, 1)
        );
        var tip = Section.FromPoints("apic[2]", SectionType.Apical, 2, 1, Line(0, 405, 0, 900, 1));
        var r = SynapseRegions.Classify(
            new Kit.Neuron.Morphology.Morphology("unbranched", [soma, basal, trunk, oblique, tip])
        );
        Assert.False(r.HasNexus);
        Assert.True(double.IsNaN(r.NexusDistanceFromSomaCentreUm));
        Assert.Empty(r.TrunkSections);
        Assert.Equal(0, r.CountOf(SynapseRegion.Tuft));
        Assert.Equal(
            r.SegmentCount - r.CountOf(SynapseRegion.Basal),
            r.CountOf(SynapseRegion.Oblique)
        );
        Assert.Contains("no nexus", r.ToString());

        var noApical = SynapseRegions.Classify(
            new Kit.Neuron.Morphology.Morphology("basal only", [soma, basal])
        );
        Assert.False(noApical.HasNexus);
        Assert.Equal(noApical.SegmentCount, noApical.CountOf(SynapseRegion.Basal));
    }

    /// <summary>
    /// Property test on 200 seeded random trees: the trunk is a path from the apical root that follows the largest
    /// subtree; the tuft is exactly what lies beyond the nexus, so every tuft segment is farther from the soma than the
    /// nexus; trunk segments are oblique and nearer; without a nexus there is no tuft.
    /// </summary>
    [Fact]
    public void On_random_trees_the_tuft_is_exactly_beyond_the_nexus_and_farther_from_the_soma()
    {
        int withNexus = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var m = RandomCell(seed);
            var r = SynapseRegions.Classify(m);
            var disc = r.Discretization;
            Assert.Equal(r.SegmentCount, r.Counts.Values.Sum());
            if (!r.HasNexus)
            {
                Assert.Equal(0, r.CountOf(SynapseRegion.Tuft));
                continue;
            }
            withNexus++;
            int nexus = r.NexusSectionIndex;
            Assert.Equal(nexus, r.TrunkSections[^1]);
            Assert.Equal(0, m.Sections[r.TrunkSections[0]].ParentIndex);
            for (int i = 1; i < r.TrunkSections.Length; i++)
            {
                int parent = r.TrunkSections[i - 1];
                Assert.Equal(parent, m.Sections[r.TrunkSections[i]].ParentIndex);
                double taken = Subtree(m, r.TrunkSections[i]);
                Assert.All(m.ChildrenOf(parent), c => Assert.True(Subtree(m, c) <= taken));
            }
            for (int k = 0; k < r.SegmentCount; k++)
            {
                int sec = disc.DatasetSegments[k].SectionIndex;
                bool beyond = sec != nexus && IsDescendant(m, sec, nexus);
                Assert.Equal(beyond, r.Segments[k] == SynapseRegion.Tuft);
                double d = r.SegmentDistanceFromSomaCentreUm[k];
                if (beyond)
                    Assert.True(d > r.NexusDistanceFromSomaCentreUm, $"seed {seed} segment {k}");
                if (r.SegmentOnTrunk[k])
                {
                    Assert.Equal(SynapseRegion.Oblique, r.Segments[k]);
                    Assert.True(d < r.NexusDistanceFromSomaCentreUm);
                }
            }
        }
        Assert.InRange(withNexus, 100, 200); // the generator mostly makes cells with a main bifurcation
    }

    private static int SegmentIndex(SynapseRegions r, string section, double x)
    {
        int si = r.Morphology.IndexOf(section);
        var segs = r.Discretization.DatasetSegments;
        int nseg = r.Morphology.Sections[si].Nseg;
        int i = Math.Clamp((int)Math.Floor(x * nseg), 0, nseg - 1);
        for (int k = 0; k < segs.Length; k++)
            if (segs[k].SectionIndex == si && segs[k].IndexInSection == i)
                return k;
        throw new KeyNotFoundException(section);
    }

    private static double Subtree(Kit.Neuron.Morphology.Morphology m, int s) =>
        m.Sections[s].LengthUm + m.ChildrenOf(s).Sum(c => Subtree(m, c));

    private static bool IsDescendant(Kit.Neuron.Morphology.Morphology m, int s, int ancestor)
    {
        for (; s > 0; s = m.Sections[s].ParentIndex)
            if (s == ancestor)
                return true;
        return false;
    }

    private static Point3d[] Line(double x0, double y0, double x1, double y1, double d) =>
        [new(x0, y0, 0, d), new(x1, y1, 0, d)];

    /// <summary>A soma, two basal cables and a random apical tree (1 to 3 children per branch point, 5 levels).</summary>
    private static Kit.Neuron.Morphology.Morphology RandomCell(int seed)
    {
        var rng = new System.Random(seed);
        var sections = new List<Section>
        {
            Section.FromPoints("soma[0]", SectionType.Soma, -1, 0, Line(0, -5, 0, 5, 10)),
            Section.FromPoints("dend[0]", SectionType.Basal, 0, 0.5, Line(0, -5, -80, -150, 1)),
            Section.FromPoints("dend[1]", SectionType.Basal, 0, 0.5, Line(0, -5, 80, -150, 1)),
        };
        int apic = 0;
        void Grow(int parent, double x, double y, double angle, int depth)
        {
            double length = 20 + 280 * rng.NextDouble();
            double x1 = x + length * Math.Cos(angle),
                y1 = y + length * Math.Sin(angle);
            int self = sections.Count;
            sections.Add(
                Section.FromPoints(
                    $"apic[{apic++}]",
                    SectionType.Apical,
                    parent,
                    parent == 0 ? 0.5 : 1,
                    Line(x, y, x1, y1, 1)
                )
            );
            if (depth == 5 || (depth > 1 && rng.NextDouble() < 0.3))
                return;
            int children = rng.NextDouble() < 0.15 ? 3 : 2;
            for (int c = 0; c < children; c++)
                Grow(self, x1, y1, angle + (rng.NextDouble() - 0.5) * 1.5, depth + 1);
        }
        Grow(0, 0, 5, Math.PI / 2, 0);
        return new Kit.Neuron.Morphology.Morphology($"random {seed}", sections);
    }
}
