using System.Diagnostics;
using Kit.Plots;

namespace Kit.Plots.Tests;

/// <summary>
/// The browser that export keeps open across charts (<see cref="ChartExporter"/>, <see cref="ChromiumSession"/>):
/// one start per figure, and every way the browser can fail ends as a one-line hint, never an exception, with
/// HTML still written and the next chart served by a fresh browser.
/// </summary>
[Collection("chromium")]
public sealed class ChromiumSessionTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("kit-chromium-test-");
    private readonly string? oldChromium = Environment.GetEnvironmentVariable(
        Chromium.EnvironmentVariable
    );

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Chromium.EnvironmentVariable, oldChromium);
        dir.Delete(recursive: true);
    }

    private static Plotly.NET.GenericChart Chart() =>
        CrossCorrelationPanel.Create([-1, 0, 1], [0.2, 1, 0.2]);

    /// <summary>A shell script standing in for Chromium, used through NEURONKIT_CHROMIUM.</summary>
    private string FakeChromium(string name, string body)
    {
        Skip.If(OperatingSystem.IsWindows(), "the stand-in Chromium is a shell script");
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(
                path,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            );
        Environment.SetEnvironmentVariable(Chromium.EnvironmentVariable, path);
        return path;
    }

    [SkippableFact]
    public void ChartsOfOneExporterShareOneBrowser()
    {
        Skip.If(Chromium.Find() is null, "Chromium not found: image export not tested");
        var charts = Enumerable.Range(0, 3).Select(i => new NamedChart($"c{i}", Chart())).ToList();
        var results = ChartExport.ExportAll(
            charts,
            dir.FullName,
            ExportFormat.Png | ExportFormat.Pdf
        );
        Assert.All(results, r => Assert.True(r.Complete, r.Hint));
        // Only the first chart started Chromium; the others were drawn in the same page.
        Assert.Equal([true, false, false], results.Select(r => r.Steps.ContainsKey("start")));
        var title = System.Text.Encoding.Latin1.GetString(
            File.ReadAllBytes(Path.Combine(dir.FullName, "c2.pdf"))
        );
        Assert.Contains("/Title (c2)", title); // each PDF is titled with its panel's name
    }

    [SkippableFact]
    public void AChromiumThatExitsAtOnceIsAOneLineHintAndHtmlIsStillWritten()
    {
        FakeChromium(
            "exits",
            "echo 'cannot open display: kit-test' >&2\necho second line >&2\nexit 3"
        );
        var basePath = Path.Combine(dir.FullName, "x");
        using var exporter = new ChartExporter(TimeSpan.FromSeconds(30));
        var result = exporter.Export(Chart(), basePath, ExportFormat.All, 300, 200);
        Assert.Equal([ExportFormat.Html], result.Written.Keys);
        Assert.Equal([ExportFormat.Png, ExportFormat.Svg, ExportFormat.Pdf], result.Skipped);
        Assert.NotNull(result.Hint);
        Assert.Contains("exited before it opened its DevTools port", result.Hint);
        Assert.Contains("cannot open display: kit-test", result.Hint);
        Assert.DoesNotContain('\n', result.Hint);
        Assert.True(File.Exists(basePath + ".html"));
        Assert.False(File.Exists(basePath + ".png"));
    }

    [SkippableFact]
    public void AChromiumThatNeverAnswersTimesOutAndIsKilled()
    {
        var marker = $"{Random.Shared.Next(100_000, 999_999)}";
        FakeChromium("hangs", $"exec sleep 3{marker}");
        var clock = Stopwatch.StartNew();
        using (var exporter = new ChartExporter(TimeSpan.FromSeconds(2)))
        {
            var result = exporter.Export(
                Chart(),
                Path.Combine(dir.FullName, "y"),
                ExportFormat.Png,
                300,
                200
            );
            Assert.Contains("did not open its DevTools port within 2 s", result.Hint);
            Assert.Equal([ExportFormat.Png], result.Skipped);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Thread.Sleep(200);
        Assert.DoesNotContain(
            Process.GetProcessesByName("sleep"),
            p =>
                File.Exists($"/proc/{p.Id}/cmdline")
                && File.ReadAllText($"/proc/{p.Id}/cmdline").Contains(marker)
        );
    }

    [SkippableFact]
    public void AfterAFailedChartTheNextStartsAFreshBrowser()
    {
        var real = Chromium.Find();
        Skip.If(real is null, "Chromium not found: image export not tested");
        var once = Path.Combine(dir.FullName, "failed-once");
        // Fails on its first start, then is the real Chromium.
        FakeChromium(
            "flaky",
            $"if [ ! -e '{once}' ]; then touch '{once}'; echo 'first start fails' >&2; exit 1; fi\nexec '{real}' \"$@\""
        );
        using var exporter = new ChartExporter();
        var first = exporter.Export(Chart(), Path.Combine(dir.FullName, "a"), ExportFormat.Png);
        Assert.Contains("first start fails", first.Hint);
        var second = exporter.Export(Chart(), Path.Combine(dir.FullName, "b"), ExportFormat.Png);
        Assert.True(second.Complete, second.Hint);
        Assert.True(File.Exists(Path.Combine(dir.FullName, "b.png")));
    }

    [SkippableFact]
    public void AScriptErrorNamesItsMessageAndBreaksTheSession()
    {
        var exe = Chromium.Find();
        Skip.If(exe is null, "Chromium not found: image export not tested");
        using var page = ChromiumSession.Start(exe!, TimeSpan.FromSeconds(60));
        Assert.Equal(3, page.Evaluate("1 + 2", TimeSpan.FromSeconds(10)).GetInt32());
        var e = Assert.Throws<InvalidOperationException>(() =>
            page.Evaluate("Promise.reject(new Error('kit-test-boom'))", TimeSpan.FromSeconds(10))
        );
        Assert.Contains("kit-test-boom", e.Message);
        Assert.True(page.Broken);
        Assert.Throws<InvalidOperationException>(() =>
            page.Evaluate("1", TimeSpan.FromSeconds(10))
        );
    }
}
