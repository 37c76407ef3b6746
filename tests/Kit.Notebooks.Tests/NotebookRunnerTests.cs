using Kit.Core;
using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;
using Kit.Notebooks.Running;

namespace Kit.Notebooks.Tests;

[Collection(ProcessStateCollection.Name)]
public class NotebookRunnerTests : IDisposable
{
    private readonly TempRepo repo = new();
    private readonly string outDir;

    public NotebookRunnerTests()
    {
        outDir = Path.Combine(repo.Root, "out");
        Environment.SetEnvironmentVariable(KitPaths.RootVariable, null);
    }

    public void Dispose() => repo.Dispose();

    private NotebookRunResult Run(string path, Dictionary<string, string>? p = null) =>
        NotebookRunner
            .RunAsync(
                path,
                new NotebookRunOptions
                {
                    Parameters = p ?? [],
                    OutputDirectory = outDir,
                    Progress = TextWriter.Null,
                }
            )
            .GetAwaiter()
            .GetResult();

    [Fact]
    public void Parameters_are_overridden_with_the_declared_types()
    {
        var nb = repo.Write(
            "01-params",
            "[parameters]string profile = Profiles.Default;\nvar seed = 1;\nlong big = 2;\ndouble rate = 0.5;\nfloat f = 1f;\nbool fast = false;",
            "$\"{profile}|{seed + 1}|{big * 2}|{rate * 2}|{f}|{!fast}|{seed.GetType().Name}\""
        );
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var r = Run(
            nb,
            new()
            {
                ["profile"] = "smoke",
                ["seed"] = "41",
                ["big"] = "5000000000",
                ["rate"] = "1.25",
                ["f"] = "2.5",
                ["fast"] = "true",
            }
        );
        Assert.True(r.Succeeded, r.Error?.ToString());
        var cells = r.Executed.Cells;
        Assert.True(cells[2].HasTag(NotebookParameters.InjectedTag));
        Assert.Contains("profile = \"smoke\";", cells[2].Source);
        Assert.Equal(
            "smoke|42|10000000000|2.5|2.5|False|Int32",
            cells[3].Outputs.Single().PlainText
        );
        Assert.Equal([1, 2, 3], r.Executed.CodeCells.Select(c => c.ExecutionCount ?? 0));
        // the cell's own timing, in seconds, lies within the whole run's
        Assert.InRange(
            cells[3].Metadata["neuronkit"]!["duration_seconds"]!.GetValue<double>(),
            0,
            clock.Elapsed.TotalSeconds
        );
        // The source notebook is untouched.
        Assert.Equal(3, NotebookDocument.Load(nb).Cells.Count);
        Assert.Equal(Path.Combine(outDir, "01-params.ipynb"), r.OutputPath);
        Assert.True(File.Exists(r.OutputPath));
    }

    [Fact]
    public void Unknown_parameters_and_bad_values_are_errors_listing_the_known_ones()
    {
        var nb = repo.Write("p", "[parameters]string profile = \"course\";\nint seed = 1;", "seed");
        var e = Assert.Throws<NotebookParameterException>(() => Run(nb, new() { ["sead"] = "2" }));
        Assert.Contains("'sead'", e.Message);
        Assert.Contains("Known parameters: profile, seed", e.Message);
        Assert.False(File.Exists(Path.Combine(outDir, "p.ipynb")));

        var bad = Assert.Throws<NotebookParameterException>(() =>
            Run(nb, new() { ["seed"] = "two" })
        );
        Assert.Contains("'two' is not a valid Int32", bad.Message);

        var none = repo.Write("q", "var x = 1;");
        Assert.Throws<NotebookParameterException>(() => Run(none, new() { ["x"] = "2" }));
    }

