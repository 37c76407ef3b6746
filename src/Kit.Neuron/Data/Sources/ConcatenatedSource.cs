namespace Kit.Neuron.Data.Sources;

/// <summary>Several sources read one after another as one: their blocks in order (e.g. two kit dataset folders).</summary>
public sealed class ConcatenatedSource : ISimulationSource
{
    private readonly (ISimulationSource Source, int Block)[] index;

    /// <summary>Joins <paramref name="sources"/> (at least one, all with the same channel count).</summary>
    /// <exception cref="InvalidDataException">The sources differ in channel count (the message names both).</exception>
    public ConcatenatedSource(IReadOnlyList<ISimulationSource> sources, string? name = null)
    {
        if (sources.Count == 0)
            throw new ArgumentException("no sources given", nameof(sources));
        foreach (var s in sources)
            if (s.Channels != sources[0].Channels)
                throw new InvalidDataException(
                    $"{s.Name} has {s.Channels} channels, {sources[0].Name} has {sources[0].Channels}"
                );
        Sources = [.. sources];
        Name = name ?? string.Join(" + ", sources.Select(s => s.Name));
        Channels = sources[0].Channels;
        index =
        [
            .. sources.SelectMany(s => Enumerable.Range(0, s.Blocks.Count).Select(b => (s, b))),
        ];
        Blocks = [.. index.Select(i => i.Source.Blocks[i.Block])];
    }

    /// <summary>The joined sources, in order.</summary>
    public IReadOnlyList<ISimulationSource> Sources { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Channels { get; }

    /// <inheritdoc/>
    public IReadOnlyList<SimulationBlock> Blocks { get; }

    /// <inheritdoc/>
    public void ForEach(int block, Action<SimulationRecord> onSimulation)
    {
        if ((uint)block >= (uint)index.Length)
            throw new ArgumentOutOfRangeException(
                nameof(block),
                block,
                $"{Name} has blocks 0..{index.Length - 1}"
            );
        var (source, b) = index[block];
        source.ForEach(b, onSimulation);
    }
}
