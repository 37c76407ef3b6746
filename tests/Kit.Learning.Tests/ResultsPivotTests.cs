using Kit.Core;
using Kit.Learning.Metrics;
using Microsoft.Data.Analysis;

namespace Kit.Learning.Tests;

/// <summary><see cref="ResultsPivot"/>: a long sweep table (one row per run) pivoted into depth x width.</summary>
public sealed class ResultsPivotTests
{
    /// <summary>Depth 7 and 1, width 128 and 64 (sweep order, not text order), two seeds at depth 7 x width 128.</summary>
    private static DataFrame Sweep() =>
        new(
            new Int32DataFrameColumn("depth", [7, 7, 7, 1, 1]),
            new Int32DataFrameColumn("width", [128, 128, 64, 128, 64]),
            new Int32DataFrameColumn("seed", [1, 2, 1, 1, 1]),
            new DoubleDataFrameColumn("auc", [0.99, 0.97, 0.95, 0.90, null])
        );

    [Fact]
    public void RowsColumnsAndMeansOverSeeds()
    {
        var pivot = ResultsPivot.Pivot(Sweep(), "depth", "width", "auc");
        Assert.Equal(["7", "1"], pivot.RowKeys);
        Assert.Equal(["128", "64"], pivot.ColumnKeys);
        Assert.Equal(0.98, pivot.GetColumn<double>("128").Get("7"), 12);
        Assert.Equal(0.95, pivot.GetColumn<double>("64").Get("7"), 12);
        Assert.Equal(0.90, pivot.GetColumn<double>("128").Get("1"), 12);
        // depth 1 x width 64 had only a null AUC: a missing cell, not a zero.
        Assert.False(pivot.GetColumn<double>("64").TryGet("1").HasValue);
    }

    [Fact]
    public void UnknownOrTextValueColumnsAreRejectedByName()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            ResultsPivot.Pivot(Sweep(), "depth", "heads", "auc")
        );
        Assert.Contains("'heads'", e.Message);
        var table = Sweep();
        table.Columns.Add(new StringDataFrameColumn("model", ["a", "b", "c", "d", "e"]));
        e = Assert.Throws<ArgumentException>(() =>
            ResultsPivot.Pivot(table, "depth", "width", "model")
        );
        Assert.Contains("'model'", e.Message);
    }

    [Fact]
    public void NotebooksShowThePivotAsAnHtmlTable()
    {
        LearningDisplay.Register();
        var html = DisplayFormatters
            .Format(ResultsPivot.Pivot(Sweep(), "depth", "width", "auc"))
            .Data["text/html"];
        Assert.Contains("<th>128</th>", html);
        Assert.Contains("<td>0.98</td>", html);
    }
}
