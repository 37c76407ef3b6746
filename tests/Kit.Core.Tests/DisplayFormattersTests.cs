using Kit.Core;

namespace Kit.Core.Tests;

public class DisplayFormattersTests
{
    private class Animal;

    private sealed class Dog : Animal;

    [Fact]
    public void MostSpecificRegisteredTypeWins()
    {
        DisplayFormatters.Register<Animal>(_ => MimeBundle.Text("animal"));
        Assert.Equal("animal", DisplayFormatters.Format(new Dog()).Data["text/plain"]);
        DisplayFormatters.Register<Dog>(_ => MimeBundle.Html("<b>dog</b>", "dog"));
        Assert.Equal("<b>dog</b>", DisplayFormatters.Format(new Dog()).Data["text/html"]);
        Assert.Equal("42", DisplayFormatters.Format(42).Data["text/plain"]);
        Assert.Equal("null", DisplayFormatters.Format(null).Data["text/plain"]);
    }

    [Fact]
    public void JsonMimeTypesAreRecognised()
    {
        Assert.True(MimeBundle.IsJsonMime("application/vnd.plotly.v1+json"));
        Assert.True(MimeBundle.IsJsonMime("application/json"));
        Assert.False(MimeBundle.IsJsonMime("text/html"));
    }
}

public class DefaultFormattingTests
{
    private sealed record Config(string Profile, int Rounds, double LearningRate);

    [Fact]
    public void RecordsShowAsJson()
    {
        var bundle = DisplayFormatters.Format(new Config("course", 40, 3e-4));
        var text = bundle.Data["text/plain"];
        Assert.StartsWith("Config {", text);
        Assert.Contains("\"Rounds\": 40", text);
        Assert.Contains("<pre>", bundle.Data["text/html"]);
    }

    private sealed record Score(string Condition, double Auc, IReadOnlyList<double> Curve);

    [Fact]
    public void ARecordWithAnUndefinedNumberShowsItAsNaN()
    {
        // A figure's metrics record whose AUC is undefined (no output spike) must display, not fail the cell.
        var text = DisplayFormatters
            .Format(new Score("clustered-e", double.NaN, [0.5, double.PositiveInfinity]))
            .Data["text/plain"];
        Assert.StartsWith("Score {", text);
        Assert.Contains("\"Auc\": \"NaN\"", text);
        Assert.Contains("\"Infinity\"", text);
    }

    [Fact]
    public void SequencesOfObjectsShowAsTables()
    {
        var rows = Enumerable.Range(0, 60).Select(i => new { Round = i, Loss = 1.0 / (i + 1) });
        var bundle = DisplayFormatters.Format(rows);
        var lines = bundle.Data["text/plain"].Split('\n');
        Assert.Equal("Round  Loss", lines[0]);
        Assert.Equal("0      1", lines[1]);
        Assert.Equal("1      0.5", lines[2]);
        Assert.Equal("... 10 more rows (60 in all)", lines[^1]);
        Assert.Equal(50, bundle.Data["text/html"].Split("<tr>").Length - 2);
    }

    [Fact]
    public void ScalarSequencesShowInline()
    {
        Assert.Equal("[1, 2.5]", DisplayFormatters.Format(new[] { 1.0, 2.5 }).Data["text/plain"]);
        Assert.Equal("abc", DisplayFormatters.Format("abc").Data["text/plain"]);
    }
}

public class DefaultFormattingLimitsTests
{
    private sealed record Big(double[] Values);

    private sealed record Summarised(double[] Values)
    {
        public override string ToString() => $"{Values.Length} values";
    }

    [Fact]
    public void HugeRecordsAreCutAndSummarisedRecordsUseTheirToString()
    {
        var values = new double[100_000];
        var big = DisplayFormatters.Format(new Big(values)).Data["text/plain"];
        Assert.True(big.Length < 21_000, $"{big.Length} characters");
        Assert.Contains("more characters", big);
        Assert.Equal(
            "100000 values",
            DisplayFormatters.Format(new Summarised(values)).Data["text/plain"]
        );
    }
}
