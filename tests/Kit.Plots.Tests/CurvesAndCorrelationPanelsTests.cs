using System.Text.Json;
using Kit.Neuron.Morphology;
using Plotly.NET;

namespace Kit.Plots.Tests;

/// <summary>The curve, correlation and marked-morphology panels of figure 5, on synthetic data.</summary>
public sealed class CurvesAndCorrelationPanelsTests
{
    private static JsonElement Json(GenericChart chart) =>
        JsonDocument.Parse(ChartJson.ToFigureJson(chart)).RootElement.Clone();

    private static JsonElement[] TracesOf(JsonElement fig) =>
        [.. fig.GetProperty("data").EnumerateArray()];

    private static string Title(JsonElement fig) =>
        fig.GetProperty("layout").GetProperty("title").GetProperty("text").GetString()!;

    private static double[] Numbers(JsonElement trace, string key) =>
        [
            .. trace
                .GetProperty(key)
                .EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Number)
                .Select(e => e.GetDouble()),
        ];

    [Fact]
    public void PearsonIsOneForALineMinusOneForItsMirrorAndNaNForOnePoint()
    {
        Assert.Equal(1, CorrelationPanel.Pearson([1, 2, 3, 4], [3, 5, 7, 9]), 12);
        Assert.Equal(-1, CorrelationPanel.Pearson([1, 2, 3, 4], [9, 7, 5, 3]), 12);
        Assert.True(double.IsNaN(CorrelationPanel.Pearson([1], [2])));
        Assert.Throws<ArgumentException>(() => CorrelationPanel.Pearson([1, 2], [1]));
    }

    [Fact]
    public void CorrelationPanelDrawsTheFitHighlightsAndRInTheTitle()
    {
        var fig = Json(
            CorrelationPanel.Create(
                [0, 1, 2, 3],
                [1, 3, 5, 7],
                "index",
                "peak (mV)",
                [new LabelledPoint("IN", 1, 10, "#d62728")],
                title: "peaks"
            )
        );
        Assert.Equal("peaks (r = 1.00)", Title(fig));
        var traces = TracesOf(fig);
        Assert.Equal(
            ["sequences", "least squares", "IN"],
            traces.Select(t => t.GetProperty("name").GetString())
        );
        // the least-squares line y = 1 + 2x over the x range
        Assert.Equal([1.0, 7.0], Numbers(traces[1], "y"));
        Assert.Equal([10.0], Numbers(traces[2], "y"));

        var identity = Json(
            CorrelationPanel.Create([0, 2], [1, 4], "predicted", "true", identityLine: true)
        );
        var line = TracesOf(identity)[1];
        Assert.Equal("identity", line.GetProperty("name").GetString());
        Assert.Equal(Numbers(line, "x"), Numbers(line, "y"));
        Assert.Equal([0.0, 4.0], Numbers(line, "x"));
    }

    [Fact]
    public void CurvesPanelDrawsEachSeriesWithMarkersUnlessLinesOnly()
    {
        var fig = Json(
            CurvesPanel.Create(
                [
                    new CurveSeries("IN", [0, 1, 2], [9, 10, 10.5], "#d62728"),
                    new CurveSeries(
                        "NEURON",
                        [0, 1, 2],
                        [9, 10, 10.4],
                        "#000000",
                        "dash",
                        LinesOnly: true
                    ),
                ],
                "interval (ms)",
                "peak (mV)"
            )
        );
        var traces = TracesOf(fig);
        Assert.Equal(3, traces.Length); // IN line + IN markers + NEURON line
        Assert.Equal("dash", traces[2].GetProperty("line").GetProperty("dash").GetString());
        Assert.Equal([9, 10, 10.4], Numbers(traces[2], "y"));
        Assert.Throws<ArgumentException>(() => CurvesPanel.Create([], "x", "y"));
        Assert.Throws<ArgumentException>(() =>
            CurvesPanel.Create([new CurveSeries("bad", [0, 1], [1], "#000000")], "x", "y")
        );
    }

    [Fact]
    public void AMarkersOnlySeriesIsOneMarkerTraceInTheLegend()
    {
        var fig = Json(
            CurvesPanel.Create(
                [
                    new CurveSeries(
                        "simulations",
                        [3, 40, 7],
                        [0.9, 0.6, 0.95],
                        "#1f77b4",
                        MarkersOnly: true
                    ),
                ],
                "output spikes",
                "AUC"
            )
        );
        var trace = Assert.Single(TracesOf(fig));
        Assert.Equal("markers", trace.GetProperty("mode").GetString());
        Assert.Equal("simulations", trace.GetProperty("name").GetString());
        Assert.Equal([0.9, 0.6, 0.95], Numbers(trace, "y"));
        var e = Assert.Throws<ArgumentException>(() =>
            CurvesPanel.Create(
                [new CurveSeries("both", [0], [1], "#000000", LinesOnly: true, MarkersOnly: true)],
                "x",
                "y"
            )
        );
        Assert.Contains("both", e.Message);
    }

    [Fact]
    public void MorphologyMarkersAreDrawnOnTopAndCheckedForLength()
    {
        var m = Morphologies.Synthetic();
        var fig = Json(
            MorphologyPanel.Create(
                m,
                markers: [new MorphologyMarkers("synapses", [1, 2], [3, 4], "#000000")]
            )
        );
        var last = TracesOf(fig)[^1];
        Assert.Equal("synapses", last.GetProperty("name").GetString());
        Assert.Equal([3.0, 4.0], Numbers(last, "y"));
        Assert.Throws<ArgumentException>(() =>
            MorphologyPanel.Create(
                m,
                markers: [new MorphologyMarkers("bad", [1, 2], [3], "#000000")]
            )
        );
    }
}
