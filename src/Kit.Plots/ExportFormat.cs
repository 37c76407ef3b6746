namespace Kit.Plots;

/// <summary>File formats <see cref="ChartExport"/> writes; combine with <c>|</c>.</summary>
[Flags]
public enum ExportFormat
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Self-contained interactive page with plotly.js embedded.</summary>
    Html = 1,

    /// <summary>Raster image at the requested size times the scale (needs Chromium).</summary>
    Png = 2,

    /// <summary>Vector image from plotly.js (needs Chromium).</summary>
    Svg = 4,

    /// <summary>Vector PDF, one page the size of the figure (needs Chromium).</summary>
    Pdf = 8,

    /// <summary>All four formats.</summary>
    All = Html | Png | Svg | Pdf,
}
