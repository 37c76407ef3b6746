using System.Diagnostics;
using System.Text;
using Kit.Core;
using Kit.Notebooks.Format;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Kit.Notebooks.Execution;

/// <summary>
/// A C# REPL session on Roslyn scripting: each <see cref="ExecuteAsync"/> runs one cell on top of the state of
/// the previous ones and returns its outputs (console text, displays, the trailing expression's value, errors).
/// The headless runner and the Jupyter kernel both sit on it. Cells of one session run one at a time.
/// </summary>
/// <remarks>
/// While a cell runs, <see cref="Display.Sink"/> and the console route to that cell (async-local, so tasks the
/// cell starts report to it too), <see cref="KitCancellation.Token"/> is the cell's token and
/// <see cref="NotebookContext.Current"/> is the session's notebook. Cancellation is cooperative: code that
/// never looks at the token runs to its end.
/// </remarks>
public sealed class ExecutionSession
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly NotebookGlobals globals = new();
    private readonly Dictionary<string, List<NotebookOutput>> displays = [];
    private readonly Lock displayGate = new();
    private readonly ScriptOptions scriptOptions;
    private ScriptState<object>? state;
    private bool warned;

    /// <summary>
    /// Creates a session (raising <see cref="NotebookSession.Started"/>); the kit's assemblies are referenced and
    /// imported on first use.
    /// </summary>
    public ExecutionSession(ExecutionSessionOptions? options = null)
    {
        Options = options ?? new ExecutionSessionOptions();
        var baseDir = Path.GetFullPath(Options.BaseDirectory ?? Directory.GetCurrentDirectory());
        scriptOptions = ScriptOptions
            .Default.WithReferences(ScriptEnvironment.References)
            .WithImports(ScriptEnvironment.Imports)
            .WithMetadataResolver(
                ScriptMetadataResolver
                    .Default.WithBaseDirectory(baseDir)
                    .WithSearchPaths(AppContext.BaseDirectory)
            )
            .WithSourceResolver(new SourceFileResolver([], baseDir))
            .WithLanguageVersion(LanguageVersion.Preview)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8);
        NotebookSession.RaiseStarted();
    }

    /// <summary>The options the session was created with.</summary>
    public ExecutionSessionOptions Options { get; }

    /// <summary>Number of executions so far (the last cell's <c>In [n]</c>).</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>The default usings of every cell.</summary>
    public static IReadOnlyList<string> DefaultImports => ScriptEnvironment.Imports;

    /// <summary>The variables defined so far (latest definition of each name), as name, type and value.</summary>
    public IReadOnlyList<(string Name, Type Type, object? Value)> Variables =>
        state is null
            ? []
            :
            [
                .. state
                    .Variables.GroupBy(v => v.Name)
                    .Select(g => g.Last())
                    .Select(v => (v.Name, v.Type, v.Value)),
            ];

    /// <summary>Looks up a variable defined by earlier cells.</summary>
    public bool TryGetVariable(string name, out Type? type, out object? value)
    {
        var v = state?.GetVariable(name);
        type = v?.Type;
        value = v?.Value;
        return v != null;
    }

    /// <summary>
    /// Runs one cell. Errors in the cell (compilation, exceptions, cancellation while it runs) come back in the
    /// result; only a token already cancelled before the cell starts throws <see cref="OperationCanceledException"/>.
    /// A cell that throws a <see cref="NotebookStopException"/> (or one derived from it, also wrapped) ends
    /// <see cref="CellStatus.Stopped"/>: its message is a stderr output and the error's one traceback line.
    /// </summary>
    /// <param name="code">The cell's source (Polyglot magic lines are handled, see <see cref="CellSource"/>).</param>
    /// <param name="cancellationToken">Cancels the cell (cooperatively, through <see cref="KitCancellation.Token"/>).</param>
    /// <param name="listener">Receives outputs as they happen (a kernel streams them), or null.</param>
    public async Task<CellResult> ExecuteAsync(
        string code,
        CancellationToken cancellationToken = default,
        IExecutionListener? listener = null
    )
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var previousToken = KitCancellation.Token;
        try
        {
            var count = ++ExecutionCount;
            var clock = Stopwatch.StartNew();
            var collector = new CellOutputCollector(this, listener);
            ConsoleRouter.EnsureInstalled();
            ConsoleRouter.Current = collector;
            Display.Sink = collector;
            if (Options.Notebook != null)
                NotebookContext.Current = Options.Notebook;
            KitCancellation.Token = cancellationToken;

            if (!warned)
            {
                warned = true;
                foreach (var w in ScriptEnvironment.Warnings)
                    collector.AddStream("stderr", $"warning: kit assembly not loaded: {w}\n");
            }

            var prepared = CellSource.Prepare(code, ScriptEnvironment.AssemblyNames.Contains);
            foreach (var note in prepared.Notes)
                collector.AddStream("stdout", note + "\n");
            if (prepared.Error != null)
            {
                var error = new CellError(
                    "UnsupportedDirective",
                    prepared.Error,
                    [$"line {prepared.ErrorLine}: {prepared.Error}"],
                    prepared.ErrorLine
                );
                return Finish(count, collector, CellStatus.Error, error, null, clock);
            }
            if (string.IsNullOrWhiteSpace(prepared.Code))
                return Finish(count, collector, CellStatus.Ok, null, null, clock);

            var options = scriptOptions.WithFilePath(CellErrors.FileName(count));
            ScriptState<object> next;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                next = state is null
                    ? await CSharpScript
                        .Create(prepared.Code, options, typeof(NotebookGlobals))
                        .RunAsync(globals, _ => true, cancellationToken)
                        .ConfigureAwait(false)
                    : await state
                        .ContinueWithAsync(prepared.Code, options, _ => true, cancellationToken)
                        .ConfigureAwait(false);
            }
            catch (CompilationErrorException e)
            {
                var error = CellErrors.Compilation(e.Diagnostics, prepared.Code);
                return Finish(count, collector, CellStatus.Error, error, null, clock);
            }
            catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
            {
                return Finish(
                    count,
                    collector,
                    CellStatus.Cancelled,
                    CellErrors.Runtime(e),
                    null,
                    clock
                );
            }
            state = next;
            if (next.Exception is { } thrown)
            {
                if (CellErrors.FindStop(thrown) is { } stop)
                    return Stop(count, collector, stop, clock);
                var unwrapped = CellErrors.Unwrap(thrown);
                var status =
                    unwrapped is OperationCanceledException
                    && cancellationToken.IsCancellationRequested
                        ? CellStatus.Cancelled
                        : CellStatus.Error;
                return Finish(count, collector, status, CellErrors.Runtime(thrown), null, clock);
            }
            var value = next.ReturnValue;
            if (value is not null and not DisplayHandle)
            {
                try
                {
                    collector.Add(NotebookOutput.Result(DisplayFormatters.Format(value), count));
                }
                catch (Exception e)
                {
                    if (CellErrors.FindStop(e) is { } stop)
                        return Stop(count, collector, stop, clock);
                    return Finish(
                        count,
                        collector,
                        CellStatus.Error,
                        CellErrors.Runtime(e),
                        value,
                        clock
                    );
                }
            }
            return Finish(count, collector, CellStatus.Ok, null, value, clock);
        }
        finally
        {
            ConsoleRouter.Current = null;
            Display.Sink = null;
            KitCancellation.Token = previousToken;
            gate.Release();
        }
    }

    /// <summary>
    /// Ends a cell stopped by a <see cref="NotebookStopException"/>: the message becomes a stderr stream output (a
    /// notice about the run, not a result of the cell; front-ends set stderr apart) rather than an error output, so
    /// the saved notebook shows it once and without a traceback. The listener does not hear of it: a kernel shows it
    /// as the error of its reply (see <see cref="CellStatus.Stopped"/>).
    /// </summary>
    private static CellResult Stop(
        int count,
        CellOutputCollector collector,
        NotebookStopException stop,
        Stopwatch clock
    )
    {
        var text = stop.Message.EndsWith('\n') ? stop.Message : stop.Message + "\n";
        collector.AddStream("stderr", text, announce: false);
        return new CellResult(
            count,
            CellStatus.Stopped,
            collector.Outputs,
            CellErrors.Stop(stop),
            null,
            clock.Elapsed
        );
    }

    private static CellResult Finish(
        int count,
        CellOutputCollector collector,
        CellStatus status,
        CellError? error,
        object? value,
        Stopwatch clock
    )
    {
        if (error != null)
            collector.Add(NotebookOutput.ErrorOutput(error.Name, error.Message, error.Traceback));
        return new CellResult(count, status, collector.Outputs, error, value, clock.Elapsed);
    }

    /// <summary>
    /// Compiles <paramref name="code"/> as the next cell on top of the state so far, without running it, for
    /// completion and inspection (see <see cref="CodeAssistance"/>).
    /// </summary>
    internal Compilation CompileNext(string code)
    {
        var current = state;
        var script = current is null
            ? CSharpScript.Create(code, scriptOptions, typeof(NotebookGlobals))
            : current.Script.ContinueWith(code, scriptOptions);
        return script.GetCompilation();
    }

    /// <summary>Remembers a display output so later updates (from any cell) replace it.</summary>
    internal void TrackDisplay(string displayId, NotebookOutput output)
    {
        lock (displayGate)
        {
            if (!displays.TryGetValue(displayId, out var list))
                displays[displayId] = list = [];
            list.Add(output);
        }
    }

    /// <summary>Replaces the data of every output shown under <paramref name="displayId"/>.</summary>
    internal void UpdateDisplay(string displayId, MimeBundle bundle)
    {
        lock (displayGate)
        {
            if (!displays.TryGetValue(displayId, out var list))
                return;
            foreach (var output in list)
                output.Data = NotebookOutput.ToData(bundle);
        }
    }
}
