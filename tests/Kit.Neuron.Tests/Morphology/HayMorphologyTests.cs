using System.Text.Json;
using Kit.Neuron.Morphology;
using Kit.Tests.Shared;
using static Kit.Neuron.Tests.Morphology.HayCell;

namespace Kit.Neuron.Tests.Morphology;

/// <summary>
/// cell1.asc imported with the Hay template against the shared morphology tables (read as test data; the kit's
/// account is docs/l5pc/morphology.md) and NEURON's l5pc_segments.json.
/// </summary>
public sealed class HayMorphologyTests
{
    [SkippableFact]
    public void Soma_points_match_the_contour2centroid_table_of_spec_04()
    {
        var m = Require();
        var rows = MarkdownTable(
            "docs/biophysics/04_l5pc_morphology.md",
            "| i | x | y | z | diam | arc |"
        );
        Assert.Equal(21, rows.Count);
        var pts = m.Soma.Points;
        Assert.Equal(21, pts.Length);
        var arc = m.Soma.ArcLengthsUm();
        for (int i = 0; i < 21; i++)
        {
            var r = rows[i];
            Assert.True(
                Math.Abs(pts[i].XUm - D(r[1])) < 2e-5,
                $"soma point {i} x {pts[i].XUm} vs {r[1]}"
            );
            Assert.True(
                Math.Abs(pts[i].YUm - D(r[2])) < 2e-5,
                $"soma point {i} y {pts[i].YUm} vs {r[2]}"
            );
            Assert.True(
                Math.Abs(pts[i].ZUm - D(r[3])) < 2e-5,
                $"soma point {i} z {pts[i].ZUm} vs {r[3]}"
            );
            Assert.True(
                Math.Abs(pts[i].DiameterUm - D(r[4])) < 2e-5,
                $"soma point {i} diam {pts[i].DiameterUm} vs {r[4]}"
            );
            Assert.True(
                Math.Abs(arc[i] - D(r[5])) < 2e-5,
                $"soma point {i} arc {arc[i]} vs {r[5]}"
            );
        }
        Close(23.169408032474415, m.Soma.LengthUm, 1e-6, "soma L");
        Assert.Equal(1, m.Soma.Nseg);
        var disc = Discretization.Build(m, 100);
        Close(1131.3890593405758, disc.Segments[0].AreaUm2, 1e-6, "soma area");
        Close(
            0.1393080537888008,
            disc.Segments[0].LeftResistanceMOhm,
            1e-5,
            "soma ri to its 0 end"
        );
    }

    [SkippableFact]
    public void Every_dendritic_section_matches_the_04b_table()
    {
        var m = Require();
        var rows = MarkdownTable(
            "docs/biophysics/04b_l5pc_section_table.md",
            "| # | section | parent |"
        );
        Assert.Equal(193, rows.Count);
        var disc = Discretization.Build(m, 100);
        for (int k = 0; k < rows.Count; k++)
        {
            var r = rows[k];
            Assert.Equal(k, int.Parse(r[0]));
            int si = m.IndexOf(r[1]);
            Assert.Equal(k + 1, si); // dataset position k = section k+1 (after the soma)
            var s = m.Sections[si];
            Assert.Equal(r[2], m.Sections[s.ParentIndex].Name);
            Assert.Equal(D(r[3]), s.ParentX);
            Assert.Equal(int.Parse(r[4]), s.Points.Length);
            Assert.True(Math.Abs(s.LengthUm - D(r[5])) <= 6e-5, $"{r[1]} L {s.LengthUm} vs {r[5]}");
            Assert.Equal(int.Parse(r[6]), s.Nseg);
            var segs = disc.SegmentsOf(si);
            double total = 0;
            foreach (var g in segs)
                total += g.AreaUm2;
            // the table has 4 decimals: 1e-5 relative or half a unit of the last digit
            Assert.True(
                Math.Abs(total - D(r[7])) <= Math.Max(1e-5 * D(r[7]), 6e-5),
                $"{r[1]} area {total} vs {r[7]}"
            );
            Assert.True(
                Math.Abs(segs[0].AreaUm2 - D(r[8])) <= Math.Max(1e-5 * D(r[8]), 6e-5),
                $"{r[1]} first segment area {segs[0].AreaUm2} vs {r[8]}"
            );
        }
    }

