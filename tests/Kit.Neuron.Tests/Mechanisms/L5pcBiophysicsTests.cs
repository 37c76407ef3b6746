using System.Text.Json;
using Kit.Neuron.Mechanisms;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests.Mechanisms;

public class L5pcBiophysicsTests
{
    private static readonly L5pcBiophysics Bio = L5pcBiophysics.Biophys5b;

    [Fact]
    public void PassivePropertiesPerRegion()
    {
        Assert.Equal(new RegionPassive(1, 100, 3e-5, -90), Bio.Soma.Passive);
        Assert.Equal(new RegionPassive(1, 100, 3e-5, -90), Bio.Axon.Passive);
        Assert.Equal(new RegionPassive(2, 100, 6e-5, -90), Bio.Basal.Passive);
        Assert.Equal(new RegionPassive(2, 100, 6e-5, -90), Bio.Apical.Passive);
        Assert.Equal(-76, Bio.VInitMv);
        Assert.Equal(6.3, Bio.Celsius);
    }

    [Fact]
    public void MechanismMapMatchesSpec02()
    {
        Assert.Equal([L5pcChannel.Ih], Bio.Basal.Gbars.Inserted);
        Assert.Null(Bio.Basal.Calcium);
        Assert.Equal(
            [
                L5pcChannel.NaTs2t,
                L5pcChannel.SKv31,
                L5pcChannel.SKE2,
                L5pcChannel.Im,
                L5pcChannel.CaHva,
                L5pcChannel.CaLvast,
                L5pcChannel.Ih,
            ],
            Bio.Soma.Gbars.Inserted
        );
        Assert.Equal(Bio.Soma.Gbars.Inserted, Bio.Apical.Gbars.Inserted);
        Assert.Equal(10, Bio.Axon.Gbars.Inserted.Count);
        Assert.False(Bio.Has(L5pcChannel.NaTs2t, L5pcRegion.Axon));
        Assert.True(Bio.Has(L5pcChannel.NaTat, L5pcRegion.Axon));
    }

    [Fact]
    public void UniformConductancesMatchTable13()
    {
        Assert.Equal(0.998912, Bio.Gbar(L5pcChannel.NaTs2t, L5pcRegion.Soma));
        Assert.Equal(3.89618, Bio.Gbar(L5pcChannel.NaTat, L5pcRegion.Axon));
        Assert.Equal(0.000701, Bio.Gbar(L5pcChannel.CaHva, L5pcRegion.Apical, 750)); // no hot zone in 5b
        Assert.Equal(0.000075, Bio.Gbar(L5pcChannel.Ih, L5pcRegion.Soma), 15);
        Assert.Equal(0.00005, Bio.Gbar(L5pcChannel.Ih, L5pcRegion.Basal), 15);
        Assert.Equal(0.000002, Bio.Gbar(L5pcChannel.SKE2, L5pcRegion.Apical));
        Assert.Equal(0, Bio.Gbar(L5pcChannel.KPst, L5pcRegion.Apical));
        var reduced = Bio with { SkE2MultFactor = 0.1 };
        Assert.Equal(0.009965, reduced.Gbar(L5pcChannel.SKE2, L5pcRegion.Soma), 15);
        Assert.Equal(0.338029, reduced.Gbar(L5pcChannel.SKv31, L5pcRegion.Soma));
    }

    [Fact]
    public void ApicalDistanceRulesMatchSection14()
    {
        Assert.Equal(1.2174e-4, Bio.ApicalIhGbar(0), 8);
        Assert.Equal(2.1024e-3, Bio.ApicalIhGbar(845.35), 7);
        Assert.Equal(Bio.ApicalIhGbar(845.35), Bio.ApicalIhGbar(1200), 12);
        Assert.True(Bio.ApicalIhGbar(400) < Bio.ApicalIhGbar(800));
        Assert.Equal(0.2271264, Bio.ApicalCaLvastGbar(700), 12);
        Assert.Equal(0.002271264, Bio.ApicalCaLvastGbar(685), 12); // strict inequality
        Assert.Equal(0.002271264, Bio.ApicalCaLvastGbar(885), 12);
        Assert.Equal(0.2271264, Bio.ApicalCaLvastGbar(884.999), 12);
        Assert.Equal(0.000557, Bio.Gbar(L5pcChannel.CaLvast, L5pcRegion.Soma, 700));
    }

