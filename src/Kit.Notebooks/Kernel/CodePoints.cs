namespace Kit.Notebooks.Kernel;

/// <summary>
/// Converts cursor offsets between Jupyter (protocol 5.2+: Unicode code points) and .NET strings (UTF-16
/// code units); they differ after characters outside the Basic Multilingual Plane.
/// </summary>
internal static class CodePoints
{
    /// <summary>The UTF-16 index of code point offset <paramref name="codePoints"/>.</summary>
    public static int ToUtf16(string text, int codePoints)
    {
        var i = 0;
        for (; codePoints > 0 && i < text.Length; codePoints--)
            i += char.IsSurrogatePair(text, i) ? 2 : 1;
        return Math.Min(i, text.Length);
    }

    /// <summary>The code point offset of UTF-16 index <paramref name="index"/>.</summary>
    public static int FromUtf16(string text, int index)
    {
        var count = 0;
        for (var i = 0; i < index && i < text.Length; count++)
            i += char.IsSurrogatePair(text, i) ? 2 : 1;
        return count;
    }
}
