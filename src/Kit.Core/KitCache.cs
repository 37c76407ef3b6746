using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kit.Core;

/// <summary>
/// Content-addressed cache under <c>data/cache/&lt;kind&gt;/&lt;key&gt;/</c> (docs/architecture.md, "Caching"):
/// the key is a hash of the config's JSON and the kit version, so a re-run cell reuses a dataset or trained network
/// and a changed config or kit version makes a new entry. An entry is complete once its <c>config.json</c> exists;
/// it is built in a temporary folder and renamed into place, so an interrupted build never leaves a
/// half-written entry behind.
/// </summary>
public sealed class KitCache(string directory)
{
    private static readonly JsonSerializerOptions json = new() { WriteIndented = true };

    /// <summary>The cache of the repository (<c>data/cache</c>).</summary>
    public static KitCache Default => new(KitPaths.Cache());

    /// <summary>Root folder of the cache.</summary>
    public string Directory { get; } = directory;

    /// <summary>A 16-hex-digit key of a config (any JSON-serialisable value) and the kit version.</summary>
    public static string Key(object config)
    {
        var text = JsonSerializer.Serialize(config, config.GetType()) + "|" + KitInfo.Version;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Folder of an entry (may not exist yet).</summary>
    public string EntryPath(string kind, object config) =>
        Path.Combine(Directory, kind, Key(config));

    /// <summary>True when a complete entry exists.</summary>
    public bool Contains(string kind, object config) =>
        File.Exists(Path.Combine(EntryPath(kind, config), "config.json"));

    /// <summary>
    /// Returns the entry folder for <paramref name="config"/>, building it with <paramref name="build"/> (which
    /// writes its files into the folder it is given) when absent or when <paramref name="force"/> is set.
    /// </summary>
    public string GetOrBuild(string kind, object config, Action<string> build, bool force = false)
    {
        var entry = EntryPath(kind, config);
        if (!force && File.Exists(Path.Combine(entry, "config.json")))
            return entry;
        // One builder at a time: a second process (or thread) asking for the same entry waits and then reads it.
        using var hold = CacheEntryLock.Acquire(entry, Describe(kind, config));
        if (!force && File.Exists(Path.Combine(entry, "config.json")))
            return entry;
        RemoveAbandonedBuilds(entry);
        var tmp = entry + $".building-{Environment.ProcessId}-{Guid.NewGuid():N}";
        System.IO.Directory.CreateDirectory(tmp);
        try
        {
            build(tmp);
            var meta = new CacheEntryInfo(
                kind,
                Key(config),
                KitInfo.Version,
                DateTime.UtcNow,
                config
            );
            File.WriteAllText(
                Path.Combine(tmp, "config.json"),
                JsonSerializer.Serialize(meta, json)
            );
            if (System.IO.Directory.Exists(entry))
                System.IO.Directory.Delete(entry, recursive: true);
            System.IO.Directory.Move(tmp, entry);
            return entry;
        }
        catch
        {
            if (System.IO.Directory.Exists(tmp))
                System.IO.Directory.Delete(tmp, recursive: true);
            throw;
        }
    }

    /// <summary>Deletes half-built folders of <paramref name="entry"/> left by processes that no longer run (killed builds).</summary>
    private static void RemoveAbandonedBuilds(string entry)
    {
        var parent = Path.GetDirectoryName(entry)!;
        if (!System.IO.Directory.Exists(parent))
            return;
        foreach (
            var dir in System.IO.Directory.GetDirectories(
                parent,
                Path.GetFileName(entry) + ".building-*"
            )
        )
        {
            var parts = Path.GetFileName(dir).Split('-');
            if (parts.Length >= 2 && int.TryParse(parts[1], out var pid) && !IsRunning(pid))
                System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// A folder for work that fills itself in over time and resumes (e.g. a training with checkpoints): created
    /// with its <c>config.json</c> at once, so <c>kit cache</c> lists and clears it while it is still in progress.
    /// Not held: several writers may share it (the dataset factory's shard tasks each write their own parts); work
    /// that only one process may do at a time opens it with <see cref="OpenHeldEntry"/>.
    /// </summary>
    /// <param name="kind">Entry kind, e.g. <c>fig1-training</c>.</param>
    /// <param name="config">The config the entry is keyed by.</param>
    /// <param name="restart">Delete what the entry holds first (a notebook's <c>force</c>): the work starts over.</param>
    /// <returns>The entry's folder.</returns>
    public string OpenResumableEntry(string kind, object config, bool restart = false)
    {
        var entry = EntryPath(kind, config);
        if (restart && System.IO.Directory.Exists(entry))
            System.IO.Directory.Delete(entry, recursive: true);
        System.IO.Directory.CreateDirectory(entry);
        var cfg = Path.Combine(entry, "config.json");
        if (!File.Exists(cfg))
            AtomicFile.WriteAllText(
                cfg,
                JsonSerializer.Serialize(
                    new CacheEntryInfo(kind, Key(config), KitInfo.Version, DateTime.UtcNow, config),
                    json
                )
            );
        return entry;
    }

    /// <summary>
    /// <see cref="OpenResumableEntry"/> held exclusively until disposed: what a training that checkpoints into its
    /// entry needs, so that a second process asking for the same training (two notebooks sharing a network) waits for
    /// the first and then finds it finished, instead of training it again beside it and tripping over its
    /// checkpoints. <paramref name="restart"/> clears the entry only once the hold is taken.
    /// </summary>
    /// <param name="kind">Entry kind, e.g. <c>fig5-training</c>.</param>
    /// <param name="config">The config the entry is keyed by.</param>
    /// <param name="restart">Delete what the entry holds first: the work starts over.</param>
    /// <param name="progress">Where a wait for another holder is reported; default: <see cref="Progress.DefaultSink"/>.</param>
    public HeldCacheEntry OpenHeldEntry(
        string kind,
        object config,
        bool restart = false,
        IProgressSink? progress = null
    )
    {
        var hold = CacheEntryLock.Acquire(
            EntryPath(kind, config),
            Describe(kind, config),
            progress
        );
        try
        {
            return new HeldCacheEntry(OpenResumableEntry(kind, config, restart), hold);
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }

    private static string Describe(string kind, object config) => $"{kind}/{Key(config)}";

    /// <summary>
    /// The folders of the entries of <paramref name="kind"/> (complete or still filling in) made by this kit version for
    /// a variant of the caller's config: <paramref name="variant"/> is given the config an entry recorded (the
    /// <c>Config</c> of its <c>config.json</c>) and returns the caller's config changed to match it where the caller
    /// allows a difference (null: not a variant). The entry is listed when its key is that config's key, so every
    /// other field, and the kit version, are the caller's exactly. Entries whose <c>config.json</c> is unreadable are
    /// skipped (they are not this kit's).
    /// </summary>
    /// <param name="kind">Entry kind, e.g. <c>l5pc-dataset</c>.</param>
    /// <param name="variant">The caller's config as the recorded one would be, or null.</param>
    /// <returns>Entry folders, in key order.</returns>
    public IReadOnlyList<string> Variants(string kind, Func<JsonElement, object?> variant)
    {
        var kindDir = Path.Combine(Directory, kind);
        if (!System.IO.Directory.Exists(kindDir))
            return [];
        var result = new List<string>();
        foreach (
            var entry in System.IO.Directory.GetDirectories(kindDir).Order(StringComparer.Ordinal)
        )
        {
            var cfg = Path.Combine(entry, "config.json");
            if (!File.Exists(cfg))
                continue;
            object? candidate;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(cfg));
                candidate =
                    doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty(
                        nameof(CacheEntryInfo.Config),
                        out var recorded
                    )
                        ? variant(recorded)
                        : null;
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                continue;
            }
            if (candidate != null && Key(candidate) == Path.GetFileName(entry))
                result.Add(entry);
        }
        return result;
    }

    /// <summary>Every complete entry: kind, key, size and creation time.</summary>
    public IReadOnlyList<CacheEntrySummary> List()
    {
        var result = new List<CacheEntrySummary>();
        if (!System.IO.Directory.Exists(Directory))
            return result;
        foreach (var kindDir in System.IO.Directory.GetDirectories(Directory))
        foreach (var entryDir in System.IO.Directory.GetDirectories(kindDir))
        {
            var cfg = Path.Combine(entryDir, "config.json");
            if (!File.Exists(cfg))
                continue;
            var size = new DirectoryInfo(entryDir)
                .EnumerateFiles("*", SearchOption.AllDirectories)
                .Sum(f => f.Length);
            result.Add(
                new CacheEntrySummary(
                    Path.GetFileName(kindDir),
                    Path.GetFileName(entryDir),
                    size,
                    File.GetLastWriteTimeUtc(cfg),
                    entryDir
                )
            );
        }
        return result;
    }

    /// <summary>Deletes every entry (or those of one kind) and returns how many were removed.</summary>
    public int Clear(string? kind = null)
    {
        var entries = List().Where(e => kind == null || e.Kind == kind).ToList();
        foreach (var e in entries)
            System.IO.Directory.Delete(e.Path, recursive: true);
        return entries.Count;
    }
}

/// <summary>What <c>config.json</c> of a cache entry records.</summary>
public sealed record CacheEntryInfo(
    string Kind,
    string Key,
    string KitVersion,
    DateTime CreatedUtc,
    object Config
);

/// <summary>One cache entry as listed by <c>kit cache</c>.</summary>
public sealed record CacheEntrySummary(
    string Kind,
    string Key,
    long SizeBytes,
    DateTime CreatedUtc,
    string Path
);

/// <summary>A cache entry's folder, held against other processes until disposed (<see cref="KitCache.OpenHeldEntry"/>).</summary>
public sealed class HeldCacheEntry(string path, CacheEntryLock hold) : IDisposable
{
    /// <summary>The entry's folder.</summary>
    public string Path { get; } = path;

    /// <summary>Releases the hold.</summary>
    public void Dispose() => hold.Dispose();
}
