namespace Kit.Neuron.Data.Sources;

/// <summary>
/// One unit of storage that is read as a whole: a part file of a kit dataset folder (8 simulations), a NeuronIO
/// pickle (128 simulations of 6 s in the paper's release), or an in-memory list.
/// </summary>
/// <param name="Name">What an error message or a progress line calls it (a file path, or "in memory").</param>
/// <param name="SizeBytes">Size on disk (bytes), or the resident size of an in-memory block; used to plan memory.</param>
public sealed record SimulationBlock(string Name, long SizeBytes);

/// <summary>
/// Simulations kept on disk and read a block at a time, so that training and evaluation hold only what they are
/// working on, whatever the size of the dataset. Implementations: a kit dataset folder, NeuronIO files, and a list
/// already in memory.
/// </summary>
public interface ISimulationSource
{
    /// <summary>What messages call the whole source (a folder, a file list, "in memory").</summary>
    string Name { get; }

    /// <summary>Input channels of every simulation (1278 for the L5PC).</summary>
    int Channels { get; }

    /// <summary>The blocks, in a fixed order.</summary>
    IReadOnlyList<SimulationBlock> Blocks { get; }

    /// <summary>
    /// Decodes block <paramref name="block"/> and hands its simulations to <paramref name="onSimulation"/> one at a
    /// time, in order; the callback keeps or drops each. A missing, truncated or foreign file throws
    /// <see cref="InvalidDataException"/> whose message names the file (and the simulation, where known).
    /// </summary>
    void ForEach(int block, Action<SimulationRecord> onSimulation);
}
