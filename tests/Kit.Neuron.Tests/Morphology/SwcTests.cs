using Kit.Neuron.Morphology;

namespace Kit.Neuron.Tests.Morphology;

public sealed class SwcTests
{
    private const string ThreePoint = """
        # NeuroMorpho 3-point soma, one basal branch point, one apical run
        1 1 0 0 0 5 -1
        2 1 0 -5 0 5 1
        3 1 0 5 0 5 1
        4 3 5 0 0 1 1
        5 3 15 0 0 1 4
        6 3 25 10 0 0.5 5
        7 3 35 20 0 0.5 6
        8 3 25 -10 0 0.4 5
        9 4 0 5 0 1.5 3
        10 4 0 45 0 1 9
        11 2 0 -5 0 0.5 2
        12 2 0 -30 0 0.5 11
        """;

    [Fact]
    public void Three_point_soma_and_sections_follow_the_import_rules()
    {
        var m = MorphologyImport.FromSwc(SwcReader.Parse(ThreePoint, "t.swc"));
        Assert.Equal(
            ["soma[0]", "dend[0]", "dend[1]", "dend[2]", "apic[0]", "axon[0]", "axon[1]"],
            m.Sections.Select(s => s.Name)
        );
        Assert.Equal(10.0, m.Soma.LengthUm, 12); // cylinder 2r x 2r
        Assert.Equal(10.0, m.Soma.Points[1].DiameterUm);
        var disc = Discretization.Build(m);
        Assert.Equal(4 * Math.PI * 25, disc.Segments[0].AreaUm2, 9); // same area as the sphere
        Assert.Equal(new Point3d(15, 0, 0, 1.0), m["dend[1]"].Points[0]); // prepended branch point
        Assert.Equal(0.5, m["dend[0]"].ParentX);
        Assert.Equal(0.5, m["apic[0]"].ParentX);
        Assert.Equal(30.0, m["axon[0]"].LengthUm); // reconstructed axon replaced by the stub
        var keep = MorphologyImport.FromSwc(
            SwcReader.Parse(ThreePoint, "t.swc"),
            ImportOptions.KeepAxon
        );
        Assert.Equal(25.0, keep["axon[0]"].LengthUm, 12);
    }

    [Theory]
    [InlineData("1 1 0 0 0 5\n", 1, "7 columns")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 1 y 0 1 1\n", 2, "number (y)")]
    [InlineData("1 1 0 0 0 5 -1\n2 3.5 1 0 0 1 1\n", 2, "integer type")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 1 0 0 1 7\n", 2, "parent 7")]
    [InlineData("1 1 0 0 0 5 -1\n1 3 1 0 0 1 -1\n", 2, "already used")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 1 0 0 1 3\n3 3 2 0 0 1 2\n", 2, "cycle")]
    [InlineData("1 1 0 0 0 5 -1\n\n# c\n4 3 1 0 0 -1 1\n", 4, "radius")]
    [InlineData("1 3 0 0 0 5 -1\n2 3 1 0 0 1 1\n", 0, "no soma")]
    [InlineData("1 1 0 0 0 5 -1\n2 3 1 0 0 1 2\n", 2, "own parent")]
    public void Malformed_swc_names_the_line(string text, int line, string expected)
    {
        var e = Assert.Throws<MorphologyFormatException>(() => SwcReader.Parse(text, "bad.swc"));
        Assert.Equal(line, e.Line);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.swc", e.Message);
    }

    [Fact]
    public void Synthetic_cell_round_trips_through_swc()
    {
        var m = Morphologies.Synthetic();
        var back = MorphologyImport.FromSwc(SwcReader.Parse(SwcWriter.Format(m), "synthetic.swc"));
        AssertSameSections(m, back);
    }

    [SkippableFact]
    public void Hay_cell_round_trips_through_swc_file()
    {
        var m = HayCell.Require();
        var path = Path.Combine(Path.GetTempPath(), $"neuronkit-{Guid.NewGuid():N}.swc");
        try
        {
            SwcWriter.Write(m, path);
            var back = Kit.Neuron.Morphology.Morphology.Load(path);
            AssertSameSections(m, back);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertSameSections(
        Kit.Neuron.Morphology.Morphology a,
        Kit.Neuron.Morphology.Morphology b
    )
    {
        Assert.Equal(a.Sections.Length, b.Sections.Length);
        for (int i = 0; i < a.Sections.Length; i++)
            Assert.True(
                a.Sections[i] == b.Sections[i],
                $"section {a.Sections[i].Name} differs after the round trip"
            );
    }
}
