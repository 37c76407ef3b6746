namespace Kit.Neuron.Morphology;

/// <summary>
/// A morphology file (Neurolucida ASCII or SWC) is malformed or unsupported. The message names the file, the
/// line (and column, when known) and what was expected there.
/// </summary>
public sealed class MorphologyFormatException : FormatException
{
    /// <summary>Creates the exception; <paramref name="line"/> and <paramref name="column"/> are 1-based, 0 when unknown.</summary>
    public MorphologyFormatException(string sourceName, int line, int column, string problem)
        : base(Compose(sourceName, line, column, problem))
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file name (or the name given to <c>Parse</c>).</summary>
    public string SourceName { get; }

    /// <summary>1-based line number, 0 when the problem concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>What was wrong or expected, without the location.</summary>
    public string Problem { get; }

    private static string Compose(string source, int line, int column, string problem) =>
        line <= 0 ? $"{source}: {problem}"
        : column <= 0 ? $"{source}, line {line}: {problem}"
        : $"{source}, line {line}, column {column}: {problem}";
}
