using System.Globalization;
using System.Numerics;

namespace Kit.Neuron.Data.NeuronIo;

/// <summary>
/// The <c>Params</c> dict of a NeuronIO file. <see cref="Values"/> holds every entry converted to plain .NET
/// values (int → <see cref="long"/>, float and NumPy float scalars → <see cref="double"/>, NumPy integer scalars →
/// <see cref="long"/>, str → <see cref="string"/>, list/tuple → <see cref="IReadOnlyList{T}"/> of object); the
/// properties type the entries the dataset script writes (null when absent).
/// </summary>
public sealed class NeuronIoParams
{
    internal NeuronIoParams(IReadOnlyDictionary<string, object?> values) => Values = values;

    /// <summary>All entries, converted.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; }

    /// <summary><c>randomSeed</c>.</summary>
    public long? RandomSeed => Int("randomSeed");

    /// <summary><c>numSimulations</c>.</summary>
    public long? NumSimulations => Int("numSimulations");

    /// <summary><c>totalSimDurationInSec</c> (s).</summary>
    public double? TotalSimDurationInSec => Number("totalSimDurationInSec");

    /// <summary><c>numSamplesPerMS_HighRes</c> (samples per ms of the high-resolution traces).</summary>
    public long? NumSamplesPerMsHighRes => Int("numSamplesPerMS_HighRes");

    /// <summary><c>excitatorySynapseType</c>: 'NMDA' (AMPA+NMDA) or 'AMPA'.</summary>
    public string? ExcitatorySynapseType => Text("excitatorySynapseType");

    /// <summary><c>inhibitorySynapseType</c>: 'GABA_A'.</summary>
    public string? InhibitorySynapseType => Text("inhibitorySynapseType");

    /// <summary><c>collectAndSaveDVTs</c>: whether dendritic voltages were saved.</summary>
    public bool? CollectAndSaveDvts => Values.GetValueOrDefault("collectAndSaveDVTs") as bool?;

    /// <summary><c>useActiveDendrites</c>.</summary>
    public bool? UseActiveDendrites => Values.GetValueOrDefault("useActiveDendrites") as bool?;

    /// <summary><c>Ih_vshift</c> (mV).</summary>
    public double? IhVshift => Number("Ih_vshift");

    /// <summary><c>numOutputSpikesPerSim</c> (the script's own count per simulation).</summary>
    public IReadOnlyList<long>? NumOutputSpikesPerSim => Ints("numOutputSpikesPerSim");

    /// <summary><c>totalNumOutputSpikes</c>.</summary>
    public long? TotalNumOutputSpikes => Int("totalNumOutputSpikes");

    /// <summary><c>allSegmentsType</c>: 'basal' / 'apical' per dataset segment.</summary>
    public IReadOnlyList<string>? AllSegmentsType =>
        Values.GetValueOrDefault("allSegmentsType") is IReadOnlyList<object?> l
            ? [.. l.Select(x => x as string ?? "")]
            : null;

    /// <summary><c>allSegmentsLength</c> (µm per segment).</summary>
    public IReadOnlyList<double>? AllSegmentsLengthUm => Numbers("allSegmentsLength");

    /// <summary>Segments per synapse type: length of <c>allSegmentsType</c>, else 639.</summary>
    public int SegmentCount => AllSegmentsType?.Count ?? NeuronIoFile.L5pcSegments;

    /// <summary>An entry as a number (int, float or NumPy scalar), or null.</summary>
    public double? Number(string key) =>
        Values.GetValueOrDefault(key) switch
        {
            long l => l,
            double d => d,
            bool b => b ? 1 : 0,
            _ => null,
        };

    /// <summary>An integer entry, or null.</summary>
    public long? Int(string key) => Values.GetValueOrDefault(key) as long?;

    /// <summary>A string entry, or null.</summary>
    public string? Text(string key) => Values.GetValueOrDefault(key) as string;

    /// <summary>A list of numbers, or null.</summary>
    public IReadOnlyList<double>? Numbers(string key) =>
        Values.GetValueOrDefault(key) is IReadOnlyList<object?> l
            ?
            [
                .. l.Select(x =>
                    x switch
                    {
                        long i => i,
                        double d => d,
                        _ => double.NaN,
                    }
                ),
            ]
            : null;

    private IReadOnlyList<long>? Ints(string key) =>
        Values.GetValueOrDefault(key) is IReadOnlyList<object?> l
            ? [.. l.Select(x => x is long i ? i : 0)]
            : null;

    /// <summary>Converts a pickled value to plain .NET values (see the class remarks); <paramref name="depth"/> guards nesting.</summary>
    internal static object? Plain(object? v, int depth = 0)
    {
        if (depth > 32)
            throw new InvalidDataException("parameter value nested more than 32 levels deep");
        return v switch
        {
            NumpyScalar s => s.IsInteger ? s.Int64 : s.Double,
            PickleList l => l.Select(x => Plain(x, depth + 1)).ToArray(),
            object?[] t => t.Select(x => Plain(x, depth + 1)).ToArray(),
            PickleDict d => d.ToDictionary(
                kv =>
                    Convert.ToString(Plain(kv.Key, depth + 1), CultureInfo.InvariantCulture) ?? "",
                kv => Plain(kv.Value, depth + 1)
            ),
            BigInteger b => (double)b,
            _ => v,
        };
    }
}

/// <summary>A NeuronIO file: its <see cref="Params"/> and typed simulations.</summary>
/// <param name="FilePath">The file read.</param>
/// <param name="Params">The <c>Params</c> dict.</param>
/// <param name="Simulations">Simulations in file order (empty when read with <see cref="NeuronIoFile.ForEachSimulation"/>).</param>
/// <param name="SimulationCount">Number of simulations in the file.</param>
/// <param name="FileBytes">File size (bytes).</param>
/// <param name="ReadSeconds">Wall-clock read time (s).</param>
public sealed record NeuronIoExperiment(
    string FilePath,
    NeuronIoParams Params,
    IReadOnlyList<NeuronIoSimulation> Simulations,
    int SimulationCount,
    long FileBytes,
    double ReadSeconds
)
{
    /// <summary>Read speed (MB/s, 10^6 bytes).</summary>
    public double MegabytesPerSecond =>
        ReadSeconds > 0 ? FileBytes / 1e6 / ReadSeconds : double.PositiveInfinity;

    /// <summary>Every simulation as a <see cref="SimulationRecord"/> (<see cref="NeuronIoSimulation.ToSimulationRecord"/> with <see cref="NeuronIoParams.SegmentCount"/>).</summary>
    public IReadOnlyList<SimulationRecord> ToSimulationRecords() =>
        [.. Simulations.Select(s => s.ToSimulationRecord(Params.SegmentCount))];
}

/// <summary>What <see cref="NeuronIoFile"/> keeps of each simulation.</summary>
public sealed record NeuronIoReadOptions
{
    /// <summary>Keep <c>dendriticVoltagesLowRes</c> (639 × 6000 float16 = 7.7 MB per simulation). Default true.</summary>
    public bool IncludeDendriticVoltages { get; init; } = true;

    /// <summary>Keep the 0.125 ms traces and time vector (soma, nexus; 0.4 MB per simulation). Default true.</summary>
    public bool IncludeHighRes { get; init; } = true;

    /// <summary>Limits of the underlying pickle reader.</summary>
    public PickleReaderOptions Pickle { get; init; } = new();
}
