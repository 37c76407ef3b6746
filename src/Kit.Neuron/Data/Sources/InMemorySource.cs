namespace Kit.Neuron.Data.Sources;

/// <summary>Simulations already in memory, as one block (what small tests and the smoke profile use).</summary>
public sealed class InMemorySource : ISimulationSource
{
    private readonly IReadOnlyList<SimulationRecord> simulations;

    /// <summary>Wraps <paramref name="simulations"/> (not copied); at least one, all with the same channel count.</summary>
    public InMemorySource(IReadOnlyList<SimulationRecord> simulations, string name = "in memory")
    {
        if (simulations.Count == 0)
            throw new ArgumentException($"{name}: no simulations");
        int channels = simulations[0].Channels;
        for (int i = 1; i < simulations.Count; i++)
            if (simulations[i].Channels != channels)
                throw new ArgumentException(
                    $"{name}: simulation {i} has {simulations[i].Channels} channels, simulation 0 has {channels}"
                );
        this.simulations = simulations;
        Name = name;
        Channels = channels;
        Blocks = [new SimulationBlock(name, simulations.Sum(ResidentBytes))];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Channels { get; }

    /// <inheritdoc/>
    public IReadOnlyList<SimulationBlock> Blocks { get; }

    /// <summary>The simulations.</summary>
    public IReadOnlyList<SimulationRecord> Simulations => simulations;

    /// <inheritdoc/>
    public void ForEach(int block, Action<SimulationRecord> onSimulation)
    {
        if (block != 0)
            throw new ArgumentOutOfRangeException(
                nameof(block),
                $"{Name} has one block, asked for {block}"
            );
        foreach (var s in simulations)
            onSimulation(s);
    }

    /// <summary>Approximate managed memory a record holds (bytes): its spike list and voltage traces.</summary>
    public static long ResidentBytes(SimulationRecord record) =>
        8L * record.SpikeTimesMs.Count
        + 4L * record.DurationMs * (record.NexusVoltageMv == null ? 1 : 2)
        + 8L * record.OutputSpikeTimesMs.Count;
}
