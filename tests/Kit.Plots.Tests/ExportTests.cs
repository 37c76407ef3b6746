using System.Diagnostics;
using System.Xml.Linq;
using Kit.Plots;

namespace Kit.Plots.Tests;

/// <summary>Tests that read or change NEURONKIT_CHROMIUM run one at a time.</summary>
[CollectionDefinition("chromium", DisableParallelization = true)]
public sealed class ChromiumCollection;

[Collection("chromium")]
public sealed class ExportTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("kit-plots-test-");

    public void Dispose() => dir.Delete(recursive: true);

    private static string SkipReason =>
        "Chromium not found (apt-get install chromium, or set NEURONKIT_CHROMIUM): image export not tested";

    [Fact]
    public void SaveHtmlEmbedsPlotlyAndHasNoCdnLink()
    {
        var chart = CrossCorrelationPanel.Create([-1, 0, 1], [0.2, 1, 0.2]);
        var path = ChartExport.SaveHtml(chart, Path.Combine(dir.FullName, "sub", "x.html"));
        var html = File.ReadAllText(path);
        Assert.Contains(PlotlyJs.Source[..2000], html);
        Assert.True(PlotlyJs.Source.Length > 1_000_000, "plotly.js bundle looks truncated");
        Assert.DoesNotMatch(@"<script[^>]*\ssrc\s*=\s*[""']?(https?:)?//", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void WithoutChromiumHtmlIsWrittenAndTheHintReturned()
    {
        var old = Environment.GetEnvironmentVariable(Chromium.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(
                Chromium.EnvironmentVariable,
                "/nonexistent/chromium-for-test"
            );
            Assert.Null(Chromium.Find());
            var basePath = Path.Combine(dir.FullName, "none");
            var result = ChartExport.Export(
                CrossCorrelationPanel.Create([-1, 0, 1], [0.2, 1, 0.2]),
                basePath,
                ExportFormat.All,
                300,
                200
            );
            Assert.True(File.Exists(basePath + ".html"));
            Assert.Equal([ExportFormat.Html], result.Written.Keys);
            Assert.Equal([ExportFormat.Png, ExportFormat.Svg, ExportFormat.Pdf], result.Skipped);
            Assert.NotNull(result.Hint);
            Assert.Contains("Chromium not found", result.Hint);
            Assert.Contains("apt-get install chromium", result.Hint);
            Assert.DoesNotContain('\n', result.Hint);
            Assert.False(File.Exists(basePath + ".png"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Chromium.EnvironmentVariable, old);
        }
    }

    [SkippableFact]
    public void PngSvgPdfHaveTheRequestedSizeAndAreNotBlank()
    {
        Skip.If(Chromium.Find() is null, SkipReason);
        var d = SyntheticPanels.Make();
        var chart = VoltageTracePanel.Compare(d.TrueMv, d.PredMv, d.StartMs, d.WindowMs);
        var basePath = Path.Combine(dir.FullName, "v");
        var result = ChartExport.Export(
            chart,
            basePath,
            ExportFormat.Png | ExportFormat.Svg | ExportFormat.Pdf,
            400,
            250,
            scale: 2
        );
        Assert.True(result.Complete, result.Hint);
        Assert.Null(result.Hint);

        var png = ImageChecks.DecodePng(File.ReadAllBytes(basePath + ".png"));
        Assert.Equal((800, 500), (png.Width, png.Height));
        var ink = ImageChecks.InkFraction(png);
        Assert.InRange(ink, 0.005, 0.6);

        var svg = XDocument.Load(basePath + ".svg").Root!;
        Assert.Equal("svg", svg.Name.LocalName);
        Assert.Equal("400", svg.Attribute("width")?.Value);
        Assert.Equal("250", svg.Attribute("height")?.Value);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName == "path");

        var pdf = File.ReadAllBytes(basePath + ".pdf");
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var boxes = ImageChecks.PdfMediaBoxes(pdf);
        Assert.Single(boxes); // one page: the figure fits its @page exactly
        Assert.InRange(boxes[0].W, 400 * 0.75 - 1, 400 * 0.75 + 1); // CSS px -> pt: 72/96
        Assert.InRange(boxes[0].H, 250 * 0.75 - 1, 250 * 0.75 + 1);
    }

    [SkippableFact]
    public void SavedHtmlRendersOfflineInChromium()
    {
        var exe = Chromium.Find();
        Skip.If(exe is null, SkipReason);
        var path = ChartExport.SaveHtml(
            CrossCorrelationPanel.Create([-1, 0, 1], [0.2, 1, 0.2]),
            Path.Combine(dir.FullName, "r.html")
        );
        using var page = ChromiumSession.Start(exe!, TimeSpan.FromSeconds(120));
        page.Navigate(new Uri(path), TimeSpan.FromSeconds(120));
        // plotly.js drew the chart from the embedded bundle
        var drawn = page.Evaluate(
            "document.querySelectorAll('svg.main-svg').length",
            TimeSpan.FromSeconds(30)
        );
        Assert.True(drawn.GetInt32() > 0);
    }

    [SkippableFact]
    public void EveryKindOfPanelExports()
    {
        Skip.If(Chromium.Find() is null, SkipReason);
        var outDir = Path.Combine(Path.GetTempPath(), "neuronkit-panels-demo");
        var panels = SyntheticPanels.AllPanels(SyntheticPanels.Make());
        var clock = Stopwatch.StartNew();
        var results = ChartExport.ExportAll(
            panels,
            outDir,
            ExportFormat.All,
            PaperStyle.ScaleForDpi(300)
        );
        Assert.All(results, r => Assert.True(r.Complete, r.Hint));
        foreach (var (p, r) in panels.Zip(results))
        {
            var size = ChartExport.SizeOf(p.Chart)!.Value;
            var png = ImageChecks.DecodePng(File.ReadAllBytes(r.Written[ExportFormat.Png]));
            Assert.Equal((int)Math.Round(size.WidthPx * 3.125), png.Width, 1.0);
            Assert.True(ImageChecks.InkFraction(png) > 0.002, $"{p.Name}.png looks blank");
            File.AppendAllText(
                Path.Combine(outDir, "timings.txt"),
                $"{p.Name}: {r.Elapsed.TotalSeconds:0.00} s ({string.Join(", ", r.Steps.Select(kv => $"{kv.Key} {kv.Value.TotalSeconds:0.00} s"))})\n"
            );
        }
        File.AppendAllText(
            Path.Combine(outDir, "timings.txt"),
            $"total: {clock.Elapsed.TotalSeconds:0.0} s\n"
        );
    }
}
