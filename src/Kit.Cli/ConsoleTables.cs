using Spectre.Console;
using Spectre.Console.Rendering;

namespace Kit.Cli;

/// <summary>
/// Writes Spectre.Console tables (and other renderables) to a command's output writer. On a terminal, Spectre
/// detects colour and width as usual; anywhere else (a pipe, a file, a test's StringWriter, a CI log) it writes
/// plain text: no ANSI escape codes, no colour, and a fixed 200-column width so rows never wrap.
/// </summary>
internal static class ConsoleTables
{
    /// <summary>Width used when the writer is not a terminal (wide enough that no kit table wraps).</summary>
    public const int RedirectedWidth = 200;

    /// <summary>A table with the kit's look: rounded border (ASCII where the output encoding has no box characters).</summary>
    public static Table Create(params TableColumn[] columns) =>
        new Table().Border(TableBorder.Rounded).AddColumns(columns);

    /// <summary>A right-aligned column (numbers).</summary>
    public static TableColumn Number(string header) => new TableColumn(header).RightAligned();

    /// <summary>A left-aligned column (names, dates).</summary>
    public static TableColumn Text(string header) => new(header);

    /// <summary>Adds a row of plain-text cells (never parsed as Spectre markup, so brackets print as they are).</summary>
    public static Table AddTextRow(this Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c)).ToArray());

    /// <summary>Renders <paramref name="renderable"/> to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, IRenderable renderable) =>
        For(writer).Write(renderable);

    /// <summary>A Spectre console over <paramref name="writer"/>, plain unless it is the interactive stdout.</summary>
    public static IAnsiConsole For(TextWriter writer)
    {
        var output = new AnsiConsoleOutput(writer);
        // AnsiConsoleOutput.IsTerminal is true only for Console.Out/Error when not redirected.
        bool terminal = output.IsTerminal;
        var console = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Out = output,
                Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
            }
        );
        if (!terminal)
            console.Profile.Width = RedirectedWidth;
        return console;
    }
}