    [Fact]
    public void A_failing_cell_stops_the_run_and_the_executed_copy_holds_the_error()
    {
        var nb = repo.Write(
            "fail",
            "Console.WriteLine(\"one\");",
            "var a = 1;\nthrow new InvalidOperationException(\"broken\");",
            "Console.WriteLine(\"never\");"
        );
        var r = Run(nb);
        Assert.False(r.Succeeded);
        Assert.Equal(CellStatus.Error, r.Status);
        Assert.Equal(3, r.FailedCellNumber); // markdown, code, code(failing)
        Assert.Equal(2, r.FailedCodeCellNumber);
        Assert.Equal("broken", r.Error!.Message);
        Assert.Equal(2, r.Error.Line);
        var saved = NotebookDocument.Load(r.OutputPath);
        var error = saved.Cells[2].Outputs.Single(o => o.OutputType == NotebookOutput.Error);
        Assert.Equal("System.InvalidOperationException", error.EName);
        Assert.Null(saved.Cells[3].ExecutionCount);
        Assert.Empty(saved.Cells[3].Outputs);
        Assert.Equal("error", saved.Metadata["neuronkit"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public void A_stopping_cell_ends_the_run_as_stopped_with_its_message_and_no_traceback()
    {
        var nb = repo.Write(
            "stop",
            "Console.WriteLine(\"one\");",
            "class DataNotFound(string m) : NotebookStopException(m);\nthrow new DataNotFound(\"Put the NeuronIO data in data/neuronio/.\");",
            "Console.WriteLine(\"never\");"
        );
        var r = Run(nb);
        Assert.Equal(CellStatus.Stopped, r.Status);
        Assert.True(r.Stopped);
        Assert.False(r.Succeeded);
        Assert.Equal(3, r.FailedCellNumber);
        Assert.Equal(2, r.FailedCodeCellNumber);
        Assert.Equal(2, r.CellsExecuted);
        Assert.Equal(CellError.StopName, r.Error!.Name);
        Assert.Equal("Put the NeuronIO data in data/neuronio/.", r.Error.Message);
        Assert.Equal([r.Error.Message], r.Error.Traceback);
        var saved = NotebookDocument.Load(r.OutputPath);
        var shown = Assert.Single(saved.Cells[2].Outputs);
        Assert.Equal(
            ("stderr", "Put the NeuronIO data in data/neuronio/.\n"),
            (shown.Name, shown.Text)
        );
        Assert.Equal(
            "stopped",
            saved.Cells[2].Metadata["neuronkit"]!["status"]!.GetValue<string>()
        );
        Assert.Null(saved.Cells[3].ExecutionCount); // later cells do not run
        Assert.Empty(saved.Cells[3].Outputs);
        Assert.Equal("stopped", saved.Metadata["neuronkit"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public void Cells_run_in_the_notebook_folder_with_the_notebook_context()
    {
        var nb = repo.Write(
            "02-context",
            "Console.WriteLine(Directory.GetCurrentDirectory());\nConsole.WriteLine(NotebookContext.Current!.Root);\nConsole.WriteLine(Notebook!.FiguresDirectory);"
        );
        var before = Directory.GetCurrentDirectory();
        var r = Run(nb);
        Assert.True(r.Succeeded, r.Error?.ToString());
        var lines = r.Executed.Cells[1].Outputs.Single().Text!.Split('\n');
        Assert.Equal(repo.Notebooks, lines[0]);
        Assert.Equal(repo.Root, lines[1]);
        Assert.Equal(Path.Combine(repo.Root, "figures", "02-context"), lines[2]);
        Assert.Equal(before, Directory.GetCurrentDirectory());
    }

    [Fact]
    public void Root_variable_overrides_the_repository_root()
    {
        var other = Path.Combine(repo.Root, "elsewhere");
        Directory.CreateDirectory(other);
        Environment.SetEnvironmentVariable(KitPaths.RootVariable, other);
        try
        {
            var r = Run(repo.Write("r", "NotebookContext.Current!.Root"));
            Assert.Equal(other, r.Executed.Cells[1].Outputs.Single().PlainText);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, null);
        }
    }

    [Fact]
    public void Relative_dll_references_resolve_from_the_notebook_folder()
    {
        var dll = typeof(NotebookRunnerTests).Assembly.Location;
        File.Copy(dll, Path.Combine(repo.Notebooks, "Local.Copy.dll"));
        var r = Run(repo.Write("dll", "#r \"Local.Copy.dll\"\n1 + 2"));
        Assert.True(r.Succeeded, r.Error?.ToString());
    }

    [Fact]
    public async Task The_executed_copy_never_overwrites_the_source()
    {
        var nb = repo.Write("same", "1");
        var r = await NotebookRunner.RunAsync(
            nb,
            new NotebookRunOptions { OutputDirectory = repo.Notebooks, Progress = TextWriter.Null }
        );
        Assert.Equal(Path.Combine(repo.Notebooks, "same.executed.ipynb"), r.OutputPath);
        Assert.Null(NotebookDocument.Load(nb).Cells[1].ExecutionCount);
    }

    [Fact]
    public async Task Progress_lines_name_each_cell()
    {
        var nb = repo.Write("prog", "1", "2");
        var sw = new StringWriter();
        await NotebookRunner.RunAsync(
            nb,
            new NotebookRunOptions { OutputDirectory = outDir, Progress = sw }
        );
        var lines = sw.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^\[1/2\] cell 2 \.\.\. \d+\.\d s$", lines[0]);
        Assert.Matches(@"^\[2/2\] cell 3 \.\.\. \d+\.\d s$", lines[1]);
    }
}
