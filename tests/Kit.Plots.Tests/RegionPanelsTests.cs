using System.Text.Json;
using Kit.Neuron.Morphology;
using Kit.Plots;
using Plotly.NET;

namespace Kit.Plots.Tests;

/// <summary>
/// The synapse-region panels of the paper's figure 2: the morphology coloured by region, the mean filter per region
/// and the region-ordered spatio-temporal filter image, on small hand-made inputs and the synthetic cell.
/// </summary>
public sealed class RegionPanelsTests
{
    private static readonly SynapseRegion B = SynapseRegion.Basal,
        O = SynapseRegion.Oblique,
        T = SynapseRegion.Tuft;

    // 8 channels: excitatory basal, basal, oblique, tuft; inhibitory basal, oblique, tuft, tuft
    private static readonly SynapseRegion[] Regions = [B, B, O, T, B, O, T, T];
    private static readonly bool[] Exc = [true, true, true, true, false, false, false, false];

    private static JsonElement Json(GenericChart chart) =>
        JsonDocument.Parse(ChartJson.ToFigureJson(chart)).RootElement.Clone();

    private static JsonElement[] TracesOf(JsonElement fig) =>
        fig.GetProperty("data").EnumerateArray().ToArray();

    private static string[] Names(JsonElement fig) =>
        [.. TracesOf(fig).Select(t => t.GetProperty("name").GetString()!)];

    private static JsonElement Named(JsonElement fig, string name) =>
        TracesOf(fig).Single(t => t.GetProperty("name").GetString() == name);

