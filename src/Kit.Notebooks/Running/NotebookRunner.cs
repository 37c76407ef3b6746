using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Notebooks.Execution;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Running;

/// <summary>
/// Runs a notebook headlessly, like papermill/nbclient (docs/architecture.md, "Where outputs go"): a fresh
/// <see cref="ExecutionSession"/>, the notebook's folder as working directory, <see cref="NotebookContext.Current"/>
/// set (root: nearest ancestor holding Kit.sln, or <c>NEURONKIT_ROOT</c>), the <c>parameters</c> cell followed by
/// an injected <c>injected-parameters</c> cell, cells in order until the first failure, or the first cell stopped
/// by a <see cref="NotebookStopException"/> (<see cref="CellStatus.Stopped"/>: required data not in place; the run
/// ends there too, as a stop rather than a crash). The executed copy is written atomically to
/// <c>OUT/&lt;name&gt;.ipynb</c> in every case, never over the source notebook.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Default folder of executed copies: <c>neuronkit-runs/</c> under the system temp folder.</summary>
    public static string DefaultOutputDirectory =>
        Path.Combine(Path.GetTempPath(), "neuronkit-runs");

    /// <summary>Runs <paramref name="path"/> with overrides <paramref name="parameters"/>, writing the executed copy to <paramref name="outDir"/>.</summary>
    /// <exception cref="FileNotFoundException">The notebook does not exist.</exception>
    /// <exception cref="NotebookFormatException">The notebook is malformed.</exception>
    /// <exception cref="NotebookParameterException">An override is unknown or of the wrong type.</exception>
    public static NotebookRunResult Run(
        string path,
        IReadOnlyDictionary<string, string>? parameters = null,
        string? outDir = null
    ) =>
        RunAsync(
                path,
                new NotebookRunOptions
                {
                    Parameters = parameters ?? new Dictionary<string, string>(),
                    OutputDirectory = outDir,
                }
            )
            .GetAwaiter()
            .GetResult();

    /// <summary>Runs a notebook; see <see cref="Run"/>. Cancelling stops before the next cell (and the running cell cooperatively).</summary>
    public static async Task<NotebookRunResult> RunAsync(
        string path,
        NotebookRunOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        options ??= new NotebookRunOptions();
        var progress = options.Progress ?? Console.Error;
        var source = Path.GetFullPath(path);
        var doc = NotebookDocument.Load(source);
        var folder = Path.GetDirectoryName(source)!;
        var name = Path.GetFileNameWithoutExtension(source);

        // An executed copy run again: drop the previously injected cell.
        doc.Cells.RemoveAll(c => c.HasTag(NotebookParameters.InjectedTag));
        var parameterCell = doc.Cells.FirstOrDefault(c =>
            c.IsCode && c.HasTag(NotebookParameters.Tag)
        );
        var overrides = options.Parameters;
        if (overrides.Count > 0)
        {
            if (parameterCell is null)
                throw new NotebookParameterException(
                    $"Notebook '{source}' has no code cell tagged '{NotebookParameters.Tag}', so "
                        + $"{string.Join(", ", overrides.Keys)} cannot be set."
                );
            NotebookParameters.Validate(
                overrides.Keys,
                NotebookParameters.DeclaredNames(parameterCell.Source),
                source
            );
        }
        NotebookCell? injected = null;
        if (parameterCell != null && overrides.Count > 0)
        {
            injected = NotebookCell.NewCode("", NotebookParameters.InjectedTag);
            doc.Cells.Insert(doc.Cells.IndexOf(parameterCell) + 1, injected);
        }
        foreach (var cell in doc.CodeCells)
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            cell.Metadata.Remove("neuronkit");
        }

        var outputDir = Path.GetFullPath(options.OutputDirectory ?? DefaultOutputDirectory);
        var outputPath = Path.Combine(outputDir, name + ".ipynb");
        if (string.Equals(outputPath, source, StringComparison.OrdinalIgnoreCase))
            outputPath = Path.Combine(outputDir, name + ".executed.ipynb");

        var env = Environment.GetEnvironmentVariable(KitPaths.RootVariable);
        var root = !string.IsNullOrWhiteSpace(env)
            ? Path.GetFullPath(env)
            : KitPaths.FindRoot(folder) ?? folder;
        var context = new NotebookContext(source, root);
        var session = new ExecutionSession(
            new ExecutionSessionOptions { BaseDirectory = folder, Notebook = context }
        );

        var clock = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        // Numbers are those of the source notebook: the injected cell is not counted (it reports as its parameters cell).
        var sourceCells = doc.Cells.Where(c => c != injected).ToList();
        var codeCells = sourceCells.Where(c => c.IsCode).ToList();
        if (injected != null)
            codeCells.Insert(codeCells.IndexOf(parameterCell!) + 1, injected);
        var codeTotal = codeCells.Count - (injected != null ? 1 : 0);
        var codeNumber = 0;
        var status = CellStatus.Ok;
        CellError? error = null;
        int? failedCell = null,
            failedCode = null;
        var executed = 0;
        var previousDirectory = Directory.GetCurrentDirectory();
        var previousContext = NotebookContext.Current;
        try
        {
            Directory.SetCurrentDirectory(folder);
            NotebookContext.Current = context;
            for (var k = 0; k < codeCells.Count; k++)
            {
                var cell = codeCells[k];
                var isInjected = cell == injected;
                var number = sourceCells.IndexOf(isInjected ? parameterCell! : cell) + 1;
                if (!isInjected)
                    codeNumber++;
                if (cancellationToken.IsCancellationRequested)
                {
                    (status, failedCell, failedCode) = (CellStatus.Cancelled, number, codeNumber);
                    error = new CellError("Cancelled", "the run was cancelled", [], null);
                    break;
                }
                if (cell == injected)
                    cell.Source = NotebookParameters.Assignments(
                        overrides,
                        n => session.TryGetVariable(n, out var t, out _) ? t : null
                    );
                if (string.IsNullOrWhiteSpace(cell.Source))
                    continue;
                progress.Write(
                    isInjected
                        ? $"[{codeNumber}/{codeTotal}] cell {number} injected parameters ... "
                        : $"[{codeNumber}/{codeTotal}] cell {number} ... "
                );
                progress.Flush();
                var cellStart = DateTimeOffset.UtcNow;
                CellResult result;
                var echo = new ConsoleProgressEcho(progress);
                try
                {
                    result = await session
                        .ExecuteAsync(cell.Source, cancellationToken, echo)
                        .ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    progress.WriteLine("cancelled");
                    (status, failedCell, failedCode) = (CellStatus.Cancelled, number, codeNumber);
                    error = new CellError("Cancelled", "the run was cancelled", [], null);
                    break;
                }
                echo.Flush();
                executed++;
                cell.ExecutionCount = result.ExecutionCount;
                cell.Outputs = [.. result.Outputs];
                cell.Metadata["neuronkit"] = new JsonObject
                {
                    ["start_time"] = cellStart.ToString("o", CultureInfo.InvariantCulture),
                    ["end_time"] = cellStart
                        .Add(result.Duration)
                        .ToString("o", CultureInfo.InvariantCulture),
                    ["duration_seconds"] = Math.Round(result.Duration.TotalSeconds, 3),
                    ["status"] = result.Status.ToString().ToLowerInvariant(),
                };
                var seconds = result.Duration.TotalSeconds.ToString(
                    "0.0",
                    CultureInfo.InvariantCulture
                );
                if (echo.Echoed)
                    progress.Write($"\n[{codeNumber}/{codeTotal}] cell {number} ... ");
                progress.WriteLine(
                    result.Succeeded
                        ? $"{seconds} s"
                        : $"{result.Status.ToString().ToLowerInvariant()} after {seconds} s"
                );
                if (!result.Succeeded)
                {
                    (status, error, failedCell, failedCode) = (
                        result.Status,
                        result.Error,
                        number,
                        codeNumber
                    );
                    break;
                }
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            NotebookContext.Current = previousContext;
        }

        doc.Metadata["neuronkit"] = new JsonObject
        {
            ["source"] = source,
            ["parameters"] = new JsonObject([
                .. overrides.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)),
            ]),
            ["start_time"] = started.ToString("o", CultureInfo.InvariantCulture),
            ["duration_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 3),
            ["status"] = status.ToString().ToLowerInvariant(),
        };
        doc.Save(outputPath);
        return new NotebookRunResult
        {
            Status = status,
            SourcePath = source,
            OutputPath = outputPath,
            Executed = doc,
            FailedCellNumber = failedCell,
            FailedCodeCellNumber = failedCode,
            Error = error,
            CellsExecuted = executed,
            Duration = clock.Elapsed,
        };
    }
}
