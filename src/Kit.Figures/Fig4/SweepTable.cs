using System.Globalization;
using System.Text;
using Kit.Core;
using Microsoft.Data.Analysis;

namespace Kit.Figures.Fig4;

/// <summary>
/// The sweep's results as one table: <c>figures/04-complexity/sweep.csv</c>, the row files of each shard, and the
/// one-row file a point's cache entry holds, all in one CSV format (invariant culture, header row, columns
/// <see cref="Columns"/>; <c>kernels_ms</c> and <c>auc_bootstrap</c> are space-separated lists). Rows are kept in
/// <see cref="Order"/> (NMDA first, then depth, width, history), so a merge of shard files equals the table of one
/// unsharded run.
/// </summary>
public static class SweepTable
{
    /// <summary>The columns, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "synapses",
        "depth",
        "width",
        "history_ms",
        "kernels_ms",
        "parameters",
        "auc",
        "auc_ci_lo",
        "auc_ci_hi",
        "tpr_at_fpr_0.002",
        "rmse_mv_rescaled",
        "train_seconds",
        "train_steps",
        "simulations_kept",
        "bootstrap_seed",
        "auc_bootstrap",
    ];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Rows sorted: NMDA before AMPA, then by depth, width and history.</summary>
    public static IReadOnlyList<SweepRow> Order(IEnumerable<SweepRow> rows) =>
        [
            .. rows.OrderBy(r => r.Point.SynapsesName == "nmda" ? 0 : 1)
                .ThenBy(r => r.Point.Depth)
                .ThenBy(r => r.Point.Width)
                .ThenBy(r => r.Point.HistoryMs),
        ];

    /// <summary>Writes <paramref name="rows"/> (sorted, <see cref="Order"/>) as CSV, atomically.</summary>
    public static void Write(string path, IEnumerable<SweepRow> rows)
    {
        var sb = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var r in Order(rows))
        {
            var p = r.Point;
            string[] cells =
            [
                p.SynapsesName,
                I(p.Depth),
                I(p.Width),
                I(p.HistoryMs),
                string.Join(" ", p.KernelSizesMs.Select(I)),
                r.Parameters.ToString(C),
                D(r.Auc),
                D(r.AucCiLo),
                D(r.AucCiHi),
                D(r.TprAtFpr),
                D(r.RmseMvRescaled),
                D(r.TrainSeconds),
                r.TrainSteps.ToString(C),
                I(r.SimulationsKept),
                I(r.BootstrapSeed),
                string.Join(" ", r.AucBootstrap.Select(D)),
            ];
            sb.Append(string.Join(",", cells)).Append('\n');
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir != null)
            Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    private static string I(int x) => x.ToString(C);

    // Round-trip precision: a merged table must equal the table it came from.
    private static string D(double x) => x.ToString("R", C);

    /// <summary>Reads a file <see cref="Write"/> wrote.</summary>
    /// <exception cref="InvalidDataException">Not a sweep table (another header: the message names the file and
    /// the first column that differs), or a malformed row (the message names file, line and column).</exception>
    public static IReadOnlyList<SweepRow> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
            throw new InvalidDataException($"{path}: empty, not a sweep table (no header)");
        var header = lines[0].Split(',');
        for (int c = 0; c < Math.Max(header.Length, Columns.Count); c++)
        {
            string? found = c < header.Length ? header[c] : null;
            string? expected = c < Columns.Count ? Columns[c] : null;
            if (found != expected)
                throw new InvalidDataException(
                    $"{path}: not a sweep table: header column {c + 1} is "
                        + (found is null ? "missing" : $"\"{found}\"")
                        + $", expected {(expected is null ? "no more columns" : $"\"{expected}\"")} "
                        + $"(a sweep table's columns: {string.Join(",", Columns)})"
                );
        }
        var rows = new List<SweepRow>();
        for (int l = 1; l < lines.Length; l++)
        {
            if (lines[l].Length == 0)
                continue;
            var cells = lines[l].Split(',');
            if (cells.Length != Columns.Count)
                throw new InvalidDataException(
                    $"{path}, line {l + 1}: {cells.Length} cells, the header has {Columns.Count}"
                );
            rows.Add(ParseRow(path, l + 1, cells));
        }
        return rows;
    }

    private static SweepRow ParseRow(string path, int line, string[] cells)
    {
        T Cell<T>(int c, Func<string, T> parse)
        {
            try
            {
                return parse(cells[c]);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException(
                    $"{path}, line {line}, column {Columns[c]}: \"{cells[c]}\" ({e.Message})"
                );
            }
        }
        static int Int(string s) => int.Parse(s, NumberStyles.Integer, C);
        static double Dbl(string s) => double.Parse(s, NumberStyles.Float, C);
        static string[] List(string s) =>
            s.Length == 0 ? [] : s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var point = new SweepPoint(
            Cell(0, SweepPoint.ParseSynapses),
            Cell(1, Int),
            Cell(2, Int),
            Cell(3, Int)
        );
        var kernels = Cell(4, s => List(s).Select(Int).ToArray());
        if (!kernels.SequenceEqual(point.KernelSizesMs))
            throw new InvalidDataException(
                $"{path}, line {line}, column kernels_ms: \"{cells[4]}\", but depth {point.Depth} and history "
                    + $"{point.HistoryMs} ms give \"{string.Join(" ", point.KernelSizesMs)}\" (a table of another kit version?)"
            );
        return new SweepRow(
            point,
            Cell(5, s => long.Parse(s, NumberStyles.Integer, C)),
            Cell(6, Dbl),
            Cell(7, Dbl),
            Cell(8, Dbl),
            Cell(9, Dbl),
            Cell(10, Dbl),
            Cell(11, Dbl),
            Cell(12, s => long.Parse(s, NumberStyles.Integer, C)),
            Cell(13, Int),
            Cell(14, Int),
            Cell(15, s => List(s).Select(Dbl).ToArray())
        );
    }

    /// <summary>
    /// The rows of every sweep table in <paramref name="paths"/> (files, or folders whose <c>*.csv</c> files are
    /// read), as one sorted table. A point found in several files (a shard rerun, a notebook run beside the shard
    /// files) is kept once when the rows agree.
    /// </summary>
    /// <exception cref="InvalidDataException">A file is not a sweep table, a path does not exist, a folder holds no
    /// CSV, or two files hold different results for the same point (the message names both).</exception>
    public static IReadOnlyList<SweepRow> Merge(IEnumerable<string> paths)
    {
        var byPoint = new Dictionary<SweepPoint, (SweepRow Row, string File)>();
        foreach (var file in Files(paths))
        foreach (var row in Read(file))
        {
            if (byPoint.TryGetValue(row.Point, out var seen))
            {
                if (!seen.Row.SameAs(row))
                    throw new InvalidDataException(
                        $"{file}: point {row.Point} differs from the same point in {seen.File} "
                            + "(two different trainings of one network; remove one file or rerun the point)"
                    );
                continue;
            }
            byPoint[row.Point] = (row, file);
        }
        return Order(byPoint.Values.Select(v => v.Row));
    }

    private static IEnumerable<string> Files(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path))
                yield return path;
            else if (Directory.Exists(path))
            {
                var files = Directory
                    .GetFiles(path, "*.csv")
                    .Order(StringComparer.Ordinal)
                    .ToArray();
                if (files.Length == 0)
                    throw new InvalidDataException(
                        $"{path}: no sweep tables (*.csv) in this folder"
                    );
                foreach (var f in files)
                    yield return f;
            }
            else
                throw new InvalidDataException($"{path}: no such file or folder");
        }
    }

    /// <summary>
    /// The table as a Microsoft.Data.Analysis <see cref="DataFrame"/> (what the notebook shows and filters): the
    /// columns of the CSV but the replicate AUCs.
    /// </summary>
    public static DataFrame ToDataFrame(IReadOnlyList<SweepRow> rows) =>
        new(
            new StringDataFrameColumn("synapses", rows.Select(r => r.Point.SynapsesName)),
            new Int32DataFrameColumn("depth", rows.Select(r => r.Point.Depth)),
            new Int32DataFrameColumn("width", rows.Select(r => r.Point.Width)),
            new Int32DataFrameColumn("history_ms", rows.Select(r => r.Point.HistoryMs)),
            new StringDataFrameColumn(
                "kernels_ms",
                rows.Select(r => string.Join(" ", r.Point.KernelSizesMs))
            ),
            new Int64DataFrameColumn("parameters", rows.Select(r => r.Parameters)),
            new DoubleDataFrameColumn("auc", rows.Select(r => r.Auc)),
            new DoubleDataFrameColumn("auc_ci_lo", rows.Select(r => r.AucCiLo)),
            new DoubleDataFrameColumn("auc_ci_hi", rows.Select(r => r.AucCiHi)),
            new DoubleDataFrameColumn("tpr_at_fpr_0.002", rows.Select(r => r.TprAtFpr)),
            new DoubleDataFrameColumn("rmse_mv_rescaled", rows.Select(r => r.RmseMvRescaled)),
            new DoubleDataFrameColumn("train_seconds", rows.Select(r => r.TrainSeconds)),
            new Int64DataFrameColumn("train_steps", rows.Select(r => r.TrainSteps)),
            new Int32DataFrameColumn("simulations_kept", rows.Select(r => r.SimulationsKept))
        );
}
