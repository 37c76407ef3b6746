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
    public void VariantsAreTheEntriesThatDifferOnlyWhereTheCallerAllows()
    {
        foreach (
            var c in new[] { new Cfg(8, 20), new Cfg(16, 20), new Cfg(32, 25), new Cfg(4, 20) }
        )
            cache.OpenResumableEntry("dataset", c);
        cache.GetOrBuild("other", new Cfg(64, 20), _ => { });
        // Not this kit's: unreadable config.json, or one without a Config.
        var junk = Path.Combine(cache.Directory, "dataset", "0000000000000000");
        Directory.CreateDirectory(junk);
        File.WriteAllText(Path.Combine(junk, "config.json"), "{ torn");
        var bare = Path.Combine(cache.Directory, "dataset", "0000000000000001");
        Directory.CreateDirectory(bare);
        File.WriteAllText(Path.Combine(bare, "config.json"), "[1, 2]");

        // The caller's config is (Simulations 8, TauMs 20); any other count is allowed, nothing else.
        var mine = new Cfg(8, 20);
        var variants = cache.Variants(
            "dataset",
            recorded =>
                recorded.GetProperty(nameof(Cfg.Simulations)).GetInt32() is int n
                && n != mine.Simulations
                    ? mine with
                    {
                        Simulations = n,
                    }
                    : null
        );
        string[] expected =
        [
            .. new[] { new Cfg(16, 20), new Cfg(4, 20) }
                .Select(c => cache.EntryPath("dataset", c))
                .Order(StringComparer.Ordinal),
        ];
        Assert.Equal(expected, variants);
        Assert.Empty(cache.Variants("missing-kind", _ => mine));
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

public class KitCacheHeldEntryTests
{
    private sealed record Cfg(int Simulations, double TauMs);

    private readonly KitCache cache = new(Directory.CreateTempSubdirectory("kit-cache-").FullName);

    [Fact]
    public async Task ASecondHolderOfAnEntryWaitsUntilTheFirstLetsGo()
    {
        var first = cache.OpenHeldEntry("training", new Cfg(1, 2), progress: Progress.None);
        File.WriteAllText(Path.Combine(first.Path, "checkpoint.bin"), "step 100");
        var sink = new RecordingSink();
        var second = Task.Run(() => cache.OpenHeldEntry("training", new Cfg(1, 2), progress: sink));
        var early = await Task.WhenAny(second, Task.Delay(700));
        Assert.NotSame(second, early); // the second holder must not get in while the first holds the entry
        first.Dispose();
        using var entry = await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(first.Path, entry.Path);
        // it finds the first one's work, not an emptied folder
        Assert.Equal("step 100", File.ReadAllText(Path.Combine(entry.Path, "checkpoint.bin")));
        var wait = Assert.Single(sink.Updates, u => u.Task == "wait" && u.Detail is not null);
        Assert.Contains($"training/{KitCache.Key(new Cfg(1, 2))}", wait.Detail);
        // another entry is not held by it
        using var other = cache.OpenHeldEntry("training", new Cfg(2, 2), progress: sink);
        Assert.Single(sink.Updates, u => u.Task == "wait" && u.Detail is not null);
    }

    [Fact]
    public void RestartClearsAHeldEntry()
    {
        using (var e = cache.OpenHeldEntry("training", new Cfg(1, 2), progress: Progress.None))
            File.WriteAllText(Path.Combine(e.Path, "checkpoint.bin"), "x");
        using var again = cache.OpenHeldEntry(
            "training",
            new Cfg(1, 2),
            restart: true,
            progress: Progress.None
        );
        Assert.False(File.Exists(Path.Combine(again.Path, "checkpoint.bin")));
        Assert.True(File.Exists(Path.Combine(again.Path, "config.json")));
    }

    [Fact]
    public void AHeldEntryIsHeldAgainstOtherProcesses()
    {
        Assert.True(
            OperatingSystem.IsLinux(),
            "this test checks the Unix flock the lock relies on"
        );
        using var held = cache.OpenHeldEntry("training", new Cfg(1, 2), progress: Progress.None);
        var lockFile = held.Path + ".lock";
        Assert.Equal(1, Flock(lockFile)); // busy even for a shared lock: flock --nonblock exits 1
        held.Dispose();
        Assert.Equal(0, Flock(lockFile));
    }

    private static int Flock(string file)
    {
        using var p = System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo(
                "flock",
                ["--nonblock", "--shared", file, "true"]
            )
        )!;
        p.WaitForExit();
        return p.ExitCode;
    }

    [Fact]
    public void TwoBuildersOfOneEntryBuildItOnce()
    {
        int builds = 0;
        void Build(string dir)
        {
            Interlocked.Increment(ref builds);
            Thread.Sleep(300);
            File.WriteAllText(Path.Combine(dir, "payload.txt"), "x");
        }
        // Two threads of their own, released together (thread-pool tasks could run one after the other).
        using var start = new Barrier(2);
        var paths = new string[2];
        var builders = Enumerable
            .Range(0, 2)
            .Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                paths[i] = cache.GetOrBuild("dataset", new Cfg(3, 4), Build);
            }))
            .ToArray();
        foreach (var t in builders)
            t.Start();
        foreach (var t in builders)
            Assert.True(t.Join(TimeSpan.FromSeconds(30)), "a builder never finished");
        Assert.Equal(1, builds);
        Assert.Equal(paths[0], paths[1]);
        Assert.True(File.Exists(Path.Combine(paths[0], "payload.txt")));
    }

    private sealed class RecordingSink : IProgressSink
    {
        private readonly List<ProgressUpdate> updates = [];

        public IReadOnlyList<ProgressUpdate> Updates
        {
            get
            {
                lock (updates)
                    return [.. updates];
            }
        }

        public void Report(ProgressUpdate update)
        {
            lock (updates)
                updates.Add(update);
        }

        public void Complete(ProgressUpdate final) { }
    }
}
