namespace Kit.Neuron.Data;

/// <summary>What a dataset file's <c>metadata.json</c> says (<see cref="DatasetFile.ReadHeader"/>).</summary>
/// <param name="Metadata">Generator, seed, kit version, excitatory channels and config.</param>
/// <param name="Simulations">Simulations in the file.</param>
/// <param name="Channels">Input channels of every simulation.</param>
/// <param name="DurationMs">Length of every simulation (1 ms bins).</param>
public sealed record DatasetFileHeader(
    DatasetMetadata Metadata,
    int Simulations,
    int Channels,
    int DurationMs
);
