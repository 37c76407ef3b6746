using System.Globalization;
using Kit.Neuron.Morphology;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests.Morphology;

/// <summary>cell1.asc from ../shared, imported once with the Hay template (null when ../shared is absent).</summary>
internal static class HayCell
{
    private static readonly Lazy<Kit.Neuron.Morphology.Morphology?> Cached = new(() =>
    {
        var path = SharedData.Directory is null
            ? null
            : Path.Combine(SharedData.Directory, "morphologies", "cell1.asc");
        return path is not null && File.Exists(path)
            ? Kit.Neuron.Morphology.Morphology.Load(path)
            : null;
    });

    /// <summary>The imported cell, or skips the test.</summary>
    public static Kit.Neuron.Morphology.Morphology Require()
    {
        SharedData.RequireFile("morphologies/cell1.asc");
        return Cached.Value!;
    }

    /// <summary>Rows of the first markdown table in a shared doc whose header starts with <paramref name="header"/>.</summary>
    public static List<string[]> MarkdownTable(string relativePath, string header)
    {
        var lines = File.ReadAllLines(SharedData.RequireFile(relativePath));
        int start = Array.FindIndex(lines, l => l.StartsWith(header, StringComparison.Ordinal));
        Assert.True(start >= 0, $"table '{header}' not found in {relativePath}");
        var rows = new List<string[]>();
        for (int i = start + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
            rows.Add([.. lines[i].Trim().Trim('|').Split('|').Select(c => c.Trim())]);
        return rows;
    }

    public static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    public static void Close(double expected, double actual, double relTol, string what) =>
        Assert.True(
            Math.Abs(actual - expected) <= relTol * Math.Max(Math.Abs(expected), 1e-12),
            $"{what}: expected {expected}, got {actual} (relative tolerance {relTol})"
        );
}
