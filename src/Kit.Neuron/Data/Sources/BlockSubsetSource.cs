namespace Kit.Neuron.Data.Sources;

/// <summary>
/// The leading blocks of another source: what a network trained on part of a dataset sees (the data curve of the
/// L5PC figures trains on the first quarter, half, ... of the training simulations).
/// </summary>
public sealed class BlockSubsetSource : ISimulationSource
{
    private readonly ISimulationSource inner;

    /// <summary>Blocks [0, <paramref name="blocks"/>) of <paramref name="source"/>.</summary>
    public BlockSubsetSource(ISimulationSource source, int blocks)
    {
        if (blocks < 1 || blocks > source.Blocks.Count)
            throw new ArgumentOutOfRangeException(
                nameof(blocks),
                $"{source.Name} has {source.Blocks.Count} blocks, asked for the first {blocks}"
            );
        inner = source;
        Blocks = source.Blocks.Take(blocks).ToList();
        Name = $"{source.Name} (first {blocks} of {source.Blocks.Count} blocks)";
    }

    /// <summary>The leading <paramref name="fraction"/> of the blocks of <paramref name="source"/> (at least one).</summary>
    public static BlockSubsetSource Fraction(ISimulationSource source, double fraction)
    {
        if (!(fraction > 0 && fraction <= 1))
            throw new ArgumentOutOfRangeException(
                nameof(fraction),
                $"the fraction must be in (0, 1], got {fraction}"
            );
        int n = Math.Max(1, (int)Math.Round(fraction * source.Blocks.Count));
        return new BlockSubsetSource(source, n);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Channels => inner.Channels;

    /// <inheritdoc/>
    public IReadOnlyList<SimulationBlock> Blocks { get; }

    /// <inheritdoc/>
    public void ForEach(int block, Action<SimulationRecord> onSimulation)
    {
        if ((uint)block >= (uint)Blocks.Count)
            throw new ArgumentOutOfRangeException(
                nameof(block),
                $"{Name} has blocks 0..{Blocks.Count - 1}, asked for {block}"
            );
        inner.ForEach(block, onSimulation);
    }
}
