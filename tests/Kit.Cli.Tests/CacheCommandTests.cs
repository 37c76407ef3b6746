using Kit.Cli;
using Kit.Core;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary><c>kit cache list|clear</c> on a temporary repository root (NEURONKIT_ROOT).</summary>
[Collection("process state")]
public sealed class CacheCommandTests
{
    private sealed record Cfg(int N);

    [Fact]
    public void ListsAndClearsEntries()
    {
        var root = Directory.CreateTempSubdirectory("nk-cache-").FullName;
        var saved = Environment.GetEnvironmentVariable(KitPaths.RootVariable);
        Environment.SetEnvironmentVariable(KitPaths.RootVariable, root);
        try
        {
            var cache = new KitCache(Path.Combine(root, "data", "cache"));
            cache.GetOrBuild(
                "if-dataset",
                new Cfg(1),
                d => File.WriteAllBytes(Path.Combine(d, "x"), new byte[2048])
            );
            cache.GetOrBuild("fig1-training", new Cfg(2), _ => { });

            var (code, output, _) = RunKit("cache", "list");
            Assert.Equal(0, code);
            Assert.Contains("if-dataset", output);
            Assert.Contains("fig1-training", output);
            Assert.Contains("2 entries", output);
            // A Spectre table, plain text when not on a terminal.
            Assert.Matches(@"kind\s*[│|]\s*key\s*[│|]\s*size", output);
            Assert.DoesNotContain('\u001b', output);

            (code, output, _) = RunKit("cache", "clear", "--kind", "if-dataset");
            Assert.Equal(0, code);
            Assert.Contains("removed 1 entry", output);
            Assert.Single(cache.List());

            (code, output, _) = RunKit("cache", "clear");
            Assert.Contains("removed 1 entry", output);
            Assert.Contains("empty", RunKit("cache", "list").Out);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KitPaths.RootVariable, saved);
        }
    }
}
