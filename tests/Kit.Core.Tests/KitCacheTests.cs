using Kit.Core;

namespace Kit.Core.Tests;

public class KitCacheTests
{
    private sealed record Cfg(int Simulations, double TauMs);

    private readonly KitCache cache = new(Directory.CreateTempSubdirectory("kit-cache-").FullName);

    [Fact]
    public void BuildsOnceAndReusesForTheSameConfig()
    {
        int builds = 0;
        void Build(string dir)
        {
            builds++;
            File.WriteAllText(Path.Combine(dir, "payload.txt"), "x");
        }
        var a = cache.GetOrBuild("dataset", new Cfg(10, 20), Build);
        var b = cache.GetOrBuild("dataset", new Cfg(10, 20), Build);
        Assert.Equal(a, b);
        Assert.Equal(1, builds);
        Assert.True(File.Exists(Path.Combine(a, "payload.txt")));
        Assert.True(File.Exists(Path.Combine(a, "config.json")));

        var c = cache.GetOrBuild("dataset", new Cfg(11, 20), Build);
        Assert.NotEqual(a, c);
        cache.GetOrBuild("dataset", new Cfg(10, 20), Build, force: true);
        Assert.Equal(3, builds);
        Assert.Equal(2, cache.List().Count);
        Assert.Equal(2, cache.Clear("dataset"));
        Assert.Empty(cache.List());
    }

    [Fact]
    public void AFailedBuildLeavesNoEntry()
    {
        Assert.Throws<InvalidOperationException>(() =>
            cache.GetOrBuild(
                "model",
                new Cfg(1, 2),
                dir =>
                {
                    File.WriteAllText(Path.Combine(dir, "half.bin"), "x");
                    throw new InvalidOperationException("interrupted");
                }
            )
        );
        Assert.False(cache.Contains("model", new Cfg(1, 2)));
        Assert.Empty(Directory.GetDirectories(Path.Combine(cache.Directory, "model")));
    }

    [Fact]
    public void KeyDependsOnEveryField()
    {
        Assert.Equal(KitCache.Key(new Cfg(1, 2)), KitCache.Key(new Cfg(1, 2)));
        Assert.NotEqual(KitCache.Key(new Cfg(1, 2)), KitCache.Key(new Cfg(1, 2.5)));
        Assert.Equal(16, KitCache.Key(new Cfg(1, 2)).Length);
    }
}

public class KitCacheAbandonedBuildTests
{
    private sealed record Cfg(int N);

    [Fact]
    public void HalfBuiltFoldersOfDeadProcessesAreRemoved()
    {
        var cache = new KitCache(Directory.CreateTempSubdirectory("kit-cache-").FullName);
        var entry = cache.EntryPath("dataset", new Cfg(3));
        // A process id that cannot be running (above Linux's pid_max of 2^22).
        var abandoned = entry + ".building-99999999-0123";
        var alive = entry + $".building-{Environment.ProcessId}-4567";
        Directory.CreateDirectory(abandoned);
        Directory.CreateDirectory(alive);
        cache.GetOrBuild("dataset", new Cfg(3), _ => { });
        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(alive));
    }
}

public class KitCacheResumableEntryTests
{
    private sealed record Cfg(int N);

    [Fact]
    public void ResumableEntriesAreListedWhileInProgress()
    {
        var cache = new KitCache(Directory.CreateTempSubdirectory("kit-cache-").FullName);
        var dir = cache.OpenResumableEntry("training", new Cfg(1));
        File.WriteAllText(Path.Combine(dir, "model-10.bin"), "x");
        Assert.Equal(dir, cache.OpenResumableEntry("training", new Cfg(1)));
        Assert.True(File.Exists(Path.Combine(dir, "model-10.bin")));
        Assert.Equal("training", Assert.Single(cache.List()).Kind);
        Assert.Equal(1, cache.Clear("training"));
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void RestartingAResumableEntryEmptiesItAndKeepsItListed()
    {
        var cache = new KitCache(Directory.CreateTempSubdirectory("kit-cache-").FullName);
        var dir = cache.OpenResumableEntry("training", new Cfg(2));
        File.WriteAllText(Path.Combine(dir, "model-10.bin"), "x");
        var other = cache.OpenResumableEntry("training", new Cfg(3));
        File.WriteAllText(Path.Combine(other, "model-10.bin"), "y");
        Assert.Equal(dir, cache.OpenResumableEntry("training", new Cfg(2), restart: true));
        Assert.False(File.Exists(Path.Combine(dir, "model-10.bin")));
        Assert.True(File.Exists(Path.Combine(dir, "config.json")));
        Assert.True(File.Exists(Path.Combine(other, "model-10.bin"))); // only its own entry
        Assert.Equal(2, cache.List().Count);
    }
}
