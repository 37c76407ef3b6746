using Kit.Cli;

namespace Kit.Cli.Tests;

/// <summary><c>kit figures</c> argument checks (the notebooks themselves run in CI through the runner and nbconvert).</summary>
[Collection("process state")]
public sealed class FiguresCommandTests
{
    private static (int Code, string Err) Kit(params string[] args)
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        var code = Program.Run(args, o, e);
        return (code, e.ToString());
    }

    [Fact]
    public void UnknownProfileFormatOrDpiAreUsageErrors()
    {
        var (code, err) = Kit("figures", "--profile", "huge");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("huge", err);
        (code, err) = Kit("figures", "--formats", "png,gif");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("gif", err);
        (code, err) = Kit("figures", "--dpi", "5");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("--dpi 5", err);
    }
}
