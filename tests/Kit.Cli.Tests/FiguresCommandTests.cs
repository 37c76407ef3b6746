using Kit.Cli;
using Kit.Cli.Commands;
using Kit.Core;
using Kit.Notebooks.Format;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary><c>kit figures</c> argument checks (the notebooks themselves run in CI through the runner and nbconvert).</summary>
[Collection("process state")]
public sealed class FiguresCommandTests
{
    [Fact]
    public void UnknownProfileFormatOrDpiAreUsageErrors()
    {
        var (code, _, err) = RunKit("figures", "--profile", "huge");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("huge", err);
        (code, _, err) = RunKit("figures", "--formats", "png,gif");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("gif", err);
        (code, _, err) = RunKit("figures", "--dpi", "5");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("--dpi 5", err);
    }

    [Fact]
    public void A_notebook_that_stops_is_reported_as_stopped_and_the_others_still_run()
    {
        var root = Path.GetFullPath(
            Path.Combine(Path.GetTempPath(), "nk-fig-" + Guid.NewGuid().ToString("N")[..10])
        );
        var notebooks = Path.Combine(root, "notebooks");
        Directory.CreateDirectory(notebooks);
        File.WriteAllText(Path.Combine(root, "Kit.sln"), "");
        const string parameters =
            "string profile = \"course\";\nstring formats = \"html\";\nint dpi = 300;";
        NotebookDocument
            .Create(
                NotebookCell.NewCode(parameters, "parameters"),
                NotebookCell.NewCode(
                    "throw new NotebookStopException($\"The {profile} profile needs the NeuronIO data in data/neuronio/.\");"
                )
            )
            .Save(Path.Combine(notebooks, "01-needs-data.ipynb"));
        NotebookDocument
            .Create(NotebookCell.NewCode(parameters, "parameters"), NotebookCell.NewCode("1 + 1"))
            .Save(Path.Combine(notebooks, "02-fine.ipynb"));
        Environment.SetEnvironmentVariable(KitPaths.RootVariable, root);
        try
        {
            var (code, output, err) = RunKit(
                "figures",
                "--profile",
                "smoke",
                "--formats",
                "png",
                "--out",
                Path.Combine(root, "runs")
            );
            Assert.True(code == NotebookCommands.Stopped, $"exit {code}: {output}\n{err}");
            Assert.Contains(
                "01-needs-data.ipynb: stopped: The smoke profile needs the NeuronIO data in data/neuronio/.",
                output
            );
            Assert.Contains("02-fine.ipynb: ok", output);
            Assert.DoesNotContain("failed", output);
            Assert.Contains("gallery:", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, null);
            try
            {
                Directory.Delete(root, true);
            }
            catch (IOException) { }
        }
    }
}
