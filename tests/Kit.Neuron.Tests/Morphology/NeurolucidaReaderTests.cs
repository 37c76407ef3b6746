using Kit.Neuron.Morphology;

namespace Kit.Neuron.Tests.Morphology;

public sealed class NeurolucidaReaderTests
{
    /// <summary>A small valid file in cell1.asc's style: header, slice contour, soma, axon, one branched dendrite with a marker.</summary>
    internal const string Small = """
        ;	V3 text file written for MicroBrightField products.
        (Sections S1 "x.DAT" 0 0 0)
        (ImageCoords)

        ("Section_1Contour"
          (Color Yellow)
          (Closed)
          (   80.0  1257.0    0.0     1.17 S1)  ;  1, 1
          (   41.0  1258.0    0.0     1.17 S1)  ;  1, 2
        )  ;  End of contour

        ("CellBody"
          (Color RGB (0, 255, 64))
          (CellBody)
          (  -5.0   0.0  0.0  0.26 S1)  ;  3, 1
          (  -3.5   3.5  0.0  0.26 S1)
          (   0.0   5.0  0.0  0.26 S1)
          (   3.5   3.5  0.0  0.26 S1)
          (   5.0   0.0  0.0  0.26 S1)
          (   3.5  -3.5  0.0  0.26 S1)
          (   0.0  -5.0  0.0  0.26 S1)
          (  -3.5  -3.5  0.0  0.26 S1)
        )  ;  End of contour

        ( (Color Orange)
          (Axon)
          (   0.0  -5.0  0.0  1.0 S1)  ; Root
          (   0.0 -25.0  0.0  1.0 S1)
           Incomplete
        )  ;  End of tree

        ( (Color DarkRed)
          (Dendrite)
          (   5.0   0.0   0.0   2.0 S1)  ; Root
          (  15.0   0.0   0.0   2.0 S1)  ; 1, R
          (
            (  25.0  10.0   0.0   1.0 S1)  ; 1, R-1
            (  35.0  20.0   0.0   1.0 S1)
            (Cross
              (Color DarkRed)
              (Name "Marker 3")
              (  30.0  19.0   0.0   0.5 S1)
            )  ;  End of markers
             Normal
          |
            (  25.0 -10.0   0.0   0.5 S1)  ; 1, R-2
            (  35.0 -20.0   0.0   0.5 S1)
            (
              (  40.0 -20.0   0.0   0.4 S1)
              (  50.0 -20.0   0.0   0.4 S1)
               High
            |
              (  35.0 -30.0   0.0   0.3 S1)
               Low
            |
              (Cross (Name "only a marker") (1 2 3 4))
            )  ;  End of split
          )  ;  End of split
        )  ;  End of tree

        ( (Color Blue)
          (Apical)
          (   0.0   5.0   0.0   3.0 S1)
          (   0.0  45.0   0.0   2.0 S1)
          (   0.0  85.0   0.0   2.0 S1)
        )
        """;

    [Fact]
    public void Parses_contours_trees_branches_and_skips_markers()
    {
        var f = NeurolucidaReader.Parse(Small, "small.asc");
        Assert.Equal(2, f.Contours.Length);
        Assert.False(f.Contours[0].IsCellBody);
        Assert.True(f.Contours[0].Closed);
        Assert.True(f.Contours[1].IsCellBody);
        Assert.Equal(8, f.Contours[1].Points.Length);
        Assert.Equal(
            [SectionType.Axon, SectionType.Basal, SectionType.Apical],
            f.Trees.Select(t => t.Type)
        );
        var dend = f.Trees[1].Root;
        Assert.Equal(2, dend.Points.Length);
        Assert.Equal(2, dend.Children.Length);
        Assert.Equal(2, dend.Children[0].Points.Length); // the marker's point is not part of the branch
        Assert.Empty(dend.Children[0].Children);
        Assert.Equal(2, dend.Children[1].Children.Length); // the marker-only child is not a child
        Assert.Equal(new Point3d(35, -30, 0, 0.3), dend.Children[1].Children[1].Points[0]);
    }

