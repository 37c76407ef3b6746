using Kit.Cli;
using Kit.Cli.Commands;
using Kit.Core;
using Kit.Notebooks.Format;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary>
/// <c>kit notebook run</c> end to end, in-process through <see cref="Program.Run"/>. One at a time: the runner
/// changes the working directory.
/// </summary>
[Collection("process state")]
public sealed class NotebookRunCommandTests : IDisposable
{
    private readonly string root;
    private readonly string notebooks;

    public NotebookRunCommandTests()
    {
        root = Path.GetFullPath(
            Path.Combine(Path.GetTempPath(), "nk-cli-" + Guid.NewGuid().ToString("N")[..10])
        );
        notebooks = Path.Combine(root, "notebooks");
        Directory.CreateDirectory(notebooks);
        File.WriteAllText(Path.Combine(root, "Kit.sln"), "");
        Environment.SetEnvironmentVariable(KitPaths.RootVariable, null);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, true);
        }
        catch (IOException) { }
    }

    private string Write(string name, params NotebookCell[] cells)
    {
        var path = Path.Combine(notebooks, name + ".ipynb");
        NotebookDocument.Create(cells).Save(path);
        return path;
    }

    [Fact]
    public void Runs_a_notebook_with_parameters_and_writes_the_executed_copy()
    {
        var nb = Write(
            "01-demo",
            NotebookCell.NewCode(
                "string profile = Profiles.Default;\nvar epochs = 10;",
                "parameters"
            ),
            NotebookCell.NewMarkdown("text"),
            NotebookCell.NewCode(
                "File.WriteAllText(Path.Combine(NotebookContext.Current!.FiguresDirectory, \"m.txt\"), $\"{profile} {epochs * 2}\");"
            )
        );
        var outDir = Path.Combine(root, "runs");
        var (code, stdout, stderr) = RunKit(
            "notebook",
            "run",
            nb,
            "-p",
            "profile=smoke",
            "--parameter",
            "epochs=3",
            "--out",
            outDir
        );
        Assert.True(code == 0, stderr);
        Assert.Contains("[1/2] cell 1 ...", stderr);
        Assert.Contains("[1/2] cell 1 injected parameters ...", stderr);
        Assert.Contains("[2/2] cell 3 ...", stderr);
        Assert.Contains(Path.Combine(outDir, "01-demo.ipynb"), stdout);
        Assert.Equal(
            "smoke 6",
            File.ReadAllText(Path.Combine(root, "figures", "01-demo", "m.txt"))
        );
        var executed = NotebookDocument.Load(Path.Combine(outDir, "01-demo.ipynb"));
        Assert.True(executed.Cells[1].HasTag("injected-parameters"));
        Assert.Equal(4, executed.Cells.Count);
    }

    [Fact]
    public void A_failing_cell_exits_1_naming_the_cell()
    {
        var nb = Write(
            "fails",
            NotebookCell.NewCode("var n = 1;", "parameters"),
            NotebookCell.NewCode("var ok = n;"),
            NotebookCell.NewCode("\nthrow new ArgumentException(\"no good\");")
        );
        var (code, _, stderr) = RunKit(
            "notebook",
            "run",
            nb,
            "-p",
            "n=2",
            "--out",
            Path.Combine(root, "runs")
        );
        Assert.Equal(1, code);
        Assert.Contains("cell 3 failed: System.ArgumentException: no good", stderr);
        Assert.Contains("in cell [4], line 2", stderr); // execution count 4: parameters, injected, ok, failing
        var executed = NotebookDocument.Load(Path.Combine(root, "runs", "fails.ipynb"));
        Assert.Equal("error", executed.Cells[3].Outputs[^1].OutputType);
    }

    [Fact]
    public void A_stopping_cell_exits_3_with_its_message_and_runs_no_further_cell()
    {
        var nb = Write(
            "stops",
            NotebookCell.NewCode("var n = 1;"),
            NotebookCell.NewCode(
                "class DataNotFound(string m) : NotebookStopException(m);\n"
                    + "throw new DataNotFound(\"The paper profile needs the NeuronIO data in data/neuronio/.\");"
            ),
            NotebookCell.NewCode("File.WriteAllText(\"ran.txt\", \"\");")
        );
        var (code, stdout, stderr) = RunKit(
            "notebook",
            "run",
            nb,
            "--out",
            Path.Combine(root, "runs")
        );
        Assert.Equal(NotebookCommands.Stopped, code);
        Assert.Equal(3, code);
        Assert.Contains(
            "stopped at cell 2: The paper profile needs the NeuronIO data in data/neuronio/.",
            stderr
        );
        Assert.DoesNotContain("   at ", stderr); // no stack frames
        Assert.DoesNotContain("failed", stderr);
        Assert.Empty(stdout);
        Assert.False(File.Exists(Path.Combine(notebooks, "ran.txt")));
        var executed = NotebookDocument.Load(Path.Combine(root, "runs", "stops.ipynb"));
        Assert.Equal("stderr", executed.Cells[1].Outputs.Single().Name);
        Assert.Null(executed.Cells[2].ExecutionCount);
    }

    [Fact]
    public void Usage_errors_exit_2_with_a_message_naming_the_problem()
    {
        var missing = Path.Combine(root, "missing.ipynb");
        var (code, _, err) = RunKit("notebook", "run", missing);
        Assert.Equal(2, code);
        Assert.Contains(missing, err);

        var nb = Write("p", NotebookCell.NewCode("string profile = \"course\";", "parameters"));
        (code, _, err) = RunKit("notebook", "run", nb, "-p", "epochs=3");
        Assert.Equal(2, code);
        Assert.Contains("Known parameters: profile", err);

        (code, _, err) = RunKit("notebook", "run", nb, "-p", "profile");
        Assert.Equal(2, code);
        Assert.Contains("name=value", err);

        var bad = Path.Combine(notebooks, "bad.ipynb");
        File.WriteAllText(bad, "{\"nbformat\": 4, \"cells\": [");
        (code, _, err) = RunKit("notebook", "run", bad);
        Assert.Equal(2, code);
        Assert.Contains(bad, err);

        (code, _, _) = RunKit("notebook", "frobnicate");
        Assert.Equal(2, code);
        (code, _, _) = RunKit();
        Assert.Equal(2, code);
    }

    [Fact]
    public void Help_lists_the_notebook_command()
    {
        var (code, stdout, _) = RunKit("notebook", "run", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--parameter", stdout);
        Assert.Contains("--out", stdout);
    }
}
