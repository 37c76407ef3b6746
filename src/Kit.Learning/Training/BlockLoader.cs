using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;

namespace Kit.Learning.Training;

/// <summary>What <see cref="BlockLoader.Load"/> read from one block.</summary>
/// <param name="Block">Block index in its source.</param>
/// <param name="Simulations">The block's simulations, or null when they did not fit the room given (then none is held).</param>
/// <param name="Bytes">Resident size of the whole block (bytes), measured while reading it.</param>
internal sealed record LoadedBlock(int Block, List<SimulationRecord>? Simulations, long Bytes);

/// <summary>
/// Reads whole blocks of one source for the trainer: checks every simulation (channels, long enough for a
/// window), measures its resident size, counts what it keeps in a <see cref="ResidentMeter"/>, and names the block
/// in every error the source throws.
/// </summary>
internal sealed class BlockLoader(ISimulationSource source, int windowMs, ResidentMeter meter)
{
    /// <summary>The source read.</summary>
    public ISimulationSource Source => source;

    /// <summary>Name of block <paramref name="block"/>.</summary>
    public string NameOf(int block) => source.Blocks[block].Name;

    /// <summary>
    /// Reads block <paramref name="block"/> and keeps its simulations if their resident size fits in
    /// <paramref name="room"/> bytes. Simulations are kept while they fit and all dropped at the first that does
    /// not (the rest are still read to measure the block), so the meter never counts more than the room.
    /// </summary>
    public LoadedBlock Load(int block, long room)
    {
        var kept = new List<SimulationRecord>();
        long keptBytes = 0,
            total = 0;
        bool fits = true;
        Read(
            block,
            r =>
            {
                long bytes = InMemorySource.ResidentBytes(r);
                total += bytes;
                if (!fits)
                    return;
                if (keptBytes + bytes <= room)
                {
                    kept.Add(r);
                    keptBytes += bytes;
                    meter.Add(bytes);
                }
                else
                {
                    fits = false;
                    kept.Clear();
                    meter.Release(keptBytes);
                    keptBytes = 0;
                }
            },
            () => meter.Release(keptBytes)
        );
        return new LoadedBlock(block, fits ? kept : null, total);
    }

    /// <summary>Reads block <paramref name="block"/> and hands each simulation to <paramref name="visit"/>, keeping none.</summary>
    public void Scan(int block, Action<SimulationRecord> visit) => Read(block, visit, () => { });

    private void Read(int block, Action<SimulationRecord> visit, Action onError)
    {
        var name = NameOf(block);
        int index = 0;
        try
        {
            source.ForEach(
                block,
                r =>
                {
                    if (r.Channels != source.Channels)
                        throw new InvalidDataException(
                            $"{name}: simulation {index} has {r.Channels} input channels, {source.Name} has {source.Channels}"
                        );
                    if (r.DurationMs < windowMs)
                        throw new InvalidDataException(
                            $"{name}: simulation {index} lasts {r.DurationMs} ms, shorter than the {windowMs} ms training window"
                        );
                    visit(r);
                    index++;
                }
            );
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            onError();
            if (e.Message.Contains(name, StringComparison.Ordinal))
                throw;
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
    }
}
