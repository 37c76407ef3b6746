using Kit.Core;

namespace Kit.Core.Tests;

public class ProgressTests
{
    [Fact]
    public void EtaExtrapolatesLinearly()
    {
        var u = new ProgressUpdate("train", 25, 100, TimeSpan.FromSeconds(10), "loss 0.5");
        Assert.Equal(0.25, u.Fraction);
        Assert.Equal(TimeSpan.FromSeconds(30), u.Eta);
        Assert.Equal("train 25/100  25% 0:10 elapsed, ETA 0:30, loss 0.5", u.ToString());
        Assert.Null(new ProgressUpdate("x", 0, 100, TimeSpan.FromSeconds(1), null).Eta);
        // no total: a count once there is one, nothing before
        Assert.Equal(
            "steps 7 0:01 elapsed",
            new ProgressUpdate("steps", 7, 0, TimeSpan.FromSeconds(1), null).ToString()
        );
        Assert.Equal(
            "wait 0:08 elapsed, for another process",
            new ProgressUpdate(
                "wait",
                0,
                0,
                TimeSpan.FromSeconds(8),
                "for another process"
            ).ToString()
        );
    }

    private sealed class Collect : IDisplaySink
    {
        public List<(string kind, MimeBundle bundle, string? id)> Items { get; } = [];

        public void Show(MimeBundle bundle, string? displayId) =>
            Items.Add(("show", bundle, displayId));

        public void Update(MimeBundle bundle, string displayId) =>
            Items.Add(("update", bundle, displayId));
    }

    [Fact]
    public void InANotebookProgressIsOneDisplayUpdatedInPlace()
    {
        var sink = new Collect();
        Display.Sink = sink;
        try
        {
            using (var p = new ProgressReporter("simulate", 3))
            {
                p.Advance();
                p.Advance();
                p.Advance();
            }
            Assert.Equal("show", sink.Items[0].kind);
            Assert.All(sink.Items.Skip(1), i => Assert.Equal("update", i.kind));
            Assert.Single(sink.Items.Select(i => i.id).Distinct());
            var last = sink.Items[^1].bundle;
            Assert.Contains("simulate 3/3 100%", last.Data["text/plain"]);
            Assert.Contains("<progress", last.Data["text/html"]);
        }
        finally
        {
            Display.Sink = null;
        }
    }

    [Fact]
    public void RedirectedConsoleGetsWholeLines()
    {
        var w = new StringWriter();
        var sink = new ConsoleProgressSink(w, interactive: false);
        using (var p = new ProgressReporter("train", 2, sink))
            p.Advance(2, "loss 1");
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("train 0/2", lines[0]);
        Assert.StartsWith("train 2/2 100%", lines[^1]);
        Assert.DoesNotContain("\r", w.ToString());
    }
}
