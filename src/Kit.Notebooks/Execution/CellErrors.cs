using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Kit.Core;
using Microsoft.CodeAnalysis;

namespace Kit.Notebooks.Execution;

/// <summary>
/// Builds <see cref="CellError"/>s from Roslyn diagnostics and runtime exceptions. Cells are compiled with
/// the file name <c>cellN.csx</c> (N = execution count) and debug information, so stack frames of cell code
/// are shown as <c>at &lt;cell&gt; in cell [N], line L</c> rather than <c>Submission#k</c>.
/// </summary>
internal static partial class CellErrors
{
    /// <summary>The file name given to the code of execution <paramref name="count"/>.</summary>
    public static string FileName(int count) => $"cell{count}.csx";

    public static CellError Compilation(IEnumerable<Diagnostic> diagnostics, string code)
    {
        var lines = code.Split('\n');
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var traceback = new List<string>();
        int? firstLine = null;
        string first = "";
        foreach (var d in errors)
        {
            var pos = d.Location.IsInSource ? d.Location.GetLineSpan().StartLinePosition : default;
            var line = pos.Line + 1;
            var col = pos.Character + 1;
            var text = d.Location.IsInSource
                ? $"line {line}:{col}: error {d.Id}: {d.GetMessage()}"
                : $"error {d.Id}: {d.GetMessage()}";
            if (firstLine is null)
            {
                firstLine = d.Location.IsInSource ? line : null;
                first = text;
            }
            traceback.Add(text);
            if (d.Location.IsInSource && pos.Line < lines.Length)
            {
                traceback.Add("    " + lines[pos.Line].TrimEnd('\r'));
                traceback.Add("    " + new string(' ', pos.Character) + "^");
            }
        }
        return new CellError("CompilationError", first, traceback, firstLine);
    }

    public static CellError Runtime(Exception exception)
    {
        var ex = Unwrap(exception);
        var traceback = new List<string>();
        int? cellLine = null;
        for (var e = ex; e != null; e = e.InnerException)
        {
            traceback.Add(
                e == ex
                    ? $"{e.GetType().FullName}: {e.Message}"
                    : $" ---> {e.GetType().FullName}: {e.Message}"
            );
            foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
            {
                var method = frame.GetMethod();
                if (method is null || Hidden(method))
                    continue;
                var file = frame.GetFileName();
                var line = frame.GetFileLineNumber();
                if (file != null && CellFile().Match(Path.GetFileName(file)) is { Success: true } m)
                {
                    cellLine ??= e == ex && line > 0 ? line : null;
                    traceback.Add(
                        $"   at {Describe(method)} in cell [{m.Groups[1].Value}], line {line}"
                    );
                }
                else if (file != null && line > 0)
                    traceback.Add($"   at {Describe(method)} in {file}:line {line}");
                else
                    traceback.Add($"   at {Describe(method)}");
            }
        }
        return new CellError(
            ex.GetType().FullName ?? ex.GetType().Name,
            ex.Message,
            traceback,
            cellLine
        );
    }

    /// <summary>A stop: the message as the only traceback line, no frames.</summary>
    public static CellError Stop(NotebookStopException stop) =>
        new(CellError.StopName, stop.Message, [stop.Message], null);

    /// <summary>
    /// The <see cref="NotebookStopException"/> behind <paramref name="exception"/>, or null: the exception itself, anywhere
    /// down its <see cref="Exception.InnerException"/> chain (this covers <see cref="TargetInvocationException"/>,
    /// <see cref="TypeInitializationException"/> and library wrappers), or an <see cref="AggregateException"/> each of
    /// whose exceptions leads to a stop (a stop beside a real failure is a failure).
    /// </summary>
    public static NotebookStopException? FindStop(Exception exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            switch (e)
            {
                case NotebookStopException stop:
                    return stop;
                case AggregateException agg:
                    var stops = agg.InnerExceptions.Select(FindStop).ToList();
                    return stops.Count > 0 && stops.All(s => s != null) ? stops[0] : null;
            }
        }
        return null;
    }

    public static Exception Unwrap(Exception e)
    {
        while (true)
        {
            switch (e)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    e = inner;
                    continue;
                case AggregateException { InnerExceptions.Count: 1 } agg:
                    e = agg.InnerExceptions[0];
                    continue;
                default:
                    return e;
            }
        }
    }

    private static bool Hidden(MethodBase method)
    {
        var ns = method.DeclaringType?.Namespace ?? "";
        return ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
            || ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
            || ns.StartsWith("System.Runtime.ExceptionServices", StringComparison.Ordinal)
            || ns.StartsWith("Kit.Notebooks.Execution", StringComparison.Ordinal);
    }

    /// <summary>Method name without Roslyn's script and async plumbing: <c>&lt;cell&gt;</c> for top-level code.</summary>
    private static string Describe(MethodBase method)
    {
        var type = method.DeclaringType;
        var typeName = type?.Name ?? "";
        if (type != null && IsSubmission(type))
        {
            if (
                method.Name == "MoveNext"
                && typeName.Contains("<Initialize>", StringComparison.Ordinal)
            )
                return "<cell>";
            if (method.Name == "MoveNext" && AsyncName().Match(typeName) is { Success: true } am)
                return am.Groups[1].Value;
            return method.Name;
        }
        if (
            method.Name == "MoveNext"
            && type?.DeclaringType != null
            && AsyncName().Match(typeName) is { Success: true } m
        )
            return $"{type.DeclaringType.FullName}.{m.Groups[1].Value}";
        return $"{type?.FullName}.{method.Name}";
    }

    private static bool IsSubmission(Type type)
    {
        for (var t = type; t != null; t = t.DeclaringType)
            if (t.Name.StartsWith("Submission#", StringComparison.Ordinal))
                return true;
        return false;
    }

    [GeneratedRegex(@"^cell(\d+)\.csx$")]
    private static partial Regex CellFile();

    [GeneratedRegex(@"^<([^>]+)>d__\d+")]
    private static partial Regex AsyncName();
}