    [Fact]
    public void Import_applies_prepending_numbering_stub_axon_and_nseg()
    {
        var m = MorphologyImport.FromNeurolucida(NeurolucidaReader.Parse(Small, "small.asc"));
        Assert.Equal(
            [
                "soma[0]",
                "dend[0]",
                "dend[1]",
                "dend[2]",
                "dend[3]",
                "dend[4]",
                "apic[0]",
                "axon[0]",
                "axon[1]",
            ],
            m.Sections.Select(s => s.Name)
        );
        var d1 = m["dend[1]"];
        Assert.Equal(m.IndexOf("dend[0]"), d1.ParentIndex);
        Assert.Equal(1.0, d1.ParentX);
        Assert.Equal(new Point3d(15, 0, 0, 1.0), d1.Points[0]); // parent's last point, child's diameter
        Assert.Equal(3, d1.Points.Length);
        Assert.Equal(0.5, m["dend[0]"].ParentX);
        Assert.Equal(m.IndexOf("dend[2]"), m["dend[3]"].ParentIndex);
        Assert.Equal(80.0, m["apic[0]"].LengthUm, 5);
        Assert.Equal(5, m["apic[0]"].Nseg); // 1 + 2·floor(80/40)
        Assert.Equal(30.0, m["axon[0]"].LengthUm);
        Assert.Equal(21, m.Soma.Points.Length);
        var keep = MorphologyImport.FromNeurolucida(
            NeurolucidaReader.Parse(Small, "small.asc"),
            ImportOptions.KeepAxon
        );
        Assert.Equal(20.0, keep["axon[0]"].LengthUm, 5);
        Assert.Equal(1, keep.CountOf(SectionType.Axon));
    }

    [Theory]
    [InlineData("(\"CellBody\" (1 2 3 4)", 1, "end of file")]
    [InlineData("(\"CellBody\" (1 2 3 4)))", 1, "unexpected ')'")]
    [InlineData("( (Dendrite)\n  (1 2 3)\n)", 2, "four numbers")]
    [InlineData("( (Dendrite)\n  (1 2 x 4)\n)", 2, "expected a number (z")]
    [InlineData("( (Dendrite)\n  (1 2 3 4)\n  (1 2 3 4)\n  |\n)", 4, "'|'")]
    [InlineData("(\"CellBody\" (1 2 3 4) \"unterminated\n", 1, "unterminated")]
    [InlineData("( (Dendrite) (Color Red) )", 1, "no points")]
    public void Malformed_input_names_file_line_and_expectation(
        string text,
        int line,
        string expected
    )
    {
        var e = Assert.Throws<MorphologyFormatException>(() =>
            NeurolucidaReader.Parse(text, "bad.asc")
        );
        Assert.Equal("bad.asc", e.SourceName);
        Assert.Equal(line, e.Line);
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.asc, line ", e.Message);
    }

    [Fact]
    public void Missing_soma_is_a_format_error()
    {
        var e = Assert.Throws<MorphologyFormatException>(() =>
            MorphologyImport.FromNeurolucida(
                NeurolucidaReader.Parse("( (Dendrite) (0 0 0 1) (1 0 0 1) )", "nosoma.asc")
            )
        );
        Assert.Contains("CellBody", e.Message);
    }

    [Fact]
    public void Deep_nesting_is_refused_rather_than_overflowing_the_stack()
    {
        var text = new string('(', 100_000);
        var e = Assert.Throws<MorphologyFormatException>(() =>
            NeurolucidaReader.Parse(text, "deep.asc")
        );
        Assert.Contains("nested deeper", e.Message);
    }

    /// <summary>Random truncations and corruptions never fail with anything but MorphologyFormatException.</summary>
    [Fact]
    public void Truncated_or_corrupted_files_only_ever_throw_MorphologyFormatException()
    {
        var rng = new System.Random(20211);
        string[] junk =
        [
            "(",
            ")",
            "|",
            "x",
            "\"",
            ";",
            "1e999",
            "NaN",
            "<",
            ">",
            " ",
            "\n",
            ",",
            "-",
        ];
        int formatErrors = 0;
        for (int trial = 0; trial < 3000; trial++)
        {
            string text;
            if (trial % 3 == 0)
                text = Small[..rng.Next(Small.Length)];
            else
            {
                int edits = 1 + rng.Next(4);
                var sb = new System.Text.StringBuilder(Small);
                for (int k = 0; k < edits; k++)
                {
                    int at = rng.Next(sb.Length);
                    if (rng.Next(2) == 0)
                        sb.Remove(at, Math.Min(1 + rng.Next(3), sb.Length - at));
                    else
                        sb.Insert(at, junk[rng.Next(junk.Length)]);
                }
                text = sb.ToString();
            }
            try
            {
                var file = NeurolucidaReader.Parse(text, "fuzz.asc");
                MorphologyImport.FromNeurolucida(file); // a valid-looking result must also import or fail cleanly
            }
            catch (MorphologyFormatException e)
            {
                formatErrors++;
                Assert.StartsWith("fuzz.asc", e.Message);
            }
        }
        Assert.True(
            formatErrors > 500,
            $"only {formatErrors} of 3000 corrupted inputs were rejected"
        );
    }
}
