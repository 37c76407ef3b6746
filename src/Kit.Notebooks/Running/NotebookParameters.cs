using System.Globalization;
using Kit.Notebooks.Execution;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kit.Notebooks.Running;

/// <summary>
/// The papermill convention in C#: the first code cell tagged <c>parameters</c> declares the knobs
/// (<c>string profile = Profiles.Default;</c>, <c>var seed = 1;</c>); the runner then injects a cell tagged
/// <c>injected-parameters</c> that assigns the overrides, converted to each variable's declared type.
/// </summary>
public static class NotebookParameters
{
    /// <summary>Tag of the cell that declares parameters.</summary>
    public const string Tag = "parameters";

    /// <summary>Tag of the cell the runner injects after it.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Types an override can have.</summary>
    public static IReadOnlyList<Type> SupportedTypes { get; } =
    [
        typeof(string),
        typeof(int),
        typeof(long),
        typeof(double),
        typeof(float),
        typeof(bool),
        typeof(decimal),
    ];

    /// <summary>Names of the top-level variables a parameters cell declares, in order.</summary>
    public static IReadOnlyList<string> DeclaredNames(string source)
    {
        var code = CellSource.Prepare(source, _ => true).Code;
        var root = CSharpSyntaxTree
            .ParseText(
                code,
                new CSharpParseOptions(LanguageVersion.Preview, kind: SourceCodeKind.Script)
            )
            .GetCompilationUnitRoot();
        var names = new List<string>();
        foreach (var member in root.Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax f => f.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } =>
                    l.Declaration,
                _ => null,
            };
            if (declaration != null)
                names.AddRange(declaration.Variables.Select(v => v.Identifier.ValueText));
        }
        return [.. names.Distinct()];
    }

    /// <summary>Throws when an override names no declared parameter; the message lists the known ones.</summary>
    public static void Validate(
        IEnumerable<string> overrides,
        IReadOnlyList<string> declared,
        string notebook
    )
    {
        var unknown = overrides.Where(n => !declared.Contains(n)).ToList();
        if (unknown.Count > 0)
            throw new NotebookParameterException(
                $"Unknown parameter{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(u => $"'{u}'"))} "
                    + $"for notebook '{notebook}'. Known parameters: "
                    + (declared.Count > 0 ? string.Join(", ", declared) : "(none)")
                    + "."
            );
    }

    /// <summary>C# statements assigning each override, typed by <paramref name="typeOf"/> (the variable's type after the parameters cell ran).</summary>
    public static string Assignments(
        IReadOnlyDictionary<string, string> overrides,
        Func<string, Type?> typeOf
    )
    {
        var lines = new List<string> { "// Parameters injected by `kit notebook run`" };
        foreach (var (name, value) in overrides)
        {
            var type =
                typeOf(name)
                ?? throw new NotebookParameterException(
                    $"Parameter '{name}' was not defined by the parameters cell."
                );
            lines.Add($"{name} = {Literal(name, value, type)};");
        }
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>A C# literal of <paramref name="type"/> for a command-line value.</summary>
    public static string Literal(string name, string value, Type type)
    {
        var inv = CultureInfo.InvariantCulture;
        var v = value.Trim();
        string? literal = Type.GetTypeCode(type) switch
        {
            TypeCode.String => SymbolDisplay.FormatLiteral(value, quote: true),
            TypeCode.Int32 => int.TryParse(v, NumberStyles.Integer, inv, out var i)
                ? i.ToString(inv)
                : null,
            TypeCode.Int64 => long.TryParse(v, NumberStyles.Integer, inv, out var l)
                ? l.ToString(inv) + "L"
                : null,
            TypeCode.Double => double.TryParse(v, NumberStyles.Float, inv, out var d)
                ? DoubleLiteral(d)
                : null,
            TypeCode.Single => float.TryParse(v, NumberStyles.Float, inv, out var f)
                ? (float.IsFinite(f) ? f.ToString("R", inv) + "f" : $"(float){DoubleLiteral(f)}")
                : null,
            TypeCode.Decimal => decimal.TryParse(v, NumberStyles.Float, inv, out var m)
                ? m.ToString(inv) + "m"
                : null,
            TypeCode.Boolean => bool.TryParse(v, out var b) ? (b ? "true" : "false") : null,
            _ => throw new NotebookParameterException(
                $"Parameter '{name}' has type {type.Name}; -p supports "
                    + string.Join(", ", SupportedTypes.Select(t => t.Name))
                    + "."
            ),
        };
        return literal
            ?? throw new NotebookParameterException(
                $"Parameter '{name}' is {type.Name}; '{value}' is not a valid {type.Name}."
            );
    }

    private static string DoubleLiteral(double d) =>
        double.IsNaN(d) ? "double.NaN"
        : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
        : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
        : d.ToString("R", CultureInfo.InvariantCulture) + "d";
}