    [SkippableFact]
    public void Counts_totals_and_histograms_match_spec_04_section_6()
    {
        var m = Require();
        Assert.Equal(1, m.CountOf(SectionType.Soma));
        Assert.Equal(84, m.CountOf(SectionType.Basal));
        Assert.Equal(109, m.CountOf(SectionType.Apical));
        Assert.Equal(2, m.CountOf(SectionType.Axon));
        Assert.Equal(262, m.SegmentCountOf(SectionType.Basal));
        Assert.Equal(377, m.SegmentCountOf(SectionType.Apical));
        Close(5133.492, m.TotalLengthUm(SectionType.Basal), 2e-7, "basal length");
        Close(7440.906, m.TotalLengthUm(SectionType.Apical), 2e-7, "apical length");
        var disc = Discretization.Build(m, 100);
        Assert.Equal(639, disc.DatasetSegments.Length);
        Close(8862.96, disc.TotalAreaUm2(SectionType.Basal), 1e-6, "basal area");
        Close(21009.33, disc.TotalAreaUm2(SectionType.Apical), 1e-6, "apical area");
        Close(188.50, disc.TotalAreaUm2(SectionType.Axon), 1e-4, "axon area");

        string Hist(SectionType t) =>
            string.Join(
                ",",
                m.SectionsOf(t)
                    .GroupBy(s => s.Nseg)
                    .OrderBy(g => g.Key)
                    .Select(g => $"{g.Key}:{g.Count()}")
            );
        Assert.Equal("1:41,3:15,5:14,7:10,9:4", Hist(SectionType.Basal));
        Assert.Equal("1:51,3:22,5:15,7:9,9:7,11:3,13:2", Hist(SectionType.Apical));

        var somaChildren = m.ChildrenOf(0).Select(i => m.Sections[i].Name).ToArray();
        Assert.Equal(
            [
                "dend[0]",
                "dend[7]",
                "dend[16]",
                "dend[39]",
                "dend[42]",
                "dend[63]",
                "dend[78]",
                "dend[79]",
                "apic[0]",
                "axon[0]",
            ],
            somaChildren
        );
        Assert.Equal(
            184,
            m.Sections.Count(s =>
                s.Type is SectionType.Basal or SectionType.Apical && s.ParentX == 1
            )
        );

        double longest = m
            .Sections.Select((s, i) => (s, i))
            .Where(p => p.s.Type == SectionType.Apical && !m.ChildrenOf(p.i).Any())
            .Max(p => m.DistanceFromSomaCentreUm(p.i, 1));
        Close(1300.5335, longest, 1e-7, "longest apical path");
        Close(
            296.0059,
            m.DistanceFromSomaCentreUm(m.IndexOf("apic[10]"), 1),
            2e-7,
            "apic[10](1) distance"
        );
        Close(
            307.5906,
            m.DistanceFromSomaCentreUm(m.IndexOf("apic[10]"), 1) + m.SomaHalfLengthUm,
            2e-7,
            "from soma(0)"
        );
    }

    [SkippableFact]
    public void Stub_axon_is_two_30um_cylinders_as_spec_04_section_4()
    {
        var m = Require();
        var disc = Discretization.Build(m, 100);
        var a0 = m["axon[0]"];
        var a1 = m["axon[1]"];
        Assert.Equal((0, 0.5), (a0.ParentIndex, a0.ParentX));
        Assert.Equal((m.IndexOf("axon[0]"), 1.0), (a1.ParentIndex, a1.ParentX));
        foreach (var name in new[] { "axon[0]", "axon[1]" })
        {
            var g = Assert.Single(disc.SegmentsOf(m.IndexOf(name)).ToArray());
            Close(94.2478, g.AreaUm2, 1e-6, $"{name} area");
            Close(19.0986, g.LeftResistanceMOhm, 1e-5, $"{name} half resistance");
            Close(19.0986, g.RightResistanceMOhm, 1e-5, $"{name} half resistance");
        }
    }

    [SkippableFact]
    public void Every_dataset_segment_matches_NEURONs_l5pc_segments_json()
    {
        var m = Require();
        using var doc = JsonDocument.Parse(
            File.ReadAllText(SharedData.RequireFile("reference/neuron/l5pc_segments.json"))
        );
        var segs = doc.RootElement.GetProperty("segments");
        var disc = Discretization.Build(m, 100);
        Assert.Equal(segs.GetArrayLength(), disc.DatasetSegments.Length);
        int k = 0;
        foreach (var e in segs.EnumerateArray())
        {
            var g = disc.DatasetSegments[k];
            Assert.Equal(k, e.GetProperty("segInd").GetInt32());
            Assert.Equal(e.GetProperty("sectionName").GetString(), g.SectionName);
            Assert.Equal(
                e.GetProperty("type").GetString(),
                g.Type == SectionType.Basal ? "basal" : "apical"
            );
            Assert.Equal(e.GetProperty("sectionInd").GetInt32(), g.SectionIndex - 1);
            Close(e.GetProperty("x").GetDouble(), g.X, 1e-12, $"segment {k} x");
            Close(e.GetProperty("lengthUm").GetDouble(), g.LengthUm, 1e-6, $"segment {k} length");
            Close(e.GetProperty("areaUm2").GetDouble(), g.AreaUm2, 1e-6, $"segment {k} area");
            // the dataset metadata measures from soma(0)
            // (docs/l5pc/morphology.md, "Segment ordering used by the dataset")
            Close(
                e.GetProperty("distFromSomaUm").GetDouble(),
                g.DistanceFromSomaCentreUm + m.SomaHalfLengthUm,
                1e-6,
                $"segment {k} distance"
            );
            Close(
                e.GetProperty("sectionDistFromSomaUm").GetDouble(),
                m.DistanceFromSomaCentreUm(g.SectionIndex, 0) + m.SomaHalfLengthUm,
                1e-6,
                $"segment {k} section distance"
            );
            k++;
        }
        Assert.Equal(436, disc.SegmentIndexAt(m.IndexOf("apic[50]"), 0.9) - 1);
    }

    [SkippableFact]
    public void Resistances_are_positive_and_sum_to_the_section_integral()
    {
        var m = Require();
        var disc = Discretization.Build(m, 100);
        var disc2 = Discretization.Build(m, 200);
        for (int i = 0; i < disc.Segments.Length; i++)
        {
            Assert.True(
                disc.Segments[i].LeftResistanceMOhm > 0 && disc.Segments[i].RightResistanceMOhm > 0
            );
            Close(
                2 * disc.Segments[i].LeftResistanceMOhm,
                disc2.Segments[i].LeftResistanceMOhm,
                1e-12,
                "Ra scaling"
            );
        }
    }
}
