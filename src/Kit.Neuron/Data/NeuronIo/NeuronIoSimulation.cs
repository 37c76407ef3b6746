namespace Kit.Neuron.Data.NeuronIo;

/// <summary>
/// One simulation of a NeuronIO file (one entry of <c>Results['listOfSingleSimulationDicts']</c>), typed. Voltages
/// are kept as stored (float16, mV); times in ms. Optional entries are null when the file does not hold them (or
/// when <see cref="NeuronIoReadOptions"/> dropped them).
/// </summary>
public sealed class NeuronIoSimulation
{
    internal NeuronIoSimulation() { }

    /// <summary>Position in the file's list of simulations (0-based).</summary>
    public int Index { get; internal init; }

    /// <summary><c>recordingTimeHighRes</c>: sample times (ms), 0, 0.125, … (float32 in the file).</summary>
    public float[]? RecordingTimeHighResMs { get; internal set; }

    /// <summary><c>somaVoltageHighRes</c>: soma(0.5) voltage (mV) every <see cref="HighResDtMs"/> (float16).</summary>
    public Half[]? SomaVoltageHighResMv { get; internal set; }

    /// <summary><c>nexusVoltageHighRes</c>: nexus (apic[50](0.9)) voltage (mV) every <see cref="HighResDtMs"/> (float16).</summary>
    public Half[]? NexusVoltageHighResMv { get; internal set; }

    /// <summary><c>recordingTimeLowRes</c>: 0, 1, 2, … ms (float32).</summary>
    public float[]? RecordingTimeLowResMs { get; internal set; }

    /// <summary><c>somaVoltageLowRes</c>: soma voltage (mV) at integer ms (float16).</summary>
    public Half[]? SomaVoltageLowResMv { get; internal set; }

    /// <summary><c>nexusVoltageLowRes</c>: nexus voltage (mV) at integer ms (float16).</summary>
    public Half[]? NexusVoltageLowResMv { get; internal set; }

    /// <summary><c>dendriticVoltagesLowRes</c> (optional): voltage (mV) of every segment at integer ms, row-major [segment, ms].</summary>
    public Half[]? DendriticVoltagesLowResMv { get; internal set; }

    /// <summary>Rows (segments) of <see cref="DendriticVoltagesLowResMv"/>, 0 when absent.</summary>
    public int DendriticSegments { get; internal set; }

    /// <summary><c>exInputSpikeTimes</c>: segment index → excitatory input spike times (ms) as stored; only segments with spikes are keys.</summary>
    public IReadOnlyDictionary<int, double[]> ExcitatoryInputSpikeTimesMs { get; internal set; } =
        new Dictionary<int, double[]>();

    /// <summary><c>inhInputSpikeTimes</c>: segment index → inhibitory input spike times (ms).</summary>
    public IReadOnlyDictionary<int, double[]> InhibitoryInputSpikeTimesMs { get; internal set; } =
        new Dictionary<int, double[]>();

    /// <summary>
    /// <c>outputSpikeTimes</c> exactly as stored: float16 ms, i.e. 0.25 ms coarse above 256 ms and 4 ms above 4096 ms.
    /// Use <see cref="DetectOutputSpikesMs"/> for timing.
    /// </summary>
    public Half[] OutputSpikeTimesMs { get; internal set; } = [];

    /// <summary>Entries of the simulation dict this class does not know, as read (see <see cref="PickleReader"/>).</summary>
    public IReadOnlyDictionary<string, object?> OtherEntries { get; internal set; } =
        new Dictionary<string, object?>();

    /// <summary>Sampling interval of the high-resolution traces (ms): from the time vector, else 0.125.</summary>
    public double HighResDtMs =>
        RecordingTimeHighResMs is { Length: >= 2 } t
            ? (double)t[1] - t[0]
            : NeuronIoFile.DefaultHighResDtMs;

    /// <summary>Simulated duration (ms): length of the 1 ms traces, else of the high-resolution ones × dt.</summary>
    public int DurationMs =>
        SomaVoltageLowResMv?.Length
        ?? (SomaVoltageHighResMv is { } h ? (int)Math.Round(h.Length * HighResDtMs) : 0);

    /// <summary>Number of excitatory input spikes (all segments).</summary>
    public int ExcitatoryInputSpikeCount => ExcitatoryInputSpikeTimesMs.Values.Sum(v => v.Length);

    /// <summary>Number of inhibitory input spikes (all segments).</summary>
    public int InhibitoryInputSpikeCount => InhibitoryInputSpikeTimesMs.Values.Sum(v => v.Length);

    /// <summary>Voltage (mV) of one segment at integer ms (a row of <see cref="DendriticVoltagesLowResMv"/>).</summary>
    public ReadOnlyMemory<Half> DendriticVoltageMv(int segment)
    {
        if (DendriticVoltagesLowResMv is not { } d)
            throw new InvalidOperationException("this simulation holds no dendriticVoltagesLowRes");
        if ((uint)segment >= (uint)DendriticSegments)
            throw new ArgumentOutOfRangeException(
                nameof(segment),
                segment,
                $"0..{DendriticSegments - 1}"
            );
        int n = d.Length / DendriticSegments;
        return d.AsMemory(segment * n, n);
    }

