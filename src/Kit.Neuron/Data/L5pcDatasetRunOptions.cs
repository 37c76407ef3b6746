using Kit.Core;

namespace Kit.Neuron.Data;

/// <summary>How one <see cref="L5pcDatasetFactory.Run"/> call works (none of it changes the bytes written).</summary>
public sealed record L5pcDatasetRunOptions
{
    /// <summary>Which parts this process writes (default: all).</summary>
    public DatasetShard Shard { get; init; } = DatasetShard.All;

    /// <summary>Worker threads, each with its own engine (default: every core).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Progress sink (default <see cref="Progress.DefaultSink"/>: a console line with ETA).</summary>
    public IProgressSink? Progress { get; init; }

    /// <summary>Cancellation (default <see cref="KitCancellation.Token"/>); checked every simulated ms.</summary>
    public CancellationToken? Cancellation { get; init; }

    /// <summary>Called with the path of each part file after it is in place.</summary>
    public Action<string>? PartWritten { get; init; }
}
