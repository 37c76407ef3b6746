using Kit.Cli;
using Spectre.Console;

namespace Kit.Cli.Tests;

/// <summary>Tables written to a writer that is not a terminal (tests, pipes, CI logs): plain text, no wrapping.</summary>
public sealed class ConsoleTablesTests
{
    [Fact]
    public void RedirectedTablesHaveNoAnsiCodesNoMarkupAndDoNotWrap()
    {
        var table = ConsoleTables.Create(ConsoleTables.Text("name"), ConsoleTables.Number("value"));
        var longName = new string('n', 150);
        table.AddTextRow("[bold]x[/]", "1.5");
        table.AddTextRow(longName, "22.25");
        var writer = new StringWriter();
        ConsoleTables.Write(writer, table);
        var text = writer.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.Contains("[bold]x[/]", text); // cells are text, never Spectre markup
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.Contains(longName)); // one line: not wrapped at 80 columns
        // Numbers are right-aligned: both end in the same column.
        var shortRow = lines.Single(l => l.Contains("[bold]"));
        var longRow = lines.Single(l => l.Contains(longName));
        Assert.Equal(longRow.IndexOf("22.25") + 5, shortRow.IndexOf("1.5") + 3);
    }

    [Fact]
    public void ARedirectedConsoleIsNotInteractiveAndHasNoColours()
    {
        var console = ConsoleTables.For(new StringWriter());
        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
        Assert.False(console.Profile.Capabilities.Ansi);
        Assert.False(console.Profile.Capabilities.Interactive);
        Assert.Equal(ConsoleTables.RedirectedWidth, console.Profile.Width);
    }
}
