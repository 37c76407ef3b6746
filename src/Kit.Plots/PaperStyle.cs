using Plotly.NET;

namespace Kit.Plots;

/// <summary>
/// The kit's one figure look: white background, Arial/Helvetica at journal sizes, thin black axis lines with
/// ticks outside and no grid, and fixed colours for excitation, inhibition, truth and prediction.
/// Every builder applies it through <see cref="Apply"/> and <see cref="Axis"/>, so all panels look alike.
/// Sizes are CSS pixels (96 per inch, as plotly.js lays out); <see cref="ScaleForDpi"/> turns a print
/// resolution into the raster export scale.
/// <para>
/// Typed and raw: fonts (<see cref="Plotly.NET.Font"/>), margins (<c>Margin.init</c>) and colours
/// (<see cref="Color"/>) use Plotly.NET's typed API. Axes, legend, title, config and the traces
/// (<see cref="Traces"/>) are plotly.js attributes set by name on Plotly.NET's <c>DynamicObj</c>, which it
/// serialises as is (names: https://plotly.com/javascript/reference/). Their typed constructors
/// (<c>LinearAxis.init</c>, <c>Legend.init</c>, <c>Title.init</c>, <c>Config.init</c>,
/// <c>Trace2DStyle.Scatter</c>) are F# methods with 20 to 100 optional parameters, and F# optional parameters
/// are required in C#: every one would have to be passed, mostly as null. The C# wrapper Plotly.NET.CSharp
/// covers chart constructors, not these objects, so the kit does not carry it.
/// </para>
/// </summary>
public static class PaperStyle
{
    /// <summary>Excitatory synapses and filters (matplotlib tab:red).</summary>
    public const string Excitatory = "#d62728";

    /// <summary>Inhibitory synapses and filters (matplotlib tab:blue).</summary>
    public const string Inhibitory = "#1f77b4";

    /// <summary>Ground truth (the simulated neuron).</summary>
    public const string Truth = "#000000";

    /// <summary>Network prediction (matplotlib tab:green, distinct from truth and from E/I colours).</summary>
    public const string Prediction = "#2ca02c";

    /// <summary>Reference lines: chance diagonal, identity, zero lag.</summary>
    public const string Reference = "#7f7f7f";

    /// <summary>Font stack: Arial where installed, Helvetica on macOS, any sans-serif otherwise.</summary>
    public const string FontFamily = "Arial, Helvetica, sans-serif";

    /// <summary>Base font size in points (tick labels, legend).</summary>
    public const double FontPt = 9;

    /// <summary>Axis-title and panel-title font size in points.</summary>
    public const double TitlePt = 10;

    /// <summary>Axis line width in CSS pixels (0.75 pt).</summary>
    public const double AxisLineWidth = 1;

    /// <summary>Data line width in CSS pixels.</summary>
    public const double TraceLineWidth = 1.25;

    /// <summary>Width of a one-column figure in a journal (Neuron, Cell Press), mm.</summary>
    public const double OneColumnMm = 85;

    /// <summary>Width of a two-column (full-width) figure, mm.</summary>
    public const double TwoColumnMm = 180;

    /// <summary>CSS pixels per inch; plotly.js lays out in CSS pixels.</summary>
    public const double CssDpi = 96;

    /// <summary>Diverging colour scale for signed weights: blue (negative), white (0), red (positive).</summary>
    public static readonly (double Position, string Color)[] DivergingScale =
    [
        (0.0, "#08306b"),
        (0.25, "#4292c6"),
        (0.5, "#ffffff"),
        (0.75, "#ef3b2c"),
        (1.0, "#67000d"),
    ];

    /// <summary>Converts millimetres to pixels at <paramref name="dpi"/> (default: CSS pixels, 96 dpi).</summary>
    public static int MmToPx(double mm, double dpi = CssDpi)
    {
        if (!(mm > 0) || !(dpi > 0))
            throw new ArgumentOutOfRangeException(
                nameof(mm),
                $"mm ({mm}) and dpi ({dpi}) must be positive"
            );
        return (int)Math.Round(mm / 25.4 * dpi);
    }

