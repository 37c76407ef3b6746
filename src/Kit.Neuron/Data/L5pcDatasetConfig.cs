using System.Globalization;
using System.Text.Json.Serialization;
using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Data;

/// <summary>
/// What <see cref="L5pcDatasetFactory"/> makes: <see cref="Simulations"/> simulations of the Hay L5PC under the
/// paper's random input (<see cref="L5pcInputConfig.Nmda"/> or <see cref="L5pcInputConfig.Ampa"/>), each
/// <see cref="DurationMs"/> long, simulation i drawn from its own stream seeded by [<see cref="Seed"/>, i].
/// Everything here (and nothing else: not threads, not the shard) determines the bytes written.
/// </summary>
/// <param name="Synapses">Excitatory synapse: AMPA+NMDA (the main dataset) or AMPA only.</param>
/// <param name="Simulations">Number of simulations in the whole dataset (all shards).</param>
/// <param name="DurationMs">Length of every simulation (ms, whole 1 ms bins).</param>
/// <param name="Seed">Seed of the input streams.</param>
public sealed record L5pcDatasetConfig(
    ExcitatorySynapseKind Synapses,
    int Simulations,
    int DurationMs,
    long Seed
)
{
    /// <summary>Simulations per part file <c>part-NNNNN.npz</c> (the unit of checkpointing and sharding).</summary>
    public int SimulationsPerPart { get; init; } = 8;

    /// <summary>
    /// Simulations stepped together as SIMD lanes of one engine (with the GPU engine: trials per device batch). Lane groups are fixed within each part (simulations
    /// [part start + g·Lanes, …)), so the grouping never depends on threads or shards.
    /// </summary>
    public int Lanes { get; init; } = 4;

    /// <summary>
    /// Which engine simulates (recorded in the manifest when not <see cref="SimulationEngine.Cpu"/>). The GPU engine
    /// refines each simulation's steps on its own, so its datasets differ from the CPU engine's lane groups in the
    /// last digits (and more where a near-threshold spike goes the other way); for a given engine they are the same
    /// bytes whatever the shards, threads or <see cref="Lanes"/> (docs/gpu-engine.md). Left out of the config's JSON
    /// when it is the CPU engine, so the cache keys of CPU datasets (<c>KitCache.Key</c> of this record) are those
    /// they had before the setting existed, and caches made then are still found.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public SimulationEngine Engine { get; init; } = SimulationEngine.Cpu;

    /// <summary>Engine step and method (its <see cref="SimulationOptions.Lanes"/> is ignored; see <see cref="Lanes"/>).</summary>
    public SimulationOptions Simulation { get; init; } = SimulationOptions.Refined;

    /// <summary>The input protocol of <see cref="Synapses"/> with <see cref="DurationMs"/>.</summary>
    public L5pcInputConfig InputConfig =>
        (
            Synapses == ExcitatorySynapseKind.AmpaNmda ? L5pcInputConfig.Nmda : L5pcInputConfig.Ampa
        ) with
        {
            DurationMs = DurationMs,
        };

    /// <summary>Number of part files, ⌈<see cref="Simulations"/> / <see cref="SimulationsPerPart"/>⌉.</summary>
    public int Parts => (Simulations + SimulationsPerPart - 1) / SimulationsPerPart;

    /// <summary>First simulation of part <paramref name="part"/> and how many it holds.</summary>
    public (int First, int Count) PartRange(int part)
    {
        if (part < 0 || part >= Parts)
            throw new ArgumentOutOfRangeException(nameof(part), part, $"parts are 0..{Parts - 1}");
        int first = part * SimulationsPerPart;
        return (first, Math.Min(SimulationsPerPart, Simulations - first));
    }

    /// <summary>File name of part <paramref name="part"/>: <c>part-00000.npz</c>, …</summary>
    public static string PartFileName(int part) =>
        string.Create(CultureInfo.InvariantCulture, $"part-{part:D5}.npz");

    /// <summary>The CLI spelling of <see cref="Synapses"/>: <c>ampa-nmda</c> or <c>ampa</c>.</summary>
    public string SynapsesName => SynapsesToName(Synapses);

    /// <summary>The CLI spelling of a synapse kind.</summary>
    public static string SynapsesToName(ExcitatorySynapseKind kind) =>
        kind == ExcitatorySynapseKind.AmpaNmda ? "ampa-nmda" : "ampa";

    /// <summary>Parses <c>ampa-nmda</c> / <c>nmda</c> or <c>ampa</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other text.</exception>
    public static ExcitatorySynapseKind ParseSynapses(string text) =>
        text.ToLowerInvariant() switch
        {
            "ampa-nmda" or "nmda" => ExcitatorySynapseKind.AmpaNmda,
            "ampa" => ExcitatorySynapseKind.Ampa,
            _ => throw new ArgumentException(
                $"synapses '{text}': expected ampa-nmda or ampa",
                nameof(text)
            ),
        };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (Simulations <= 0)
            throw new ArgumentException($"simulations {Simulations} must be positive");
        if (DurationMs <= 0)
            throw new ArgumentException($"duration {DurationMs} ms must be positive");
        if (SimulationsPerPart <= 0)
            throw new ArgumentException(
                $"simulations per part {SimulationsPerPart} must be positive"
            );
        if (Lanes <= 0)
            throw new ArgumentException($"lanes {Lanes} must be positive");
        if (Parts > 100_000)
            throw new ArgumentException(
                $"{Parts} parts exceed the 5-digit part names; use more simulations per part"
            );
    }
}

/// <summary>
/// Which parts a process writes: shard <see cref="Index"/> of <see cref="Count"/> (0-based) takes parts
/// Index, Index + Count, Index + 2·Count, … (round robin over part files, so shards stay balanced and any set of
/// shards writes exactly the files of the unsharded run).
/// </summary>
/// <param name="Index">This shard, 0 … Count − 1 (e.g. <c>$SLURM_ARRAY_TASK_ID</c>).</param>
/// <param name="Count">Number of shards.</param>
public readonly record struct DatasetShard(int Index, int Count)
{
    /// <summary>The whole dataset (shard 0/1).</summary>
    public static DatasetShard All => new(0, 1);

    /// <summary>Whether part <paramref name="part"/> belongs to this shard.</summary>
    public bool Owns(int part) => part % Count == Index;

    /// <summary>Parses <c>i/n</c> with 0 ≤ i &lt; n.</summary>
    /// <exception cref="FormatException">Not of that form.</exception>
    public static DatasetShard Parse(string text)
    {
        var parts = text.Split('/');
        if (
            parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n > 0
            && i < n
        )
            return new DatasetShard(i, n);
        throw new FormatException(
            $"shard '{text}': expected i/n with 0 <= i < n (e.g. 0/4; i is 0-based like $SLURM_ARRAY_TASK_ID)"
        );
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