    [Fact]
    public void LastSegmentOfASectionGetsTheDistalEndDistance()
    {
        Assert.Equal(100 + 50 * 0.5 / 3, L5pcBiophysics.RuleDistanceUm(100, 50, 3, 0), 12);
        Assert.Equal(100 + 50 * 1.5 / 3, L5pcBiophysics.RuleDistanceUm(100, 50, 3, 1), 12);
        Assert.Equal(150, L5pcBiophysics.RuleDistanceUm(100, 50, 3, 2), 12);
        Assert.Equal(150, L5pcBiophysics.RuleDistanceUm(100, 50, 1, 0), 12);
        // apic[50]-like: centre 678.4 µm but distal end 688.7 µm → hot
        double g = Bio.SegmentGbar(L5pcChannel.CaLvast, L5pcRegion.Apical, 626.79, 61.927, 3, 2);
        Assert.Equal(0.2271264, g, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => L5pcBiophysics.RuleDistanceUm(0, 1, 3, 3));
    }

    [Fact]
    public void IhShiftAppliesEverywhereButTheAxon()
    {
        var shifted = Bio with { IhVShiftMv = -10 };
        var soma = shifted.Definition(L5pcChannel.Ih, L5pcRegion.Soma).GateList[0].Rates(-80);
        var axon = shifted.Definition(L5pcChannel.Ih, L5pcRegion.Axon).GateList[0].Rates(-80);
        Assert.Equal(Ih.M(-80, -10), soma);
        Assert.Equal(Ih.M(-80), axon);
        Assert.Same(Ih.Definition, Bio.Definition(L5pcChannel.Ih, L5pcRegion.Soma));
        Assert.Equal(-45, Bio.ReversalMv(L5pcChannel.Ih, L5pcRegion.Basal));
        Assert.Equal(50, Bio.ReversalMv(L5pcChannel.NaTat, L5pcRegion.Axon));
        Assert.Equal(-85, Bio.ReversalMv(L5pcChannel.SKE2, L5pcRegion.Apical));
        Assert.True(double.IsNaN(Bio.ReversalMv(L5pcChannel.CaHva, L5pcRegion.Soma)));
    }

    [Fact]
    public void ParametersCarryKineticsDensityAndReversal()
    {
        var ca = Bio.Parameters(L5pcChannel.CaLvast, L5pcRegion.Apical, 700);
        Assert.Equal(CaLvast.Parameters(0.141954 * 1.6), ca);
        Assert.Null(ca.ReversalMv);
        double[] s = [0.5, 0.5];
        Assert.Throws<ArgumentException>(() => ca.Current(s, -40));
        Assert.Equal(ca.GbarSPerCm2 * 0.125 * (-40 - 120), ca.Current(s, -40, 120).I, 15);
        Assert.Equal(
            NaTs2t.Parameters(0.998912),
            Bio.Parameters(L5pcChannel.NaTs2t, L5pcRegion.Soma)
        );
        Assert.Equal(SKE2.Parameters(0.000047), Bio.Parameters(L5pcChannel.SKE2, L5pcRegion.Axon));
        var ih = (Bio with { IhVShiftMv = 3 }).Parameters(L5pcChannel.Ih, L5pcRegion.Basal);
        Assert.Equal(-45, ih.ReversalMv);
        Assert.Equal(Ih.M(-70, 3), ih.Channel.GateList[0].Rates(-70));
    }

    [SkippableFact]
    public void Cell1HasTwentyNineHotSegmentsAndTheIhRangeNeuronReports()
    {
        var path = SharedData.RequireFile("reference/neuron/l5pc_segments.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var segs = doc.RootElement.GetProperty("segments").EnumerateArray().ToArray();
        // The file's distances start at the soma's x = 0 end (docs/l5pc/morphology.md, "Segment ordering used by
        // the dataset"); apic[0] attaches at the soma centre,
        // so its recorded section start is exactly that offset.
        double offset = segs.First(s => s.GetProperty("sectionName").GetString() == "apic[0]")
            .GetProperty("sectionDistFromSomaUm")
            .GetDouble();
        Assert.Equal(11.5847, offset, 4);
        int hot = 0;
        double ihMin = double.MaxValue,
            ihMax = 0;
        foreach (var s in segs.Where(s => s.GetProperty("type").GetString() == "apical"))
        {
            int nseg = s.GetProperty("sectionNseg").GetInt32();
            int i = (int)Math.Round(s.GetProperty("x").GetDouble() * nseg - 0.5);
            double start = s.GetProperty("sectionDistFromSomaUm").GetDouble() - offset;
            double len = s.GetProperty("sectionLengthUm").GetDouble();
            double ca = Bio.SegmentGbar(
                L5pcChannel.CaLvast,
                L5pcRegion.Apical,
                start,
                len,
                nseg,
                i
            );
            double ih = Bio.SegmentGbar(L5pcChannel.Ih, L5pcRegion.Apical, start, len, nseg, i);
            if (ca == 0.2271264)
                hot++;
            ihMin = Math.Min(ihMin, ih);
            ihMax = Math.Max(ihMax, ih);
        }
        Assert.Equal(29, hot);
        Assert.Equal(1.2625e-4, ihMin, 8);
        Assert.Equal(2.1023962e-3, ihMax, 10);
    }
}
