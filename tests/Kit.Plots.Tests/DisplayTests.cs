using System.Text.Json;
using Kit.Core;
using Kit.Plots;

namespace Kit.Plots.Tests;

public sealed class DisplayTests
{
    [Fact]
    public void ChartsFormatAsPlotlyMimeWithHtmlFallbackLoadingPlotlyOnce()
    {
        PlotsDisplay.Register();
        PlotsDisplay.ResetSession();
        var chart = CrossCorrelationPanel.Create([-1, 0, 1], [0.2, 1, 0.2]);

        var first = DisplayFormatters.Format(chart);
        var second = DisplayFormatters.Format(chart);

        Assert.True(MimeBundle.IsJsonMime(PlotsDisplay.PlotlyMime));
        using var doc = JsonDocument.Parse(first.Data[PlotsDisplay.PlotlyMime]);
        Assert.Equal(2, doc.RootElement.GetProperty("data").GetArrayLength());
        Assert.True(doc.RootElement.TryGetProperty("layout", out _));
        Assert.True(doc.RootElement.TryGetProperty("config", out _));
        Assert.StartsWith("Plotly chart: 2 trace(s) (scatter x2), 321x", first.Data["text/plain"]);

        var plotlySnippet = PlotlyJs.Source[..500];
        Assert.Contains(plotlySnippet, first.Data["text/html"]);
        Assert.Contains("if (!window.Plotly)", first.Data["text/html"]);
        Assert.DoesNotContain(plotlySnippet, second.Data["text/html"]);
        Assert.Contains("window.Plotly.newPlot", second.Data["text/html"]);
        Assert.True(second.Data["text/html"].Length < 20_000);
        Assert.DoesNotMatch(@"<script[^>]*\ssrc\s*=", first.Data["text/html"]);

        PlotsDisplay.ResetSession();
        Assert.Contains(plotlySnippet, DisplayFormatters.Format(chart).Data["text/html"]);
    }
}
