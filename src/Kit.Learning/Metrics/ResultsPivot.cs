using System.Globalization;
using Deedle;
using Microsoft.Data.Analysis;

namespace Kit.Learning.Metrics;

/// <summary>
/// Pivots a long results table (a Microsoft.Data.Analysis <see cref="DataFrame"/> with one row per run: config
/// columns and metric columns, as the kit's result tables are) into a Deedle frame that reads a sweep at a glance,
/// e.g. AUC with network depth down the rows and width across the columns (the complexity sweep of figure 4).
/// Notebooks show the result as an HTML table through the kit's Deedle display.
/// </summary>
public static class ResultsPivot
{
    private sealed record Cell(string Row, string Column, double Value);

    /// <summary>
    /// Rows: the distinct values of <paramref name="rowColumn"/>; columns: the distinct values of
    /// <paramref name="columnColumn"/> (both as invariant text, in order of first appearance in
    /// <paramref name="results"/>, so a sweep keeps its order); each cell: the mean of
    /// <paramref name="valueColumn"/> over the runs that share both values (e.g. several seeds). Runs whose value
    /// is null are left out; a combination without runs is a missing cell.
    /// </summary>
    /// <exception cref="ArgumentException">A named column is not in <paramref name="results"/>, or the value
    /// column is not numeric.</exception>
    public static Frame<string, string> Pivot(
        DataFrame results,
        string rowColumn,
        string columnColumn,
        string valueColumn
    )
    {
        var rowKeys = Column(results, rowColumn);
        var columnKeys = Column(results, columnColumn);
        var values = Column(results, valueColumn);
        if (values is StringDataFrameColumn)
            throw new ArgumentException(
                $"column '{valueColumn}' holds text; the pivot averages numbers",
                nameof(valueColumn)
            );
        var cells = new List<Cell>();
        for (long r = 0; r < results.Rows.Count; r++)
            if (values[r] is { } v)
                cells.Add(
                    new Cell(
                        Key(rowKeys[r]),
                        Key(columnKeys[r]),
                        Convert.ToDouble(v, CultureInfo.InvariantCulture)
                    )
                );
        var rowOrder = cells.Select(c => c.Row).Distinct().ToList();
        var columnOrder = cells.Select(c => c.Column).Distinct().ToList();
        var pivot = Frame
            .FromRecords(cells)
            .PivotTable<int, string, string, string, double>(
                nameof(Cell.Row),
                nameof(Cell.Column),
                bucket => bucket.GetColumn<double>(nameof(Cell.Value)).Mean()
            );
        // Deedle documents no key order for PivotTable; realign so both axes keep the sweep's order (sorting the
        // text keys would put width "128" before "64").
        return pivot.RealignRows(rowOrder).Transpose().RealignRows(columnOrder).Transpose();
    }

    private static DataFrameColumn Column(DataFrame results, string name) =>
        results.Columns.IndexOf(name) >= 0
            ? results.Columns[name]
            : throw new ArgumentException(
                $"no column '{name}'; the table has {string.Join(", ", results.Columns.Select(c => c.Name))}",
                nameof(name)
            );

    private static string Key(object? value) =>
        value switch
        {
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
}
