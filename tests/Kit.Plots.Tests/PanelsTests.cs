using System.Text.Json;
using Kit.Plots;
using Plotly.NET;

namespace Kit.Plots.Tests;

/// <summary>The generic panels of Kit.Plots on synthetic data: traces, colours, ranges, argument checks.</summary>
public sealed class PanelsTests
{
    private static readonly SyntheticPanelData Data = SyntheticPanels.Make();

    private static JsonElement Json(GenericChart chart) =>
        JsonDocument.Parse(ChartJson.ToFigureJson(chart)).RootElement.Clone();

    private static JsonElement[] TracesOf(JsonElement fig) =>
        fig.GetProperty("data").EnumerateArray().ToArray();

    private static string AxisTitle(JsonElement fig, string axis) =>
        fig.GetProperty("layout")
            .GetProperty(axis)
            .GetProperty("title")
            .GetProperty("text")
            .GetString()!;

    private static double[] Numbers(JsonElement trace, string key) =>
        trace
            .GetProperty(key)
            .EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Number)
            .Select(e => e.GetDouble())
            .ToArray();

    [Fact]
    public void FigureJsonHasDataLayoutAndConfig()
    {
        var fig = Json(CrossCorrelationPanel.Create([-1, 0, 1], [0, 1, 0]));
        Assert.Equal(JsonValueKind.Array, fig.GetProperty("data").ValueKind);
        Assert.Equal(JsonValueKind.Object, fig.GetProperty("layout").ValueKind);
        Assert.Equal(JsonValueKind.Object, fig.GetProperty("config").ValueKind);
        Assert.Equal("#ffffff", fig.GetProperty("layout").GetProperty("plot_bgcolor").GetString());
        Assert.False(
            fig.GetProperty("layout").GetProperty("xaxis").GetProperty("showgrid").GetBoolean()
        );
        Assert.Equal(
            "outside",
            fig.GetProperty("layout").GetProperty("xaxis").GetProperty("ticks").GetString()
        );
    }

    [Fact]
    public void RasterSplitsExcitatoryRedAndInhibitoryBlue()
    {
        var fig = Json(
            SpikeRasterPanel.Create(Data.InputChannels, Data.InputTimesMs, 80, 100, Data.WindowMs)
        );
        var traces = TracesOf(fig);
        Assert.Equal(2, traces.Length);
        var (exc, inh) = (traces[0], traces[1]);
        Assert.Equal("excitatory", exc.GetProperty("name").GetString());
        Assert.Equal(
            PaperStyle.Excitatory,
            exc.GetProperty("marker").GetProperty("color").GetString()
        );
        Assert.Equal(
            PaperStyle.Inhibitory,
            inh.GetProperty("marker").GetProperty("color").GetString()
        );
        Assert.All(Numbers(exc, "y"), c => Assert.InRange(c, 0, 79));
        Assert.All(Numbers(inh, "y"), c => Assert.InRange(c, 80, 99));
        var inWindow = Enumerable
            .Range(0, Data.InputChannels.Length)
            .Where(k => Data.InputTimesMs[k] >= 500 && Data.InputTimesMs[k] < 2500)
            .ToArray();
        Assert.Equal(inWindow.Count(k => Data.InputChannels[k] < 80), Numbers(exc, "x").Length);
        Assert.Equal(inWindow.Count(k => Data.InputChannels[k] >= 80), Numbers(inh, "x").Length);
        Assert.All(Numbers(exc, "x").Concat(Numbers(inh, "x")), t => Assert.InRange(t, 500, 2499));
        Assert.Equal("time (ms)", AxisTitle(fig, "xaxis"));
        Assert.Equal("synapse index", AxisTitle(fig, "yaxis"));
    }

    [Fact]
    public void RasterRejectsChannelsOutOfRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SpikeRasterPanel.Create([5, 120], [10, 11], 80, 100, (0, 100))
        );
        Assert.Contains("channels[1] = 120", e.Message);
    }

    [Fact]
    public void VoltageTraceDrawsTruthBlackAndPredictionInTheWindow()
    {
        var fig = Json(VoltageTracePanel.Compare(Data.TrueMv, Data.PredMv, 0, (500, 2500)));
        var traces = TracesOf(fig);
        Assert.Equal(2, traces.Length);
        Assert.Equal(
            PaperStyle.Truth,
            traces[0].GetProperty("line").GetProperty("color").GetString()
        );
        Assert.Equal(
            PaperStyle.Prediction,
            traces[1].GetProperty("line").GetProperty("color").GetString()
        );
        var x = Numbers(traces[0], "x");
        Assert.Equal(2000, x.Length);
        Assert.Equal((500, 2499), (x[0], x[^1]));
        Assert.Equal(Data.TrueMv[500], Numbers(traces[0], "y")[0]);
        Assert.Contains("mV", AxisTitle(fig, "yaxis"));
    }

    [Fact]
    public void ZoomShowsOnlyTheZoomWindow()
    {
        var fig = Json(VoltageTracePanel.Zoom(Data.TrueMv, Data.PredMv, 0, (1000, 1300)));
        var x = Numbers(TracesOf(fig)[1], "x");
        Assert.Equal(300, x.Length);
        Assert.Equal(1000, x[0]);
        var range = fig.GetProperty("layout").GetProperty("xaxis").GetProperty("range");
        Assert.Equal(1000, range[0].GetDouble());
        Assert.Equal(1300, range[1].GetDouble());
    }

    [Fact]
    public void VoltageTraceRejectsMismatchedLengths()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            VoltageTracePanel.Compare([1, 2, 3], [1, 2], 0)
        );
        Assert.Equal("predMv", e.ParamName);
    }

    [Fact]
    public void SpikeProbabilityMarksEachTrueSpikeOnce()
    {
        var fig = Json(
            SpikeProbabilityPanel.Create([100, 250, 900], new double[1000], 0, (0, 500))
        );
        var traces = TracesOf(fig);
        Assert.Equal(2, traces.Length);
        Assert.Equal(4, Numbers(traces[0], "x").Length); // 2 spikes in window, 2 points each (+ gaps)
        Assert.Equal(
            PaperStyle.Prediction,
            traces[1].GetProperty("line").GetProperty("color").GetString()
        );
        Assert.Equal(500, Numbers(traces[1], "y").Length);
    }

    [Fact]
    public void FilterHeatmapIsChannelsByLagOnASymmetricDivergingScale()
    {
        var w = new double[5, 3];
        w[0, 0] = 2;
        w[4, 2] = -0.5;
        var fig = Json(FilterHeatmapPanel.Create(w, 3));
        var heat = TracesOf(fig).Single(t => t.GetProperty("type").GetString() == "heatmap");
        var z = heat.GetProperty("z");
        Assert.Equal(5, z.GetArrayLength());
        Assert.Equal(3, z[0].GetArrayLength());
        Assert.Equal(2, z[0][0].GetDouble());
        Assert.Equal(-2, heat.GetProperty("zmin").GetDouble());
        Assert.Equal(2, heat.GetProperty("zmax").GetDouble());
        Assert.Equal(0, heat.GetProperty("zmid").GetDouble());
        var scale = heat.GetProperty("colorscale");
        Assert.Equal("#ffffff", scale[scale.GetArrayLength() / 2][1].GetString()); // white at 0
        Assert.Equal("synapse index", AxisTitle(fig, "yaxis"));
        Assert.Contains("ms", AxisTitle(fig, "xaxis"));
    }

    [Fact]
    public void CrossSectionsOverlayTheExponentialWithTauInTheLegend()
    {
        var fig = Json(
            FilterCrossSectionPanel.Create(
                Data.CrossSectionLagsMs,
                Data.MeanExcitatoryFilter,
                Data.MeanInhibitoryFilter,
                new ExponentialCurve(19.96, 1.0)
            )
        );
        var traces = TracesOf(fig);
        Assert.Equal(3, traces.Length);
        Assert.Equal(
            PaperStyle.Excitatory,
            traces[0].GetProperty("line").GetProperty("color").GetString()
        );
        Assert.Equal(
            PaperStyle.Inhibitory,
            traces[1].GetProperty("line").GetProperty("color").GetString()
        );
        Assert.Contains("τ = 20.0 ms", traces[2].GetProperty("name").GetString());
        var fx = Numbers(traces[2], "x");
        var fy = Numbers(traces[2], "y");
        Assert.Equal(1.0, fy[0], 12);
        var mid = fx.Length / 2;
        Assert.Equal(Math.Exp(-fx[mid] / 19.96), fy[mid], 12);
    }

    [Fact]
    public void RocHasAucInTitleAndALowFalsePositiveInset()
    {
        var fig = Json(RocPanel.Create(Data.Roc.Fpr, Data.Roc.Tpr, 0.9973));
        var layout = fig.GetProperty("layout");
        Assert.Contains(
            "AUC = 0.9973",
            layout.GetProperty("title").GetProperty("text").GetString()
        );
        var inset = layout.GetProperty("xaxis2").GetProperty("range");
        Assert.Equal(0, inset[0].GetDouble());
        Assert.Equal(0.04, inset[1].GetDouble());
        var traces = TracesOf(fig);
        Assert.Equal(3, traces.Length);
        var insetTrace = traces.Single(t => t.GetProperty("xaxis").GetString() == "x2");
        Assert.Equal("y2", insetTrace.GetProperty("yaxis").GetString());
        var x = Numbers(insetTrace, "x");
        Assert.True(x[^2] <= 0.04 && x[^1] > 0.04, "inset ends one point past its range");
        Assert.Equal("false positive rate", AxisTitle(fig, "xaxis"));
    }

    [Fact]
    public void CrossCorrelationKeepsPlusMinusFiftyMs()
    {
        var fig = Json(
            CrossCorrelationPanel.Create(Data.CrossCorrelationLagsMs, Data.CrossCorrelation)
        );
        var x = Numbers(TracesOf(fig)[1], "x");
        Assert.Equal(101, x.Length);
        Assert.Equal((-50, 50), (x.Min(), x.Max()));
    }

    [Fact]
    public void ScatterIsASeededSubsampleWithTheIdentityLine()
    {
        var a = Json(ScatterPanel.Create(Data.TrueMv, Data.PredMv, 500, 3));
        var b = Json(ScatterPanel.Create(Data.TrueMv, Data.PredMv, 500, 3));
        var c = Json(ScatterPanel.Create(Data.TrueMv, Data.PredMv, 500, 4));
        var pts = TracesOf(a)[0];
        Assert.Equal(500, Numbers(pts, "x").Length);
        Assert.Equal(Numbers(pts, "x"), Numbers(TracesOf(b)[0], "x"));
        Assert.NotEqual(Numbers(pts, "x"), Numbers(TracesOf(c)[0], "x"));
        var id = TracesOf(a)[1];
        Assert.Equal(Numbers(id, "x"), Numbers(id, "y"));
        Assert.All(Numbers(pts, "x"), v => Assert.Contains(v, Data.TrueMv));
        Assert.Equal(10, PanelInput.Subsample(10, 500, 1).Length);
    }

    [Fact]
    public void CrossSectionsWithoutAFitDrawTwoTraces()
    {
        var fig = Json(FilterCrossSectionPanel.Create([0, 1, 2], [3, 2, 1], [-1, -0.5, -0.2]));
        Assert.Equal(
            ["excitatory", "inhibitory"],
            TracesOf(fig).Select(t => t.GetProperty("name").GetString())
        );
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            FilterCrossSectionPanel.Create([0, 1], [1, 0], [0, 0], new ExponentialCurve(-2, 1))
        );
    }

    [Fact]
    public void VoltageLegendNamesAreTheCallers()
    {
        var fig = Json(
            VoltageTracePanel.Compare(
                [1, 2],
                [1, 2],
                0,
                truthName: "L5PC",
                predictionName: "TCN 7x128"
            )
        );
        Assert.Equal(
            ["L5PC", "TCN 7x128"],
            TracesOf(fig).Select(t => t.GetProperty("name").GetString())
        );
    }

    [Fact]
    public void SeriesThinsLongTracesAndCutsTheWindow()
    {
        var mv = Enumerable.Range(0, 40001).Select(i => (double)i).ToArray(); // 1000 ms at 0.025 ms
        var fig = Json(
            VoltageTracePanel.Series(
                "t",
                [
                    new VoltageSeries("soma", mv, 0.025, PaperStyle.Truth),
                    new("nexus", mv, 1, PaperStyle.Excitatory, "dash"),
                ],
                (100, 200)
            )
        );
        var soma = TracesOf(fig)[0];
        var x = Numbers(soma, "x");
        Assert.Equal(4001, x.Length); // 100 ms at 0.025 ms: stride 1
        Assert.Equal((100, 200), (x[0], x[^1]));
        Assert.Equal("dash", TracesOf(fig)[1].GetProperty("line").GetProperty("dash").GetString());
        var all = Numbers(
            TracesOf(
                Json(VoltageTracePanel.Series("t", [new("soma", mv, 0.025, PaperStyle.Truth)]))
            )[0],
            "x"
        );
        Assert.InRange(all.Length, 4000, 4002); // 40001 samples thinned to about 4000 points
    }

    [Fact]
    public void LearningCurveJoinsEvaluatedValidationPointsOnALogScale()
    {
        var fig = Json(
            LearningCurvePanel.Create(
                [0, 10, 20, 30],
                [4, 2, 1, 0.5],
                [3, double.NaN, 1.5, double.NaN]
            )
        );
        var traces = TracesOf(fig);
        Assert.Equal([0, 20], Numbers(traces[1], "x"));
        Assert.Equal(
            "log",
            fig.GetProperty("layout").GetProperty("yaxis").GetProperty("type").GetString()
        );
        var e = Assert.Throws<ArgumentException>(() => LearningCurvePanel.Create([0, 1], [1, 0]));
        Assert.Contains("logScale", e.Message);
        Assert.Single(TracesOf(Json(LearningCurvePanel.Create([0, 1], [1, 0], logScale: false))));
    }

    [Fact]
    public void DecimationKeepsEndsAndVisibleSteps()
    {
        var fpr = Enumerable.Range(0, 10001).Select(i => i / 10000.0).ToArray();
        var tpr = fpr.Select(f => Math.Sqrt(f)).ToArray();
        var (f, t) = RocPanel.Decimate(fpr, tpr, 0.01);
        Assert.Equal(0, f[0]);
        Assert.Equal(1, f[^1]);
        Assert.True(f.Length < 400, $"{f.Length} points kept");
        for (int i = 1; i < f.Length - 1; i++)
            Assert.True(f[i] - f[i - 1] >= 0.01 - 1e-12 || t[i] - t[i - 1] >= 0.01 - 1e-12);
        // The steep start of the curve keeps its resolution in TPR.
        Assert.True(f.Count(x => x < 0.01) > 5);
    }

    [Fact]
    public void PaperStyleSizesFollowJournalColumns()
    {
        Assert.Equal(321, PaperStyle.MmToPx(PaperStyle.OneColumnMm));
        Assert.Equal(680, PaperStyle.MmToPx(PaperStyle.TwoColumnMm));
        Assert.Equal(1004, PaperStyle.MmToPx(85, 300));
        Assert.Equal(3.125, PaperStyle.ScaleForDpi(300));
        Assert.Equal(85, PaperStyle.OneColumn().WidthMm, 0);
        var fig = Json(RocPanel.Create([0, 1], [0, 1], 0.5));
        Assert.Equal(321, fig.GetProperty("layout").GetProperty("width").GetInt32());
        Assert.Equal(
            PaperStyle.FontFamily,
            fig.GetProperty("layout").GetProperty("font").GetProperty("family").GetString()
        );
    }
}