    /// <summary>
    /// Output spikes re-detected from <see cref="SomaVoltageHighResMv"/> with the paper's rule
    /// (<see cref="SpikeDetection.LocalMaxima"/>: strict local maxima above <paramref name="thresholdMv"/>), times
    /// = index × <see cref="HighResDtMs"/> (exact on the 0.125 ms grid). Throws when the file holds no high-res soma trace.
    /// </summary>
    public double[] DetectOutputSpikesMs(double thresholdMv = NeuronIoFile.SpikeThresholdMv)
    {
        var v =
            SomaVoltageHighResMv
            ?? throw new InvalidOperationException("this simulation holds no somaVoltageHighRes");
        return SpikeDetection.LocalMaxima(ToFloat(v), HighResDtMs, thresholdMv);
    }

    /// <summary>
    /// The 1 ms bins the paper's training code marks as output spikes: <c>int(float(t_f16) − 0.5)</c> for each stored
    /// float16 time (fit_CNN.py, <c>parse_sim_experiment_file</c>).
    /// </summary>
    public int[] PaperOutputSpikeBins() =>
        [.. OutputSpikeTimesMs.Select(t => (int)Math.Truncate((double)t - 0.5))];

    /// <summary>
    /// This simulation as a <see cref="SimulationRecord"/> with <c>2 × segments</c> channels in NeuronIO order
    /// (excitatory synapse of segment k = channel k, inhibitory = segments + k) and 1 ms bins.
    /// Input spike at t ms → bin floor(t) (the files store integer ms; the paper's <c>dict2bin</c> indexes the bin by
    /// the time itself). Soma/nexus voltage per bin = the stored 1 ms traces (<c>somaVoltageLowRes</c>, voltage at
    /// integer ms, which is what the paper trains on), or every (1/dt)-th high-res sample when absent. Output spikes =
    /// <see cref="DetectOutputSpikesMs"/> when the high-res soma trace is present, else the stored float16 times.
    /// </summary>
    /// <param name="segments">Segments per synapse type (639 for the L5PC; <see cref="NeuronIoParams.SegmentCount"/>).</param>
    public SimulationRecord ToSimulationRecord(int segments = NeuronIoFile.L5pcSegments)
    {
        int duration = DurationMs;
        var pairs = new List<long>(ExcitatoryInputSpikeCount + InhibitoryInputSpikeCount);
        AddSpikes(pairs, ExcitatoryInputSpikeTimesMs, 0, segments, "excitatory");
        AddSpikes(pairs, InhibitoryInputSpikeTimesMs, segments, segments, "inhibitory");
        pairs.Sort();
        var channels = new List<int>(pairs.Count);
        var times = new List<int>(pairs.Count);
        long prev = -1;
        foreach (var p in pairs)
        {
            if (p == prev)
                continue; // two spikes of one synapse in the same 1 ms bin: the bin is 1 once
            prev = p;
            times.Add((int)(p >> 32));
            channels.Add((int)(p & 0xffffffff));
        }
        var soma = OneMs(SomaVoltageLowResMv, SomaVoltageHighResMv, duration, "soma");
        float[]? nexus =
            NexusVoltageLowResMv != null || NexusVoltageHighResMv != null
                ? OneMs(NexusVoltageLowResMv, NexusVoltageHighResMv, duration, "nexus")
                : null;
        double[] output =
            SomaVoltageHighResMv != null
                ? DetectOutputSpikesMs()
                : [.. OutputSpikeTimesMs.Select(t => (double)t)];
        return new SimulationRecord(
            2 * segments,
            duration,
            [.. channels],
            [.. times],
            soma,
            output,
            nexus
        );
    }

    private static void AddSpikes(
        List<long> pairs,
        IReadOnlyDictionary<int, double[]> spikes,
        int channelOffset,
        int segments,
        string kind
    )
    {
        foreach (var (segment, ts) in spikes)
        {
            if ((uint)segment >= (uint)segments)
                throw new ArgumentException(
                    $"{kind} input on segment {segment}, outside 0..{segments - 1}"
                );
            foreach (var t in ts)
            {
                long bin = (long)Math.Floor(t);
                pairs.Add((bin << 32) | (uint)(channelOffset + segment));
            }
        }
    }

    private float[] OneMs(Half[]? lowRes, Half[]? highRes, int duration, string what)
    {
        if (lowRes != null)
            return ToFloat(lowRes);
        var h =
            highRes ?? throw new InvalidOperationException($"no {what} voltage in this simulation");
        int step = (int)Math.Round(1.0 / HighResDtMs);
        var r = new float[duration];
        for (int i = 0; i < duration; i++)
            r[i] = (float)h[Math.Min(i * step, h.Length - 1)];
        return r;
    }

    internal static float[] ToFloat(Half[] v)
    {
        var r = new float[v.Length];
        for (int i = 0; i < v.Length; i++)
            r[i] = (float)v[i];
        return r;
    }
}