    /// <summary>Converts points (1/72 in) to CSS pixels, the unit of plotly.js font sizes.</summary>
    public static double PtToPx(double pt) => pt * CssDpi / 72.0;

    /// <summary>
    /// The raster export scale that turns a layout in CSS pixels into an image at <paramref name="dpi"/>:
    /// a 85 mm panel (321 px) exported at 300 dpi has scale 3.125 and is 1004 px wide.
    /// </summary>
    public static double ScaleForDpi(double dpi) =>
        dpi > 0
            ? dpi / CssDpi
            : throw new ArgumentOutOfRangeException(nameof(dpi), "dpi must be positive");

    /// <summary>A panel size in CSS pixels from a width and height in millimetres.</summary>
    public static PanelSize Panel(double widthMm, double heightMm) =>
        new(MmToPx(widthMm), MmToPx(heightMm));

    /// <summary>A one-column panel (85 mm wide) of the given height in mm.</summary>
    public static PanelSize OneColumn(double heightMm = 60) => Panel(OneColumnMm, heightMm);

    /// <summary>A two-column panel (180 mm wide) of the given height in mm.</summary>
    public static PanelSize TwoColumns(double heightMm = 60) => Panel(TwoColumnMm, heightMm);

    /// <summary>
    /// A cartesian axis in the paper style: black line, outside ticks, no grid, no zero line.
    /// </summary>
    /// <param name="title">Axis title with units, e.g. <c>time (ms)</c>.</param>
    /// <param name="range">Fixed range, or null for autorange.</param>
    /// <param name="domain">Fraction of the plot area the axis spans (for insets and stacked panels).</param>
    /// <param name="anchor">The crossing axis id (<c>x</c>, <c>y2</c>, ...), or null for the default.</param>
    public static DynamicObj.DynamicObj Axis(
        string title,
        (double From, double To)? range = null,
        (double From, double To)? domain = null,
        string? anchor = null
    )
    {
        var axis = new DynamicObj.DynamicObj();
        axis.SetProperty("title", Obj(("text", title), ("font", Font(TitlePt)), ("standoff", 4)));
        axis.SetProperty("showline", true);
        axis.SetProperty("linecolor", "#000000");
        axis.SetProperty("linewidth", AxisLineWidth);
        axis.SetProperty("mirror", false);
        axis.SetProperty("ticks", "outside");
        axis.SetProperty("ticklen", 3);
        axis.SetProperty("tickwidth", AxisLineWidth);
        axis.SetProperty("tickcolor", "#000000");
        axis.SetProperty("tickfont", Font(FontPt));
        axis.SetProperty("showgrid", false);
        axis.SetProperty("zeroline", false);
        axis.SetProperty("automargin", true);
        if (range is { } r)
        {
            axis.SetProperty("range", new[] { r.From, r.To });
            axis.SetProperty("autorange", false);
        }
        if (domain is { } d)
            axis.SetProperty("domain", new[] { d.From, d.To });
        if (anchor != null)
            axis.SetProperty("anchor", anchor);
        return axis;
    }

    /// <summary>
    /// An <see cref="Axis"/> whose scale is tied to another axis (<paramref name="anchorTo"/>, e.g. <c>x</c>) so one
    /// unit is as long on both, constrained to its domain: for scatter plots of a quantity against itself.
    /// </summary>
    /// <param name="title">Axis title with units.</param>
    /// <param name="range">Fixed range.</param>
    /// <param name="anchorTo">The axis whose scale this one follows, or null for the reference axis itself.</param>
    public static DynamicObj.DynamicObj EqualScaleAxis(
        string title,
        (double From, double To) range,
        string? anchorTo
    )
    {
        var axis = Axis(title, range);
        if (anchorTo != null)
        {
            axis.SetProperty("scaleanchor", anchorTo);
            axis.SetProperty("scaleratio", 1);
        }
        axis.SetProperty("constrain", "domain");
        return axis;
    }

