namespace Kit.Neuron.Data;

/// <summary>What a dataset file records about how it was made (docs/dataset-format.md).</summary>
/// <param name="Generator">Model and input generator, e.g. "integrate-and-fire/beniaguev2021".</param>
/// <param name="Seed">Seed of the random stream the simulations were drawn from.</param>
/// <param name="KitVersion">Kit version that wrote it.</param>
/// <param name="ExcitatoryChannels">Channels 0..ExcitatoryChannels-1 are excitatory, the rest inhibitory.</param>
/// <param name="ConfigJson">The full generating config as JSON.</param>
public sealed record DatasetMetadata(
    string Generator,
    long Seed,
    string KitVersion,
    int ExcitatoryChannels,
    string ConfigJson
)
{
    /// <summary>Free-text description of the channel order (which channels are excitatory, bin width, ...); may be null.</summary>
    public string? ChannelLayout { get; init; }
}

/// <summary>A set of simulations of one neuron with one input generator, plus how it was made.</summary>
public sealed record SpikeDataset(
    DatasetMetadata Metadata,
    IReadOnlyList<SimulationRecord> Simulations
)
{
    /// <summary>Input channels (the same for every simulation).</summary>
    public int Channels => Simulations.Count == 0 ? 0 : Simulations[0].Channels;

    /// <summary>Simulations [start, start + count) as a new dataset with the same metadata.</summary>
    public SpikeDataset Slice(int start, int count) =>
        this with
        {
            Simulations = Simulations.Skip(start).Take(count).ToList(),
        };
}
