using System.Reflection;

namespace Kit.Plots;

/// <summary>
/// The plotly.js bundle shipped inside the Plotly.NET assembly (an embedded resource), so pages and notebook
/// outputs can embed it and work offline, with no CDN.
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<(string Version, string Source)> bundle = new(Load);

    /// <summary>The plotly.js version, e.g. <c>2.28.0</c>.</summary>
    public static string Version => bundle.Value.Version;

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => bundle.Value.Source;

    private static (string, string) Load()
    {
        var asm = typeof(Plotly.NET.GenericChart).Assembly;
        var name =
            asm.GetManifestResourceNames()
                .FirstOrDefault(n =>
                    n.Contains("plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js")
                )
            ?? throw new InvalidOperationException(
                $"plotly.js is not embedded in {asm.GetName().Name} {asm.GetName().Version}; "
                    + "the Plotly.NET package layout changed"
            );
        using var stream = asm.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        var start = name.IndexOf("plotly-", StringComparison.Ordinal) + "plotly-".Length;
        var version = name[start..^".min.js".Length];
        return (version, reader.ReadToEnd());
    }

    /// <summary>The source made safe to inline in a <c>&lt;script&gt;</c> element.</summary>
    internal static string InlineSource =>
        Source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
}