    /// <summary>The paper font at <paramref name="pt"/> points (Plotly.NET's typed <see cref="Plotly.NET.Font"/>).</summary>
    public static Font Font(double pt, string color = "#000000") =>
        Plotly.NET.Font.init(
            Family: StyleParam.FontFamily.NewCustom(FontFamily),
            Size: Math.Round(PtToPx(pt), 2),
            Color: Color.fromHex(color)
        );

    /// <summary>
    /// Applies the paper layout to <paramref name="chart"/>: size, white background, fonts, compact margins,
    /// a small legend, the panel title, and the axes given by id (<c>xaxis</c>, <c>yaxis2</c>, ...).
    /// </summary>
    /// <param name="chart">The traces.</param>
    /// <param name="size">Figure size in CSS pixels.</param>
    /// <param name="title">Panel title (top left, in the margin), or null.</param>
    /// <param name="legend">Legend placement.</param>
    /// <param name="axes">Axes by layout id.</param>
    public static GenericChart Apply(
        GenericChart chart,
        PanelSize size,
        string? title,
        LegendPlacement legend,
        params (string Id, DynamicObj.DynamicObj Axis)[] axes
    )
    {
        var layout = new Layout();
        layout.SetProperty("width", size.WidthPx);
        layout.SetProperty("height", size.HeightPx);
        layout.SetProperty("autosize", false);
        layout.SetProperty("paper_bgcolor", "#ffffff");
        layout.SetProperty("plot_bgcolor", "#ffffff");
        layout.SetProperty("font", Font(FontPt));
        layout.SetProperty(
            "margin",
            Plotly.NET.LayoutObjects.Margin.init<int, int, int, int, int, bool>(
                Left: 48,
                Right: 12,
                Top: title is null && legend != LegendPlacement.Above ? 12 : 30,
                Bottom: 40,
                Pad: 0,
                Autoexpand: null // not set: plotly.js's default
            )
        );
        layout.SetProperty("showlegend", legend != LegendPlacement.Hidden);
        var (lx, ly, yAnchor, orientation) = legend switch
        {
            LegendPlacement.Above => (1.0, 1.0, "bottom", "h"),
            LegendPlacement.BottomRight => (1.0, 0.02, "bottom", "v"),
            _ => (1.0, 1.0, "top", "v"),
        };
        layout.SetProperty(
            "legend",
            Obj(
                ("font", Font(FontPt - 1)),
                ("bgcolor", "rgba(255,255,255,0)"),
                ("borderwidth", 0),
                ("orientation", orientation),
                ("x", lx),
                ("xanchor", "right"),
                ("y", ly),
                ("yanchor", yAnchor),
                ("itemwidth", 30),
                ("tracegroupgap", 0)
            )
        );
        layout.SetProperty("hovermode", "closest");
        if (title != null)
            layout.SetProperty(
                "title",
                Obj(
                    ("text", title),
                    ("font", Font(TitlePt)),
                    ("x", 0.02),
                    ("xanchor", "left"),
                    ("y", 0.98)
                )
            );
        foreach (var (id, axis) in axes)
            layout.SetProperty(id, axis);
        var config = new Config();
        config.SetProperty("displaylogo", false);
        config.SetProperty("responsive", false);
        config.SetProperty(
            "toImageButtonOptions",
            Obj(("format", "svg"), ("width", size.WidthPx), ("height", size.HeightPx), ("scale", 1))
        );
        return GenericChart.setConfig(config, GenericChart.setLayout(layout, chart));
    }

    /// <summary>Builds a plotly sub-object from name/value pairs.</summary>
    internal static DynamicObj.DynamicObj Obj(params (string Name, object Value)[] properties)
    {
        var o = new DynamicObj.DynamicObj();
        foreach (var (name, value) in properties)
            o.SetProperty(name, value);
        return o;
    }
}
