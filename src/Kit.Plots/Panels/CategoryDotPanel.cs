using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// One metric per named category as dots with 95 % intervals, an optional reference category drawn apart and its
/// value as a dashed line across the panel: for instance test AUC per out-of-distribution condition beside the
/// in-distribution AUC.
/// </summary>
public static class CategoryDotPanel
{
    /// <summary>Builds the panel.</summary>
    /// <param name="categories">Category names, drawn left to right.</param>
    /// <param name="value">The metric of each category (NaN: not drawn).</param>
    /// <param name="low">Lower end of each interval (same length), or null for none.</param>
    /// <param name="high">Upper end of each interval, or null for none.</param>
    /// <param name="yTitle">y axis title with units.</param>
    /// <param name="reference">Index of the reference category (drawn black, its value as a dashed line), or null.</param>
    /// <param name="size">Panel size, default one column by 60 mm.</param>
    /// <param name="title">Panel title.</param>
    /// <exception cref="ArgumentException">No category, lengths differ, or the reference index is out of range.</exception>
    public static GenericChart Create(
        string[] categories,
        double[] value,
        double[]? low,
        double[]? high,
        string yTitle,
        int? reference = null,
        PanelSize? size = null,
        string title = ""
    )
    {
        if (categories.Length == 0)
            throw new ArgumentException("at least one category is needed", nameof(categories));
        PanelInput.SameLength(categories, value, nameof(categories), nameof(value));
        if (low != null)
            PanelInput.SameLength(value, low, nameof(value), nameof(low));
        if (high != null)
            PanelInput.SameLength(value, high, nameof(value), nameof(high));
        if (reference is { } r && (r < 0 || r >= categories.Length))
            throw new ArgumentException(
                $"reference {r} is not a category index (0..{categories.Length - 1})",
                nameof(reference)
            );
        var traces = new List<Trace>();
        var others = Enumerable.Range(0, categories.Length).Where(i => i != reference).ToArray();
        traces.Add(Dots(categories, value, low, high, others, yTitle, PaperStyle.Prediction));
        if (reference is { } k)
        {
            traces.Add(Dots(categories, value, low, high, [k], categories[k], PaperStyle.Truth));
            if (double.IsFinite(value[k]))
            {
                var line = new Trace("scatter");
                line.SetProperty("x", new[] { categories[0], categories[^1] });
                line.SetProperty("y", new[] { value[k], value[k] });
                line.SetProperty("mode", "lines");
                line.SetProperty("showlegend", false);
                line.SetProperty("hoverinfo", "skip");
                line.SetProperty(
                    "line",
                    PaperStyle.Obj(("color", PaperStyle.Reference), ("width", 1), ("dash", "dash"))
                );
                traces.Add(line);
            }
        }
        var xAxis = PaperStyle.Axis("");
        xAxis.SetProperty("type", "category");
        xAxis.SetProperty("categoryorder", "array");
        xAxis.SetProperty("categoryarray", categories);
        return PaperStyle.Apply(
            Traces.Chart([.. traces]),
            size ?? PaperStyle.OneColumn(60),
            title,
            LegendPlacement.TopRight,
            ("xaxis", xAxis),
            ("yaxis", PaperStyle.Axis(yTitle))
        );
    }

    private static Trace Dots(
        string[] categories,
        double[] value,
        double[]? low,
        double[]? high,
        int[] which,
        string name,
        string color
    )
    {
        var t = new Trace("scatter");
        t.SetProperty("x", which.Select(i => categories[i]).ToArray());
        t.SetProperty(
            "y",
            which.Select(i => double.IsFinite(value[i]) ? value[i] : (double?)null).ToArray()
        );
        t.SetProperty("name", name);
        t.SetProperty("mode", "markers");
        t.SetProperty("showlegend", false);
        t.SetProperty("marker", PaperStyle.Obj(("color", color), ("size", 7)));
        if (low != null && high != null)
            t.SetProperty(
                "error_y",
                PaperStyle.Obj(
                    ("type", "data"),
                    ("symmetric", false),
                    ("array", which.Select(i => Finite(high[i] - value[i])).ToArray()),
                    ("arrayminus", which.Select(i => Finite(value[i] - low[i])).ToArray()),
                    ("color", color),
                    ("thickness", 1),
                    ("width", 3)
                )
            );
        return t;
    }

    // An interval that is not finite (too few simulations to resample) draws no bar rather than a broken one.
    private static double Finite(double v) => double.IsFinite(v) ? Math.Max(0, v) : 0;
}
