using System.CommandLine;
using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;
using Kit.Notebooks.Running;

namespace Kit.Cli.Commands;

/// <summary><c>kit notebook ...</c>: run notebooks headlessly (the Jupyter kernel is <c>kit kernel</c>).</summary>
internal static class NotebookCommands
{
    /// <summary>
    /// Exit code of <c>kit notebook run</c> (and <c>kit figures</c>) when a cell stopped the notebook on purpose with a
    /// <see cref="Kit.Core.NotebookStopException"/> (required data not in place): not a crash (1), not a usage error (2).
    /// </summary>
    public const int Stopped = 3;

    /// <summary>The <c>notebook</c> command group.</summary>
    public static Command Create()
    {
        var group = new Command("notebook", "Run C# notebooks (.ipynb) with the kit's engine.");
        group.Subcommands.Add(CreateRun());
        return group;
    }

    private static Command CreateRun()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "The notebook (.ipynb) to run.",
        }.AcceptExistingOnly();
        var parameters = new Option<IReadOnlyDictionary<string, string>>("--parameter", "-p")
        {
            Description =
                "Override a variable of the cell tagged 'parameters': name=value (repeatable), e.g. -p profile=smoke. "
                + "The value is converted to the variable's declared type (string, int, long, double, float, bool, decimal).",
            Arity = ArgumentArity.ZeroOrMore,
            HelpName = "name=value",
            DefaultValueFactory = _ => new Dictionary<string, string>(),
            CustomParser = result =>
            {
                var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var token in result.Tokens)
                {
                    var eq = token.Value.IndexOf('=');
                    if (eq <= 0)
                        result.AddError(
                            $"Parameter '{token.Value}' is not of the form name=value."
                        );
                    else
                        pairs[token.Value[..eq].Trim()] = token.Value[(eq + 1)..];
                }
                return pairs;
            },
        };
        var outDir = new Option<DirectoryInfo?>("--out")
        {
            Description =
                "Folder of the executed copy <name>.ipynb (outputs, execution counts, injected parameters); "
                + $"default: {NotebookRunner.DefaultOutputDirectory}. Never written over the source notebook. "
                + "Figures and metrics go to figures/<name>/ under the repository root.",
            HelpName = "DIR",
        };
        var run = new Command(
            "run",
            "Execute a notebook top to bottom in its own folder; exit 1 at the first failing cell, 2 on usage errors, "
                + "3 when a cell stops the notebook (e.g. required data not in place; the message says what to do). "
                + "The profile comes from -p profile=..., else NEURONKIT_PROFILE, else 'course'."
        )
        {
            file,
            parameters,
            outDir,
        };
        run.SetAction(
            (parse, ct) =>
                RunAsync(
                    parse.GetValue(file)!,
                    parse.GetValue(parameters)!,
                    parse.GetValue(outDir),
                    parse.InvocationConfiguration.Output,
                    parse.InvocationConfiguration.Error,
                    ct
                )
        );
        return run;
    }

    private static async Task<int> RunAsync(
        FileInfo file,
        IReadOnlyDictionary<string, string> parameters,
        DirectoryInfo? outDir,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken
    )
    {
        NotebookRunResult result;
        try
        {
            result = await NotebookRunner
                .RunAsync(
                    file.FullName,
                    new NotebookRunOptions
                    {
                        Parameters = parameters,
                        OutputDirectory = outDir?.FullName,
                        Progress = error,
                    },
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        catch (Exception e)
            when (e
                    is NotebookParameterException
                        or NotebookFormatException
                        or FileNotFoundException
            )
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        switch (result.Status)
        {
            case CellStatus.Ok:
                output.WriteLine(
                    $"ok: {result.CellsExecuted} cells in {result.Duration.TotalSeconds:0.0} s; executed copy: {result.OutputPath}"
                );
                return Program.Success;
            case CellStatus.Cancelled:
                error.WriteLine(
                    $"cancelled at cell {result.FailedCellNumber}; executed copy: {result.OutputPath}"
                );
                return Program.Cancelled;
            case CellStatus.Stopped:
                error.WriteLine(
                    $"stopped at cell {result.FailedCellNumber}: {result.Error?.Message}"
                );
                error.WriteLine($"executed copy: {result.OutputPath}");
                return Stopped;
            default:
                error.WriteLine($"cell {result.FailedCellNumber} failed: {result.Error}");
                foreach (var line in result.Error?.Traceback.Skip(1) ?? [])
                    error.WriteLine("  " + line);
                error.WriteLine($"executed copy: {result.OutputPath}");
                return Program.Failure;
        }
    }
}
