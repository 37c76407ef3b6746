using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;

namespace Kit.Learning.Tests;

/// <summary>Blocks held as lists (fast multi-block tests); records which blocks were read; can fail on one block.</summary>
internal sealed class BlockListSource(
    IReadOnlyList<IReadOnlyList<SimulationRecord>> blocks,
    string name = "lists",
    int? failAt = null
) : ISimulationSource
{
    private readonly List<int> reads = [];

    public string Name => name;

    public int Channels => blocks[0][0].Channels;

    public IReadOnlyList<SimulationBlock> Blocks { get; } =
        blocks
            .Select(
                (b, i) =>
                    new SimulationBlock($"{name}/block-{i}", b.Sum(InMemorySource.ResidentBytes))
            )
            .ToArray();

    /// <summary>Block indices read, in order.</summary>
    public IReadOnlyList<int> Reads
    {
        get
        {
            lock (reads)
                return reads.ToArray();
        }
    }

    public void ForEach(int block, Action<SimulationRecord> onSimulation)
    {
        lock (reads)
            reads.Add(block);
        for (int i = 0; i < blocks[block].Count; i++)
        {
            if (block == failAt && i == 1)
                throw new FormatException("simulation 1: soma voltage array truncated");
            onSimulation(blocks[block][i]);
        }
    }

    /// <summary><paramref name="count"/> blocks of <paramref name="perBlock"/> synthetic records each.</summary>
    public static BlockListSource Synthetic(
        int count,
        int perBlock,
        int seed,
        string name = "lists"
    ) =>
        new(
            Enumerable
                .Range(0, count)
                .Select(b =>
                    (IReadOnlyList<SimulationRecord>)Tests.Synthetic.Set(perBlock, seed * 100 + b)
                )
                .ToArray(),
            name
        );
}

/// <summary>
/// Kit dataset part files (<see cref="DatasetFile"/>, one block each) read whole at every visit: a test stand-in for
/// the kit dataset folder source. <see cref="AfterRead"/> runs after each block's simulations were handed out.
/// </summary>
internal sealed class PartFileSource(IReadOnlyList<string> files, int channels) : ISimulationSource
{
    private readonly List<int> reads = [];

    public string Name => Path.GetDirectoryName(files[0]) ?? "parts";

    public int Channels => channels;

    public IReadOnlyList<SimulationBlock> Blocks { get; } =
        files.Select(f => new SimulationBlock(f, new FileInfo(f).Length)).ToArray();

    public Action? AfterRead { get; set; }

    public IReadOnlyList<int> Reads
    {
        get
        {
            lock (reads)
                return reads.ToArray();
        }
    }

    public void ForEach(int block, Action<SimulationRecord> onSimulation)
    {
        var data = DatasetFile.Read(files[block]);
        lock (reads)
            reads.Add(block);
        foreach (var s in data.Simulations)
            onSimulation(s);
        AfterRead?.Invoke();
    }

    /// <summary>
    /// Writes <paramref name="blocks"/> part files of <paramref name="perBlock"/> random records each into
    /// <paramref name="dir"/> (records are made and dropped a block at a time) and returns their paths.
    /// A record holds about 8 x spikeProbability x channels x durationMs bytes of spike list.
    /// </summary>
    public static List<string> Write(
        string dir,
        int blocks,
        int perBlock,
        int channels,
        int durationMs,
        double spikeProbability,
        int seed,
        out long residentBytes
    )
    {
        residentBytes = 0;
        Directory.CreateDirectory(dir);
        var files = new List<string>();
        var metadata = new DatasetMetadata("test/random", seed, "0.0.0", channels / 2, "{}");
        for (int b = 0; b < blocks; b++)
        {
            var rng = new Random(seed * 1000 + b);
            var sims = Enumerable
                .Range(0, perBlock)
                .Select(_ => Random(rng, channels, durationMs, spikeProbability))
                .ToList();
            residentBytes += sims.Sum(InMemorySource.ResidentBytes);
            var path = Path.Combine(dir, $"part-{b:D5}.npz");
            DatasetFile.Write(path, new SpikeDataset(metadata, sims));
            files.Add(path);
        }
        return files;
    }

    private static SimulationRecord Random(Random rng, int channels, int durationMs, double p)
    {
        var chans = new List<int>();
        var times = new List<int>();
        var v = new float[durationMs];
        var output = new List<double>();
        for (int t = 0; t < durationMs; t++)
        {
            int exc = 0;
            for (int c = 0; c < channels; c++)
                if (rng.NextDouble() < p)
                {
                    chans.Add(c);
                    times.Add(t);
                    exc += c < channels / 2 ? 1 : -1;
                }
            v[t] = (float)(-70 + 0.5 * exc);
            if (v[t] > -64)
                output.Add(t + 0.5);
        }
        return new SimulationRecord(
            channels,
            durationMs,
            chans.ToArray(),
            times.ToArray(),
            v,
            output.ToArray()
        );
    }
}
