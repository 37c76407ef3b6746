namespace Kit.Core;

/// <summary>
/// One displayable value as Jupyter sees it: MIME type to content. Text types (<c>text/plain</c>,
/// <c>text/html</c>, <c>image/svg+xml</c>) hold strings; JSON types (<c>application/json</c>,
/// <c>application/vnd.plotly.v1+json</c>) hold a JSON string that the engine embeds as an object;
/// <c>image/png</c> holds base64 text.
/// </summary>
public sealed record MimeBundle(IReadOnlyDictionary<string, string> Data)
{
    /// <summary>MIME types whose string holds JSON to be embedded as an object, not a string.</summary>
    public static bool IsJsonMime(string mime) =>
        mime == "application/json" || mime.EndsWith("+json");

    /// <summary>A plain-text bundle.</summary>
    public static MimeBundle Text(string text) =>
        new(new Dictionary<string, string> { ["text/plain"] = text });

    /// <summary>An HTML bundle with a plain-text fallback.</summary>
    public static MimeBundle Html(string html, string plain) =>
        new(new Dictionary<string, string> { ["text/html"] = html, ["text/plain"] = plain });
}
