using System.Text;
using System.Text.RegularExpressions;

namespace Kit.Notebooks.Execution;

/// <summary>
/// Turns a cell's text into what Roslyn compiles, so files written for Polyglot Notebooks run here:
/// <c>#!</c> magic lines (<c>#!csharp</c>, <c>#!about</c>, ...) become blank lines (line numbers stay),
/// <c>#r "nuget: X"</c> is dropped with a note when X's assembly is already loaded and is an error otherwise,
/// <c>#i "nuget: ..."</c> source lines are dropped, and <c>#r "path.dll"</c> passes through to Roslyn.
/// </summary>
public static partial class CellSource
{
    /// <summary>Polyglot kernel names whose cells are not C#.</summary>
    private static readonly HashSet<string> foreignKernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "fsharp",
        "f#",
        "pwsh",
        "powershell",
        "javascript",
        "js",
        "html",
        "markdown",
        "md",
        "sql",
        "kql",
        "mermaid",
        "value",
        "http",
        "python",
    };

    /// <summary>The compiled text, notes for the output, and an error when the cell cannot run here.</summary>
    /// <param name="Code">Code for Roslyn, with the same number of lines as the cell.</param>
    /// <param name="Notes">Messages to show (e.g. an ignored <c>#r "nuget:"</c>).</param>
    /// <param name="Error">Why the cell cannot run in the kit engine, or null.</param>
    /// <param name="ErrorLine">1-based line of <paramref name="Error"/>.</param>
    public sealed record Prepared(
        string Code,
        IReadOnlyList<string> Notes,
        string? Error,
        int? ErrorLine
    );

    /// <summary>Prepares a cell; <paramref name="isLoaded"/> says whether a package's assembly is already available.</summary>
    public static Prepared Prepare(string source, Func<string, bool> isLoaded)
    {
        var lines = source.Replace("\r\n", "\n").Split('\n');
        var notes = new List<string>();
        var sb = new StringBuilder();
        var seenCode = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            var keep = true;
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var name = trimmed[2..].Split([' ', '\t'], 2)[0];
                if (!seenCode && foreignKernels.Contains(name))
                    return new Prepared(
                        source,
                        notes,
                        $"this cell is for the '{name}' kernel of Polyglot Notebooks; the kit engine runs C# only",
                        i + 1
                    );
                keep = false;
            }
            else if (NuGetReference().Match(trimmed) is { Success: true } m)
            {
                var package = m.Groups["id"].Value.Trim();
                var version = m.Groups["version"].Value.Trim();
                var directive = m.Groups["kind"].Value;
                if (directive == "i")
                    keep = false;
                else if (Candidates(package).Any(isLoaded))
                {
                    notes.Add(
                        $"#r \"nuget: {package}{(version.Length > 0 ? ", " + version : "")}\" ignored: the kit already loads {package}."
                    );
                    keep = false;
                }
                else
                    return new Prepared(
                        source,
                        notes,
                        $"NuGet references are not supported by the kit engine (#r \"nuget: {package}\" on line {i + 1}); "
                            + "add the package to a kit project instead, or reference a DLL with #r \"path.dll\"",
                        i + 1
                    );
            }
            else if (trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal))
                seenCode = true;
            sb.Append(keep ? line : "");
            if (i < lines.Length - 1)
                sb.Append('\n');
        }
        return new Prepared(sb.ToString(), notes, null, null);
    }

    /// <summary>Assembly names a package id may ship: the id itself and the id before a '-' (TorchSharp-cpu).</summary>
    private static IEnumerable<string> Candidates(string package)
    {
        yield return package;
        if (package.StartsWith("libtorch-", StringComparison.OrdinalIgnoreCase))
            yield return "TorchSharp"; // native libtorch packages come with the kit's TorchSharp
        var dash = package.IndexOf('-');
        if (dash > 0)
            yield return package[..dash];
    }

    [GeneratedRegex(
        """^#(?<kind>[ri])\s+"nuget:\s*(?<id>[^,"]+)(,\s*(?<version>[^"]*))?"\s*$""",
        RegexOptions.IgnoreCase
    )]
    private static partial Regex NuGetReference();
}
