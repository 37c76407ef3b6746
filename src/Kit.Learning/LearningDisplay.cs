using Kit.Core;
using Kit.Learning.Metrics;
using Microsoft.Data.Analysis;

namespace Kit.Learning;

/// <summary>Registers Kit.Learning's notebook formatters with <see cref="DisplayFormatters"/>.</summary>
public static class LearningDisplay
{
    /// <summary>
    /// Microsoft.Data.Analysis DataFrames and Deedle frames render as HTML tables with a plain-text fallback.
    /// Safe to call repeatedly.
    /// </summary>
    public static void Register()
    {
        DisplayFormatters.Register<DataFrame>(df =>
            MimeBundle.Html(ResultsTable.ToHtml(df), df.ToString())
        );
        DisplayFormatters.Register<Deedle.IFrame>(DeedleDisplay.Format);
    }
}
