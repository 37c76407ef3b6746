namespace Kit.Core;

/// <summary>
/// An exclusive hold on one cache entry, across processes and within one: a lock file beside the entry
/// (<c>&lt;entry&gt;.lock</c>) opened with <see cref="FileShare.None"/>, which .NET turns into an advisory
/// <c>flock</c> on Unix and a sharing lock on Windows. The operating system releases it when the holder exits,
/// however it exits, so a killed process never leaves a stale lock. The lock file itself stays (removing it while
/// another process waits on it would let a third one lock a new file beside the old).
/// </summary>
public sealed class CacheEntryLock : IDisposable
{
    /// <summary>How often a busy lock is tried again.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly FileStream stream;

    private CacheEntryLock(FileStream stream) => this.stream = stream;

    /// <summary>
    /// Takes the lock of <paramref name="entryPath"/>, waiting while another holder has it and saying so once on
    /// <paramref name="progress"/> (task "wait").
    /// </summary>
    /// <param name="entryPath">The cache entry folder (it need not exist yet).</param>
    /// <param name="description">What the entry is, for the waiting message, e.g. <c>fig5-training/3f2a…</c>.</param>
    /// <param name="progress">Where the waiting message goes; default: <see cref="Progress.DefaultSink"/>.</param>
    /// <param name="cancellation">Stops the wait (<see cref="OperationCanceledException"/>); default:
    /// <see cref="KitCancellation.Token"/>.</param>
    public static CacheEntryLock Acquire(
        string entryPath,
        string description,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null
    )
    {
        ArgumentException.ThrowIfNullOrEmpty(entryPath);
        var path = entryPath.TrimEnd(Path.DirectorySeparatorChar) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var token = cancellation ?? KitCancellation.Token;
        ProgressReporter? waiting = null;
        try
        {
            while (true)
            {
                token.ThrowIfCancellationRequested();
                if (TryOpen(path) is { } stream)
                    return new CacheEntryLock(stream);
                if (waiting is null)
                {
                    waiting = new ProgressReporter("wait", 0, progress);
                    waiting.SetDone(
                        0,
                        $"another kit process is making {description}; its result is used when it is done"
                    );
                }
                token.WaitHandle.WaitOne(PollInterval);
            }
        }
        finally
        {
            waiting?.Dispose();
        }
    }

    private static FileStream? TryOpen(string path)
    {
        try
        {
            return new FileStream(
                path,
                FileMode.OpenOrCreate,
                FileAccess.ReadWrite,
                FileShare.None
            );
        }
        catch (IOException) when (File.Exists(path))
        {
            // held by another process or by another holder in this one
            return null;
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => stream.Dispose();
}
