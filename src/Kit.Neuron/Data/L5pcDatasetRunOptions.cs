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

    /// <summary>
    /// Dataset folders whose parts this run copies instead of simulating: datasets of this config but for their number
    /// of simulations (<see cref="L5pcDatasetFactory.ReusableConfig"/>), e.g. a smaller one this dataset extends or a
    /// larger one it is a prefix of. A part is taken when the folder holds the same simulations in it (the same first
    /// simulation and count); only its metadata is written anew, so the file is the bytes simulating it would write.
    /// </summary>
    public IReadOnlyList<string> ReuseFrom { get; init; } = [];

    /// <summary>Called with the path of each part file after it is in place (simulated or reused).</summary>
    public Action<string>? PartWritten { get; init; }
}
