namespace Kit.Learning.Training;

/// <summary>
/// Bytes of simulations the trainer holds (<c>InMemorySource.ResidentBytes</c> of each record kept) and the most
/// it held at once. Thread-safe: a prefetched working set is counted from the background thread that loads it.
/// </summary>
internal sealed class ResidentMeter
{
    private long current;
    private long peak;

    /// <summary>Bytes held now.</summary>
    public long Current => Interlocked.Read(ref current);

    /// <summary>The most bytes held at once so far.</summary>
    public long Peak => Interlocked.Read(ref peak);

    /// <summary>Counts <paramref name="bytes"/> more as held.</summary>
    public void Add(long bytes)
    {
        long now = Interlocked.Add(ref current, bytes);
        long seen = Interlocked.Read(ref peak);
        while (now > seen)
        {
            long was = Interlocked.CompareExchange(ref peak, now, seen);
            if (was == seen)
                break;
            seen = was;
        }
    }

    /// <summary>Counts <paramref name="bytes"/> as let go.</summary>
    public void Release(long bytes) => Interlocked.Add(ref current, -bytes);
}
