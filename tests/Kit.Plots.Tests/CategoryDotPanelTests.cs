using System.Text.Json;
using Plotly.NET;

namespace Kit.Plots.Tests;

/// <summary>The per-category dot panel (figure 6: AUC per condition beside the in-distribution AUC).</summary>
public sealed class CategoryDotPanelTests
{
    private static JsonElement[] Traces(GenericChart chart) =>
        [
            .. JsonDocument
                .Parse(ChartJson.ToFigureJson(chart))
                .RootElement.Clone()
                .GetProperty("data")
                .EnumerateArray(),
        ];

    [Fact]
    public void DrawsTheReferenceApartWithItsLineAndLeavesUndefinedValuesAndIntervalsEmpty()
    {
        var traces = Traces(
            CategoryDotPanel.Create(
                ["in", "a", "b"],
                [0.9, 0.8, double.NaN],
                [0.85, 0.7, double.NaN],
                [0.95, 0.85, double.NaN],
                "AUC",
                reference: 0
            )
        );
        Assert.Equal(3, traces.Length);
        // The others: categories a and b, b (undefined) as a gap, error bars from the intervals, none for b.
        Assert.Equal(
            ["a", "b"],
            traces[0].GetProperty("x").EnumerateArray().Select(e => e.GetString())
        );
        Assert.Equal(0.8, traces[0].GetProperty("y")[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, traces[0].GetProperty("y")[1].ValueKind);
        var err = traces[0].GetProperty("error_y");
        Assert.Equal(0.05, err.GetProperty("array")[0].GetDouble(), 12);
        Assert.Equal(0.1, err.GetProperty("arrayminus")[0].GetDouble(), 12);
        Assert.Equal(0, err.GetProperty("array")[1].GetDouble());
        // The reference alone, and its value across the panel.
        Assert.Equal(
            ["in"],
            traces[1].GetProperty("x").EnumerateArray().Select(e => e.GetString())
        );
        Assert.Equal(
            [0.9, 0.9],
            traces[2].GetProperty("y").EnumerateArray().Select(e => e.GetDouble())
        );
        Assert.Equal(
            ["in", "b"],
            traces[2].GetProperty("x").EnumerateArray().Select(e => e.GetString())
        );
    }

    [Fact]
    public void RejectsMismatchedLengthsAndAReferenceOutsideTheCategories()
    {
        Assert.Throws<ArgumentException>(() =>
            CategoryDotPanel.Create(["a", "b"], [1], null, null, "y")
        );
        var e = Assert.Throws<ArgumentException>(() =>
            CategoryDotPanel.Create(["a"], [1], null, null, "y", reference: 1)
        );
        Assert.Contains("reference 1", e.Message);
    }
}
