namespace Kit.Plots;

/// <summary>Where <see cref="PaperStyle.Apply"/> puts the legend.</summary>
public enum LegendPlacement
{
    /// <summary>One row above the plot area, right-aligned (time traces: never covers data).</summary>
    Above,

    /// <summary>Inside the plot area, top right.</summary>
    TopRight,

    /// <summary>Inside the plot area, bottom right.</summary>
    BottomRight,

    /// <summary>No legend.</summary>
    Hidden,
}
