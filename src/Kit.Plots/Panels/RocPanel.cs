using System.Globalization;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// A ROC curve of spike prediction with the chance diagonal, the AUC in the title and an inset magnifying low
/// false-positive rates (where the paper's TPR at FPR 0.002 is read).
/// </summary>
public static class RocPanel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The curve and its inset.</summary>
    /// <param name="fpr">False-positive rates.</param>
    /// <param name="tpr">True-positive rates (same length).</param>
    /// <param name="auc">Area under the curve.</param>
    /// <param name="insetMaxFpr">Right end of the inset's x range.</param>
    /// <param name="size">Panel size, default one column by 70 mm.</param>
    public static GenericChart Create(
        double[] fpr,
        double[] tpr,
        double auc,
        double insetMaxFpr = 0.04,
        PanelSize? size = null
    )
    {
        PanelInput.SameLength(fpr, tpr, nameof(fpr), nameof(tpr));
        // The inset gets the points up to the first one past its range, so its line reaches the edge.
        var cut = Array.FindIndex(fpr, f => f > insetMaxFpr);
        var n = cut < 0 ? fpr.Length : cut + 1;
        var insetMinTpr =
            n == 0 ? 0 : tpr.Take(Math.Max(1, cut < 0 ? n : cut)).DefaultIfEmpty(0).Min();
        var chart = Traces.Chart(
            Traces.Line(
                [0, 1],
                [0, 1],
                "chance",
                PaperStyle.Reference,
                width: 1,
                dash: "dot",
                showLegend: false
            ),
            Traces.Line(
                PanelInput.Opt(fpr),
                PanelInput.Opt(tpr),
                "ROC",
                PaperStyle.Prediction,
                showLegend: false
            ),
            Traces.Line(
                PanelInput.Opt(fpr[..n]),
                PanelInput.Opt(tpr[..n]),
                "ROC (inset)",
                PaperStyle.Prediction,
                xaxis: "x2",
                yaxis: "y2",
                showLegend: false
            )
        );
        return PaperStyle.Apply(
            chart,
            size ?? PaperStyle.OneColumn(70),
            string.Create(Inv, $"AUC = {auc:0.0000}"),
            LegendPlacement.Hidden,
            ("xaxis", PaperStyle.Axis("false positive rate", (0, 1))),
            ("yaxis", PaperStyle.Axis("true positive rate", (0, 1.0))),
            ("xaxis2", Inset(PaperStyle.Axis("", (0, insetMaxFpr), (0.45, 0.97), "y2"))),
            (
                "yaxis2",
                Inset(
                    PaperStyle.Axis("", (Math.Floor(insetMinTpr * 10) / 10, 1), (0.12, 0.6), "x2")
                )
            )
        );
    }

    /// <summary>
    /// Thins a ROC curve for drawing: keeps the end points and every point that moves at least
    /// <paramref name="step"/> in FPR or TPR from the last kept one (a test-set ROC has a point per distinct score).
    /// </summary>
    public static (double[] Fpr, double[] Tpr) Decimate(double[] fpr, double[] tpr, double step)
    {
        PanelInput.SameLength(fpr, tpr, nameof(fpr), nameof(tpr));
        var f = new List<double>();
        var p = new List<double>();
        for (int i = 0; i < fpr.Length; i++)
        {
            bool keep =
                i == 0
                || i == fpr.Length - 1
                || Math.Abs(fpr[i] - f[^1]) >= step
                || Math.Abs(tpr[i] - p[^1]) >= step;
            if (keep)
            {
                f.Add(fpr[i]);
                p.Add(tpr[i]);
            }
        }
        return (f.ToArray(), p.ToArray());
    }

    // Inset axes: mirrored frame, short ticks, three ticks (raw plotly.js axis attributes, as in PaperStyle.Axis).
    private static DynamicObj.DynamicObj Inset(DynamicObj.DynamicObj axis)
    {
        axis.SetProperty("mirror", true);
        axis.SetProperty("ticklen", 2);
        axis.SetProperty("nticks", 3);
        return axis;
    }
}
