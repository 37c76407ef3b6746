namespace Kit.Neuron.Data;

/// <summary>What a <see cref="L5pcDatasetFactory.Run"/> call did.</summary>
/// <param name="OutDir">The dataset folder.</param>
/// <param name="Shard">The shard run.</param>
/// <param name="PartsInShard">Parts this shard owns.</param>
/// <param name="PartsAlreadyComplete">Owned parts found complete (and verified) on start.</param>
/// <param name="PartsWritten">Parts simulated and written by this call.</param>
/// <param name="SimulationsWritten">Simulations in the parts simulated by this call.</param>
/// <param name="Wall">Wall time of the call.</param>
/// <param name="PartsPresent">Parts of the whole dataset (all shards) present in the folder after the call.</param>
/// <param name="Parts">Parts of the whole dataset.</param>
/// <param name="StaleTempFilesRemoved">Leftover temporary files of this shard's parts (from a killed write) removed.</param>
public sealed record L5pcDatasetRunSummary(
    string OutDir,
    DatasetShard Shard,
    int PartsInShard,
    int PartsAlreadyComplete,
    int PartsWritten,
    int SimulationsWritten,
    TimeSpan Wall,
    int PartsPresent,
    int Parts,
    int StaleTempFilesRemoved
)
{
    /// <summary>Parts copied from <see cref="L5pcDatasetRunOptions.ReuseFrom"/> instead of simulated (not in <see cref="PartsWritten"/>).</summary>
    public int PartsReused { get; init; }

    /// <summary>Simulations in <see cref="PartsReused"/>.</summary>
    public int SimulationsReused { get; init; }

    /// <summary>True when every part of the whole dataset is in the folder.</summary>
    public bool DatasetComplete => PartsPresent == Parts;

    /// <summary>True when every owned part was already complete: the call changed nothing.</summary>
    public bool NothingToDo => PartsWritten == 0 && PartsAlreadyComplete == PartsInShard;
}
