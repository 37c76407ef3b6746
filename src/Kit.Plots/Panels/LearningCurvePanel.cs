using Plotly.NET;

namespace Kit.Plots;

/// <summary>Training and validation loss against training step, on a log scale.</summary>
public static class LearningCurvePanel
{
    /// <summary>The two loss curves (validation points that are NaN, i.e. not evaluated, are gaps).</summary>
    /// <param name="steps">Training step of each point.</param>
    /// <param name="trainLoss">Mean training loss at each point.</param>
    /// <param name="validLoss">Validation loss at each point (same length), or null for none.</param>
    /// <param name="size">Panel size, default one column by 55 mm.</param>
    /// <param name="title">Panel title.</param>
    /// <param name="logScale">Log-scaled loss axis (losses fall over orders of magnitude); false for linear.</param>
    /// <exception cref="ArgumentException">Lengths differ, or a log scale is asked for non-positive losses.</exception>
    public static GenericChart Create(
        double[] steps,
        double[] trainLoss,
        double[]? validLoss = null,
        PanelSize? size = null,
        string title = "learning curve",
        bool logScale = true
    )
    {
        PanelInput.SameLength(steps, trainLoss, nameof(steps), nameof(trainLoss));
        if (validLoss != null)
            PanelInput.SameLength(steps, validLoss, nameof(steps), nameof(validLoss));
        if (logScale && trainLoss.Concat(validLoss ?? []).Any(v => double.IsFinite(v) && v <= 0))
            throw new ArgumentException(
                "a log-scaled learning curve needs positive losses; pass logScale: false",
                nameof(trainLoss)
            );
        var x = PanelInput.Opt(steps);
        var traces = new List<Trace>
        {
            Traces.Line(
                x,
                PanelInput.Slice(trainLoss, 0, trainLoss.Length),
                "training",
                PaperStyle.Truth
            ),
        };
        if (validLoss != null)
        {
            // Validation is evaluated less often than training is logged: join the evaluated points.
            var keep = Enumerable
                .Range(0, validLoss.Length)
                .Where(i => double.IsFinite(validLoss[i]))
                .ToArray();
            traces.Add(
                Traces.Line(
                    keep.Select(i => (double?)steps[i]),
                    keep.Select(i => (double?)validLoss[i]),
                    "validation",
                    PaperStyle.Prediction
                )
            );
        }
        var y = PaperStyle.Axis("loss");
        if (logScale)
            y.SetProperty("type", "log"); // raw plotly.js axis attribute, as the rest of PaperStyle.Axis
        return PaperStyle.Apply(
            Traces.Chart([.. traces]),
            size ?? PaperStyle.OneColumn(55),
            title,
            LegendPlacement.TopRight,
            ("xaxis", PaperStyle.Axis("training step")),
            ("yaxis", y)
        );
    }
}
