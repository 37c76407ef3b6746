using System.Globalization;
using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// Temporal cross-sections of a learned filter (mean excitatory and mean inhibitory weight per lag), optionally
/// with a fitted exponential <c>A e^(-t/τ)</c> overlaid and τ in its legend entry.
/// </summary>
public static class FilterCrossSectionPanel
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The two cross-sections and, when given, the fit.</summary>
    /// <param name="lagsMs">Lags, ms.</param>
    /// <param name="exc">Mean excitatory filter per lag.</param>
    /// <param name="inh">Mean inhibitory filter per lag.</param>
    /// <param name="fit">Exponential fitted to the excitatory cross-section, or null for none.</param>
    /// <param name="size">Panel size, default one column by 55 mm.</param>
    /// <param name="title">Panel title, or null to leave the place to the legend row above the plot.</param>
    public static GenericChart Create(
        double[] lagsMs,
        double[] exc,
        double[] inh,
        ExponentialCurve? fit = null,
        PanelSize? size = null,
        string? title = null
    )
    {
        PanelInput.SameLength(lagsMs, exc, nameof(lagsMs), nameof(exc));
        PanelInput.SameLength(lagsMs, inh, nameof(lagsMs), nameof(inh));
        var traces = new List<Trace>
        {
            Traces.Line(
                PanelInput.Opt(lagsMs),
                PanelInput.Opt(exc),
                "excitatory",
                PaperStyle.Excitatory
            ),
            Traces.Line(
                PanelInput.Opt(lagsMs),
                PanelInput.Opt(inh),
                "inhibitory",
                PaperStyle.Inhibitory
            ),
        };
        if (fit is { } f)
        {
            if (!(f.TauMs > 0))
                throw new ArgumentOutOfRangeException(
                    nameof(fit),
                    $"fit.TauMs ({f.TauMs}) must be positive"
                );
            var maxLag = lagsMs.Length == 0 ? 0 : lagsMs.Max();
            var fx = Enumerable.Range(0, 201).Select(i => (double?)(maxLag * i / 200.0)).ToArray();
            var fy = fx.Select(t => (double?)f.At(t!.Value)).ToArray();
            var fitName = string.Create(Inv, $"A·e<sup>−t/τ</sup>, τ = {f.TauMs:0.0} ms");
            traces.Add(Traces.Line(fx, fy, fitName, PaperStyle.Truth, width: 1, dash: "dash"));
        }
        return PaperStyle.Apply(
            Traces.Chart([.. traces]),
            size ?? PaperStyle.OneColumn(55),
            title,
            LegendPlacement.Above,
            ("xaxis", PaperStyle.Axis("time before t (ms)")),
            ("yaxis", PaperStyle.Axis("mean weight"))
        );
    }
}
