using System.CommandLine;
using System.Globalization;
using Kit.Core;

namespace Kit.Cli.Commands;

/// <summary><c>kit cache ...</c>: inspect and clear cached datasets and trained networks (<c>data/cache</c>).</summary>
internal static class CacheCommands
{
    /// <summary>The <c>cache</c> command group.</summary>
    public static Command Create()
    {
        var group = new Command(
            "cache",
            "Inspect or clear data/cache (datasets and trained networks keyed by config and kit version)."
        );
        var list = new Command("list", "List cache entries: kind, key, size, date.");
        list.SetAction(parse => List(parse.InvocationConfiguration.Output));
        var kind = new Option<string?>("--kind")
        {
            Description = "Only entries of this kind (e.g. if-dataset, fig1-training).",
        };
        var clear = new Command("clear", "Delete cache entries (all, or one kind).") { kind };
        clear.SetAction(parse => Clear(parse.GetValue(kind), parse.InvocationConfiguration.Output));
        group.Subcommands.Add(list);
        group.Subcommands.Add(clear);
        return group;
    }

    private static KitCache Cache() => new(Path.Combine(KitPaths.Root(), "data", "cache"));

    private static int List(TextWriter output)
    {
        var cache = Cache();
        var entries = cache.List();
        if (entries.Count == 0)
        {
            output.WriteLine($"{cache.Directory}: empty");
            return Program.Success;
        }
        var table = ConsoleTables.Create(
            ConsoleTables.Text("kind"),
            ConsoleTables.Text("key"),
            ConsoleTables.Number("size"),
            ConsoleTables.Text("created (UTC)")
        );
        foreach (var e in entries.OrderBy(e => e.Kind).ThenBy(e => e.CreatedUtc))
            table.AddTextRow(
                e.Kind,
                e.Key,
                Size(e.SizeBytes),
                e.CreatedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            );
        ConsoleTables.Write(output, table);
        output.WriteLine(
            $"{entries.Count} entries, {Size(entries.Sum(e => e.SizeBytes))} in {cache.Directory}"
        );
        return Program.Success;
    }

    private static int Clear(string? kind, TextWriter output)
    {
        var cache = Cache();
        int n = cache.Clear(kind);
        output.WriteLine($"removed {n} entr{(n == 1 ? "y" : "ies")} from {cache.Directory}");
        return Program.Success;
    }

    private static string Size(long bytes) =>
        bytes switch
        {
            < 1 << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
            < 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} kB"),
            < 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.00} GB"),
        };
}