    private static double?[] Values(JsonElement trace, string key) =>
        [
            .. trace
                .GetProperty(key)
                .EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null),
        ];

    private static string Color(JsonElement trace) =>
        trace.GetProperty("line").GetProperty("color").GetString()!;

    /// <summary>weights[c, k] = 10 c + k: every entry tells its channel and tap.</summary>
    private static double[,] Coded(int channels, int taps)
    {
        var w = new double[channels, taps];
        for (int c = 0; c < channels; c++)
        for (int k = 0; k < taps; k++)
            w[c, k] = 10 * c + k;
        return w;
    }

    [Fact]
    public void Morphology_by_region_draws_basal_oblique_tuft_and_marks_the_nexus()
    {
        var regions = SynapseRegions.Classify(Morphologies.Synthetic());
        var fig = Json(MorphologyPanel.ByRegion(regions));
        var names = Names(fig);
        Assert.Equal(["basal", "oblique", "tuft"], names[..3]);
        Assert.Equal(["soma", "nexus (1000 µm)"], names[3..]);
        Assert.Equal(SynapseRegionStyle.Basal, Color(Named(fig, "basal")));
        Assert.Equal(SynapseRegionStyle.Oblique, Color(Named(fig, "oblique")));
        Assert.Equal(SynapseRegionStyle.Tuft, Color(Named(fig, "tuft")));
        // the synthetic trunk runs up y from the soma top (y = 10) for 1000 µm; the tuft fans out above it
        var nexus = Named(fig, "nexus (1000 µm)");
        Assert.Equal(1010, Values(nexus, "y")[0]!.Value, 9);
        Assert.All(
            Values(Named(fig, "tuft"), "y").OfType<double>(),
            y => Assert.True(y >= 1010 - 1e-9)
        );
        Assert.All(Values(Named(fig, "basal"), "y").OfType<double>(), y => Assert.True(y <= 1e-9));
        Assert.Contains("synapse regions (synthetic)", fig.GetRawText());
    }

    [Fact]
    public void Segment_colouring_cuts_sections_at_segment_boundaries()
    {
        // planar cell: a 100 µm basal cable (5 segments of 20 µm), a 200 µm apical cable (11 of 18.2 µm)
        var soma = Section.FromPoints(
            "soma[0]",
            SectionType.Soma,
            -1,
            0,
            [new(0, -5, 0, 10), new(0, 5, 0, 10)]
        );
        var basal = Section.FromPoints(
            "dend[0]",
            SectionType.Basal,
            0,
            0.5,
            [new(0, -5, 0, 1), new(30, -45, 0, 1), new(30, -95, 0, 1)] // 50 + 50 µm
        );
        var apical = Section.FromPoints(
            "apic[0]",
            SectionType.Apical,
            0,
            0.5,
            [new(0, 5, 0, 2), new(0, 70, 0, 2), new(0, 205, 0, 2)]
        );
        var m = new Kit.Neuron.Morphology.Morphology("planar", [soma, basal, apical]);
        Assert.Equal((5, 11), (basal.Nseg, apical.Nseg));
        // segments 0-15: group 0 for even, 1 for odd, 2 for the last three apical ones
        int[] groups = [.. Enumerable.Range(0, 16).Select(k => k >= 13 ? 2 : k % 2)];
        var fig = Json(
            MorphologyPanel.Create(
                m,
                segmentGroups: groups,
                groups: [new("a", "#111111"), new("b", "#222222"), new("c", "#333333")]
            )
        );
        Assert.Equal(["a", "b", "c", "soma"], Names(fig));
        double Length(string name)
        {
            var t = Named(fig, name);
            var (x, y) = (Values(t, "x"), Values(t, "y"));
            double sum = 0;
            for (int i = 1; i < x.Length; i++)
                if (x[i] is { } x1 && x[i - 1] is { } x0)
                    sum += Math.Sqrt(
                        Math.Pow(x1 - x0, 2) + Math.Pow(y[i]!.Value - y[i - 1]!.Value, 2)
                    );
            return sum;
        }
        double seg = 200.0 / 11;
        // a: basal k = 0, 2, 4 (3 x 20 µm) + apical k = 6, 8, 10, 12; b: basal 1, 3 + apical 5, 7, 9, 11
        Assert.Equal(3 * 20 + 4 * seg, Length("a"), 9);
        Assert.Equal(2 * 20 + 4 * seg, Length("b"), 9);
        Assert.Equal(3 * seg, Length("c"), 9); // one run: one polyline
        // one run is one polyline: its two ends and the line break
        var c = Named(fig, "c");
        Assert.Equal([0.0, 0, null], Values(c, "x"));
        Assert.Equal(5 + 8 * seg, Values(c, "y")[0]!.Value, 9);
        Assert.Equal(205, Values(c, "y")[1]!.Value, 9);
    }

    [Fact]
    public void Segment_colouring_rejects_wrong_lengths_and_indices()
    {
        var m = Morphologies.Synthetic();
        SegmentGroup[] two = [new("x", "#000000"), new("y", "#ffffff")];
        var e = Assert.Throws<ArgumentException>(() =>
            MorphologyPanel.Create(m, segmentGroups: new int[486], groups: two)
        );
        Assert.Equal("segmentGroups", e.ParamName);
        Assert.Contains("487 dendritic segments", e.Message);
        var bad = new int[487];
        bad[7] = 2;
        var r = Assert.Throws<ArgumentOutOfRangeException>(() =>
            MorphologyPanel.Create(m, segmentGroups: bad, groups: two)
        );
        Assert.Contains("segmentGroups[7] = 2", r.Message);
        Assert.Equal(
            "groups",
            Assert
                .Throws<ArgumentException>(() =>
                    MorphologyPanel.Create(m, segmentGroups: new int[487])
                )
                .ParamName
        );
        Assert.Equal(
            "segmentGroups",
            Assert.Throws<ArgumentException>(() => MorphologyPanel.Create(m, groups: two)).ParamName
        );
        // without colouring: by section type, as before; the stub axon (no 3-D points) has no legend entry
        Assert.Equal(["basal", "apical", "soma"], Names(Json(MorphologyPanel.Create(m))));
    }

    [Fact]
    public void Means_average_each_region_and_sign_with_lag_zero_at_the_last_tap()
    {
        var means = RegionFilterPanel.Means(Coded(8, 3), Regions, Exc);
        Assert.Equal(
            [(B, true, 2), (B, false, 1), (O, true, 1), (O, false, 1), (T, true, 1), (T, false, 2)],
            means.Select(m => (m.Region, m.Excitatory, m.Channels))
        );
        // basal E = channels 0 and 1: mean of 10 c + k over c is 5 + k; lag 0 is tap 2
        Assert.Equal([7.0, 6, 5], means[0].ByLag);
        Assert.Equal([42.0, 41, 40], means[1].ByLag); // basal I = channel 4
        Assert.Equal([67.0, 66, 65], means[5].ByLag); // tuft I = channels 6, 7
    }

    [Fact]
    public void Region_filter_panel_draws_one_colour_per_region_excitatory_solid_inhibitory_dashed()
    {
        var fig = Json(RegionFilterPanel.Create(Coded(8, 3), Regions, Exc, binMs: 2));
        Assert.Equal(
            [
                "basal E (2)",
                "basal I (1)",
                "oblique E (1)",
                "oblique I (1)",
                "tuft E (1)",
                "tuft I (2)",
            ],
            Names(fig)
        );
        var traces = TracesOf(fig);
        Assert.Equal(
            [
                SynapseRegionStyle.Basal,
                SynapseRegionStyle.Basal,
                SynapseRegionStyle.Oblique,
                SynapseRegionStyle.Oblique,
                SynapseRegionStyle.Tuft,
                SynapseRegionStyle.Tuft,
            ],
            traces.Select(Color)
        );
        Assert.Equal(
            ["solid", "dash", "solid", "dash", "solid", "dash"],
            traces.Select(t => t.GetProperty("line").GetProperty("dash").GetString())
        );
        Assert.Equal([0.0, 2, 4], Values(traces[2], "x"));
        Assert.Equal([22.0, 21, 20], Values(traces[2], "y")); // oblique E = channel 2
        Assert.Contains(
            "ms",
            fig.GetProperty("layout")
                .GetProperty("xaxis")
                .GetProperty("title")
                .GetProperty("text")
                .GetString()
        );
    }

    [Fact]
    public void Region_filter_panel_leaves_out_empty_regions()
    {
        var fig = Json(RegionFilterPanel.Create(Coded(2, 4), [B, B], [true, false]));
        Assert.Equal(["basal E (1)", "basal I (1)"], Names(fig));
    }

    [Fact]
    public void Region_heatmap_orders_rows_by_region_and_sign_with_lag_zero_first()
    {
        var fig = Json(RegionFilterPanel.Heatmap(Coded(8, 3), Regions, Exc));
        var heat = TracesOf(fig).Single(t => t.GetProperty("type").GetString() == "heatmap");
        var z = heat.GetProperty("z");
        int[] rows = [0, 1, 2, 3, 4, 5, 6, 7]; // already grouped E: B B O T, I: B O T T
        for (int r = 0; r < 8; r++)
        {
            Assert.Equal(10 * rows[r] + 2, z[r][0].GetDouble()); // lag 0 = tap 2
            Assert.Equal(10 * rows[r], z[r][2].GetDouble());
        }
        var yaxis = fig.GetProperty("layout").GetProperty("yaxis");
        Assert.Equal(
            ["basal E", "oblique E", "tuft E", "basal I", "oblique I", "tuft I"],
            yaxis.GetProperty("ticktext").EnumerateArray().Select(e => e.GetString())
        );
        Assert.Equal(
            [0.5, 2, 3, 4, 5, 6.5],
            yaxis.GetProperty("tickvals").EnumerateArray().Select(e => e.GetDouble())
        );
        var boundaries = TracesOf(fig)
            .Where(t => t.GetProperty("type").GetString() == "scatter")
            .Select(t => Values(t, "y")[0])
            .ToArray();
        Assert.Equal([1.5, 2.5, 3.5, 4.5, 5.5], boundaries);
    }

    [Fact]
    public void Region_heatmap_default_order_groups_an_interleaved_layout()
    {
        SynapseRegion[] regions = [T, B, O, B, T, B];
        bool[] exc = [false, true, true, false, true, true];
        var fig = Json(RegionFilterPanel.Heatmap(Coded(6, 2), regions, exc));
        var z = TracesOf(fig)
            .Single(t => t.GetProperty("type").GetString() == "heatmap")
            .GetProperty("z");
        // E: basal 1, 5; oblique 2; tuft 4; I: basal 3; tuft 0
        int[] expected = [1, 5, 2, 4, 3, 0];
        Assert.Equal(
            expected.Select(c => 10.0 * c + 1),
            Enumerable.Range(0, 6).Select(r => z[r][0].GetDouble())
        );
        Assert.Equal(
            ["basal E", "oblique E", "tuft E", "basal I", "tuft I"],
            fig.GetProperty("layout")
                .GetProperty("yaxis")
                .GetProperty("ticktext")
                .EnumerateArray()
                .Select(e => e.GetString())
        );
    }

    [Fact]
    public void Region_heatmap_takes_the_cells_channel_order_by_distance()
    {
        var regions = SynapseRegions.Classify(Morphologies.Synthetic());
        var order = regions.ChannelOrder(byDistance: true);
        var w = Coded(regions.ChannelCount, 2);
        var fig = Json(
            RegionFilterPanel.Heatmap(w, regions.ChannelRegions, regions.ChannelIsExcitatory, order)
        );
        var z = TracesOf(fig)
            .Single(t => t.GetProperty("type").GetString() == "heatmap")
            .GetProperty("z");
        Assert.Equal(regions.ChannelCount, z.GetArrayLength());
        for (int r = 0; r < order.Length; r += 97)
            Assert.Equal(10.0 * order[r] + 1, z[r][0].GetDouble());
        // bands of 238, 167, 82 channels, excitatory then inhibitory
        var boundaries = TracesOf(fig)
            .Where(t => t.GetProperty("type").GetString() == "scatter")
            .Select(t => Values(t, "y")[0])
            .ToArray();
        Assert.Equal([237.5, 404.5, 486.5, 724.5, 891.5], boundaries);
        var backwards = order.Reverse().ToArray();
        var e = Assert.Throws<ArgumentException>(() =>
            RegionFilterPanel.Heatmap(
                w,
                regions.ChannelRegions,
                regions.ChannelIsExcitatory,
                backwards
            )
        );
        Assert.Equal("channelOrder", e.ParamName);
        var repeated = (int[])order.Clone();
        repeated[1] = repeated[0];
        Assert.Equal(
            "channelOrder",
            Assert
                .Throws<ArgumentException>(() =>
                    RegionFilterPanel.Heatmap(
                        w,
                        regions.ChannelRegions,
                        regions.ChannelIsExcitatory,
                        repeated
                    )
                )
                .ParamName
        );
    }

    [Fact]
    public void Region_panels_reject_mismatched_inputs_naming_the_argument()
    {
        var w = Coded(8, 3);
        Assert.Equal(
            "channelRegions",
            Assert
                .Throws<ArgumentException>(() => RegionFilterPanel.Create(w, Regions[..7], Exc))
                .ParamName
        );
        Assert.Equal(
            "channelIsExcitatory",
            Assert
                .Throws<ArgumentException>(() => RegionFilterPanel.Heatmap(w, Regions, Exc[..5]))
                .ParamName
        );
        Assert.Equal(
            "weights",
            Assert
                .Throws<ArgumentException>(() => RegionFilterPanel.Means(new double[0, 3], [], []))
                .ParamName
        );
        Assert.Equal(
            "binMs",
            Assert
                .Throws<ArgumentOutOfRangeException>(() =>
                    RegionFilterPanel.Create(w, Regions, Exc, binMs: 0)
                )
                .ParamName
        );
        Assert.Equal(
            "channelOrder",
            Assert
                .Throws<ArgumentException>(() =>
                    RegionFilterPanel.Heatmap(w, Regions, Exc, channelOrder: [0, 1])
                )
                .ParamName
        );
        Assert.Equal(
            "channelRegions",
            Assert
                .Throws<ArgumentOutOfRangeException>(() =>
                    RegionFilterPanel.Create(w, [.. Regions[..7], (SynapseRegion)7], Exc)
                )
                .ParamName
        );
    }

    [Fact]
    public void Heatmap_bands_must_cover_every_row()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            FilterHeatmapPanel.Create(new double[5, 2], [new("a", 2), new("b", 2)])
        );
        Assert.Equal("bands", e.ParamName);
        Assert.Contains("2 + 2", e.Message);
        var fig = Json(FilterHeatmapPanel.Create(new double[5, 2], [new("a", 2), new("b", 3)]));
        Assert.Equal(
            "synapse",
            fig.GetProperty("layout")
                .GetProperty("yaxis")
                .GetProperty("title")
                .GetProperty("text")
                .GetString()
        );
    }

    [Fact]
    public void Mean_over_units_averages_the_first_axis()
    {
        var w = new double[2, 3, 4];
        for (int c = 0; c < 3; c++)
        for (int k = 0; k < 4; k++)
        {
            w[0, c, k] = c + k;
            w[1, c, k] = 3 * (c + k);
        }
        var mean = RegionFilterPanel.MeanOverUnits(w);
        Assert.Equal((3, 4), (mean.GetLength(0), mean.GetLength(1)));
        Assert.Equal(2 * (2 + 3), mean[2, 3], 12);
        Assert.Equal(
            "firstLayerWeights",
            Assert
                .Throws<ArgumentException>(() =>
                    RegionFilterPanel.MeanOverUnits(new double[0, 3, 4])
                )
                .ParamName
        );
    }
}
