namespace Kit.Plots;

/// <summary>A figure or panel size in CSS pixels (96 per inch), the unit plotly.js lays out in.</summary>
/// <param name="WidthPx">Width in CSS pixels.</param>
/// <param name="HeightPx">Height in CSS pixels.</param>
public readonly record struct PanelSize(int WidthPx, int HeightPx)
{
    /// <summary>Width in millimetres (at 96 CSS pixels per inch).</summary>
    public double WidthMm => WidthPx * 25.4 / PaperStyle.CssDpi;

    /// <summary>Height in millimetres (at 96 CSS pixels per inch).</summary>
    public double HeightMm => HeightPx * 25.4 / PaperStyle.CssDpi;
}
