using System.Diagnostics;
using System.Text.Json.Nodes;
using Kit.Cli;
using Kit.Notebooks.Format;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary><c>kit kernel install/start</c>, and the kernel driven by Debian's real <c>jupyter nbconvert</c>.</summary>
[Collection("process state")]
public sealed class KernelCommandTests : IDisposable
{
    private readonly string temp = Path.Combine(
        Path.GetTempPath(),
        "nk-kernel-" + Guid.NewGuid().ToString("N")[..10]
    );

    public KernelCommandTests() => Directory.CreateDirectory(temp);

    public void Dispose()
    {
        try
        {
            Directory.Delete(temp, true);
        }
        catch (IOException) { }
    }

    [Fact]
    public void Install_with_prefix_writes_an_absolute_argv_kernelspec()
    {
        var (code, output, error) = RunKit("kernel", "install", "--prefix", temp);
        Assert.True(code == Program.Success, error);
        var spec = Path.Combine(temp, "share", "jupyter", "kernels", "neuronkit", "kernel.json");
        Assert.Contains(Path.GetDirectoryName(spec)!, output, StringComparison.Ordinal);
        var json = JsonNode.Parse(File.ReadAllText(spec))!;
        var argv = json["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.True(Path.IsPathRooted(argv[0]) && File.Exists(argv[0]), argv[0]);
        Assert.Equal(["kernel", "start", "--connection-file", "{connection_file}"], argv[^4..]);
        Assert.Equal(KernelMetadata.DisplayName, json["display_name"]!.GetValue<string>());
        Assert.Equal("message", json["interrupt_mode"]!.GetValue<string>());
    }

    [Fact]
    public void Usage_errors_exit_with_2()
    {
        Assert.Equal(
            Program.UsageError,
            RunKit("kernel", "install", "--user", "--prefix", temp).Code
        );
        var missing = Path.Combine(temp, "missing.json");
        var (code, _, error) = RunKit("kernel", "start", "--connection-file", missing);
        Assert.Equal(Program.UsageError, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.Equal(Program.UsageError, RunKit("kernel", "start").Code);
    }

    [SkippableFact]
    public void Jupyter_nbconvert_executes_a_notebook_with_the_installed_kernel()
    {
        var jupyter = OnPath("jupyter");
        Skip.If(
            jupyter is null || Run(jupyter, ["nbconvert", "--version"], null).Code != 0,
            "jupyter nbconvert is not installed (Debian: apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)"
        );
        var env = new Dictionary<string, string>
        {
            ["JUPYTER_DATA_DIR"] = Path.Combine(temp, "data"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(temp, "runtime"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(temp, "config"),
        };
        // Install as users do: the kit apphost next to kit.dll (what `dotnet run` and a published kit run).
        var apphost = Path.Combine(
            AppContext.BaseDirectory,
            OperatingSystem.IsWindows() ? "kit.exe" : "kit"
        );
        Skip.IfNot(File.Exists(apphost), $"no kit apphost at {apphost}");
        var install = Run(apphost, ["kernel", "install", "--user"], env);
        Assert.True(install.Code == 0, install.Output);
        var spec = JsonNode.Parse(
            File.ReadAllText(Path.Combine(temp, "data", "kernels", "neuronkit", "kernel.json"))
        )!;
        Assert.Equal(apphost, spec["argv"]![0]!.GetValue<string>());

        var notebook = NotebookDocument.Create(
            NotebookCell.NewCode("var answer = 6 * 7;\nConsole.WriteLine(\"hello from C#\");"),
            NotebookCell.NewCode("var h = display(\"first\");\nh.Update(\"second\");\nanswer")
        );
        var source = Path.Combine(temp, "tiny.ipynb");
        notebook.Save(source);
        var run = Run(
            jupyter!,
            [
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.kernel_name=neuronkit",
                "--ExecutePreprocessor.timeout=300",
                "--output",
                "executed.ipynb",
                source,
            ],
            env
        );
        Assert.True(run.Code == 0, run.Output);
        var executed = NotebookDocument.Load(Path.Combine(temp, "executed.ipynb"));
        var cells = executed.CodeCells.ToList();
        Assert.Equal("hello from C#\n", Assert.Single(cells[0].Outputs).Text);
        Assert.Collection(
            cells[1].Outputs,
            o => Assert.Equal(("display_data", "second"), (o.OutputType, o.PlainText)),
            o => Assert.Equal(("execute_result", "42"), (o.OutputType, o.PlainText))
        );
    }

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name))
            .FirstOrDefault(File.Exists);

    private static (int Code, string Output) Run(
        string file,
        string[] args,
        Dictionary<string, string>? env
    )
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? [])
            psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            p.Kill(true);
            return (-1, "timed out\n" + stdout.Result + stderr.Result);
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
