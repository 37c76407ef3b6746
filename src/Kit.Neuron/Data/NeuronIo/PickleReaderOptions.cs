namespace Kit.Neuron.Data.NeuronIo;

/// <summary>Limits and hooks of a <see cref="PickleReader"/>.</summary>
public sealed record PickleReaderOptions
{
    /// <summary>Most nested MARKs allowed (a legitimate NeuronIO file uses 3).</summary>
    public int MaxMarkDepth { get; init; } = 64;

    /// <summary>Most values on the VM stack at once (NeuronIO: about 2000, pickle batches of 1000).</summary>
    public int MaxStackItems { get; init; } = 100_000;

    /// <summary>Longest string/bytes value accepted (bytes).</summary>
    public long MaxStringBytes { get; init; } = int.MaxValue - 64;

    /// <summary>
    /// Called after every SETITEM/SETITEMS with the dict that was filled. Return null to keep the dict; return any
    /// other object to replace the dict on the VM stack by it (e.g. a typed, compact copy) — the reader then also
    /// releases its memo entries created since the previous replacement, except small immutable ones (globals,
    /// dtypes, short printable strings), so a file of many large records is read in bounded memory. A later
    /// reference to a released entry is reported as an error.
    /// </summary>
    public Func<PickleDict, object?>? OnDictFilled { get; init; }
}
