using System.Diagnostics;
using Kit.Core;

namespace Kit.Neuron.Data.NeuronIo;

/// <summary>
/// Reads the paper's dataset files (NeuronIO: Python-2 pickles, protocol 2, of
/// <c>{'Params': {...}, 'Results': {'listOfSingleSimulationDicts': [sim, ...]}}</c>) with the safe
/// <see cref="PickleReader"/>, without Python. Each simulation dict is converted to a typed
/// <see cref="NeuronIoSimulation"/> as soon as the reader has filled it, and the reader's own copy is released, so
/// memory stays at one simulation's worth of pickle objects plus what the caller keeps.
/// </summary>
public static class NeuronIoFile
{
    /// <summary>Dataset segments of the Hay L5PC (262 basal + 377 apical); 1278 input channels.</summary>
    public const int L5pcSegments = 639;

    /// <summary>High-resolution sampling interval of the dataset script (ms): 8 samples per ms.</summary>
    public const double DefaultHighResDtMs = 0.125;

    /// <summary>Output-spike threshold of the paper (mV).</summary>
    public const double SpikeThresholdMv = -25;

    /// <summary>Reads every simulation of <paramref name="path"/> into memory; progress in bytes.</summary>
    public static NeuronIoExperiment Read(
        string path,
        IProgressSink? progress = null,
        NeuronIoReadOptions? options = null
    )
    {
        var sims = new List<NeuronIoSimulation>();
        return ReadCore(path, sims.Add, sims, progress, options);
    }

    /// <summary>
    /// Streams the simulations of <paramref name="path"/> to <paramref name="onSimulation"/> one at a time (in file
    /// order) without keeping them: memory is bounded by one simulation. Returns the experiment with an empty
    /// <see cref="NeuronIoExperiment.Simulations"/> list.
    /// </summary>
    public static NeuronIoExperiment ForEachSimulation(
        string path,
        Action<NeuronIoSimulation> onSimulation,
        IProgressSink? progress = null,
        NeuronIoReadOptions? options = null
    ) => ReadCore(path, onSimulation, [], progress, options);

    /// <summary>Reads a NeuronIO pickle from a stream (<paramref name="name"/> is used in messages).</summary>
    public static NeuronIoExperiment Read(
        Stream stream,
        string name,
        NeuronIoReadOptions? options = null
    )
    {
        var sims = new List<NeuronIoSimulation>();
        return ReadStream(
            stream,
            name,
            sims.Add,
            sims,
            null,
            options ?? new(),
            Stopwatch.StartNew()
        );
    }

    private static NeuronIoExperiment ReadCore(
        string path,
        Action<NeuronIoSimulation> onSimulation,
        List<NeuronIoSimulation> kept,
        IProgressSink? progress,
        NeuronIoReadOptions? options
    )
    {
        var clock = Stopwatch.StartNew();
        using var fs = new FileStream(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            1,
            FileOptions.SequentialScan
        );
        using var reporter = new ProgressReporter(
            $"read {Path.GetFileName(path)}",
            fs.Length,
            progress ?? Progress.None
        );
        var r = ReadStream(fs, path, onSimulation, kept, reporter, options ?? new(), clock);
        reporter.SetDone(
            fs.Length,
            $"{r.SimulationCount} simulations, {r.MegabytesPerSecond:F0} MB/s"
        );
        return r;
    }

    private static NeuronIoExperiment ReadStream(
        Stream stream,
        string name,
        Action<NeuronIoSimulation> onSimulation,
        List<NeuronIoSimulation> kept,
        ProgressReporter? reporter,
        NeuronIoReadOptions options,
        Stopwatch clock
    )
    {
        int count = 0;
        var placeholder = new object();
        PickleReader? reader = null;
        reader = new PickleReader(
            stream,
            name,
            options.Pickle with
            {
                OnDictFilled = d =>
                {
                    if (!d.ContainsKey("exInputSpikeTimes") || !d.ContainsKey("inhInputSpikeTimes"))
                        return null;
                    var sim = ToSimulation(d, count, options, name, reader!.Position);
                    count++;
                    onSimulation(sim);
                    reporter?.SetDone(reader.Position, $"simulation {count}");
                    return placeholder;
                },
            }
        );
        var top = reader.Load();
        long end = reader.Position;
        InvalidDataException Bad(string what) => new($"{name}: offset {end}: {what}");
        if (top is not PickleDict root)
            throw Bad("the top-level value is not a dict; not a NeuronIO file");
        if (root.Get("Params") is not PickleDict p)
            throw Bad("no 'Params' dict; not a NeuronIO file");
        if (
            root.Get("Results") is not PickleDict results
            || results.Get("listOfSingleSimulationDicts") is not PickleList list
        )
            throw Bad("no 'Results'['listOfSingleSimulationDicts'] list; not a NeuronIO file");
        if (list.Count != count || list.Any(x => !ReferenceEquals(x, placeholder)))
            throw Bad(
                $"'listOfSingleSimulationDicts' holds {list.Count} entries but {count} simulation dicts were read"
            );
        var prm = new NeuronIoParams(
            p.Where(kv => kv.Key is string)
                .ToDictionary(kv => (string)kv.Key, kv => NeuronIoParams.Plain(kv.Value))
        );
        return new NeuronIoExperiment(name, prm, kept, count, end, clock.Elapsed.TotalSeconds);
    }

    private static NeuronIoSimulation ToSimulation(
        PickleDict d,
        int index,
        NeuronIoReadOptions options,
        string file,
        long offset
    )
    {
        InvalidDataException Bad(string what) =>
            new($"{file}: offset {offset}: simulation {index}: {what}");
        NumpyArray? Array(string key, bool floatOnly = true)
        {
            var v = d.Get(key);
            if (v == null)
                return null;
            if (v is not NumpyArray a || a.Dtype == null)
                throw Bad($"'{key}' is a {v.GetType().Name}, expected a numpy array");
            if (floatOnly && a.Dtype.Kind != NumpyKind.Float)
                throw Bad($"'{key}' has dtype {a.Dtype}, expected a float array");
            return a;
        }
        Half[]? Half(string key)
        {
            var a = Array(key);
            if (a == null)
                return null;
            if (a.Shape.Count != 1)
                throw Bad(
                    $"'{key}' has shape ({string.Join(", ", a.Shape)}), expected one dimension"
                );
            return a.Dtype!.ItemSize == 2
                ? a.ToHalfArray()
                : [.. a.ToDoubleArray().Select(x => (Half)x)];
        }
        var sim = new NeuronIoSimulation
        {
            Index = index,
            SomaVoltageLowResMv = Half("somaVoltageLowRes"),
            NexusVoltageLowResMv = Half("nexusVoltageLowRes"),
            RecordingTimeLowResMs = Array("recordingTimeLowRes")?.ToSingleArray(),
            ExcitatoryInputSpikeTimesMs = Spikes(
                d.Get("exInputSpikeTimes"),
                "exInputSpikeTimes",
                Bad
            ),
            InhibitoryInputSpikeTimesMs = Spikes(
                d.Get("inhInputSpikeTimes"),
                "inhInputSpikeTimes",
                Bad
            ),
            OutputSpikeTimesMs = Half("outputSpikeTimes") ?? [],
        };
        if (options.IncludeHighRes)
        {
            sim.RecordingTimeHighResMs = Array("recordingTimeHighRes")?.ToSingleArray();
            sim.SomaVoltageHighResMv = Half("somaVoltageHighRes");
            sim.NexusVoltageHighResMv = Half("nexusVoltageHighRes");
        }
        if (options.IncludeDendriticVoltages && Array("dendriticVoltagesLowRes") is { } dvt)
        {
            if (dvt.Shape.Count != 2)
                throw Bad(
                    $"'dendriticVoltagesLowRes' has shape ({string.Join(", ", dvt.Shape)}), expected (segments, ms)"
                );
            sim.DendriticVoltagesLowResMv =
                dvt.Dtype!.ItemSize == 2
                    ? dvt.ToHalfArray()
                    : [.. dvt.ToDoubleArray().Select(x => (Half)x)];
            sim.DendriticSegments = (int)dvt.Shape[0];
        }
        var known = new HashSet<string>
        {
            "recordingTimeHighRes",
            "somaVoltageHighRes",
            "nexusVoltageHighRes",
            "recordingTimeLowRes",
            "somaVoltageLowRes",
            "nexusVoltageLowRes",
            "dendriticVoltagesLowRes",
            "exInputSpikeTimes",
            "inhInputSpikeTimes",
            "outputSpikeTimes",
        };
        sim.OtherEntries = d.Where(kv => kv.Key is string k && !known.Contains(k))
            .ToDictionary(kv => (string)kv.Key, kv => kv.Value);
        return sim;
    }

    private static Dictionary<int, double[]> Spikes(
        object? v,
        string key,
        Func<string, InvalidDataException> bad
    )
    {
        if (v is not PickleDict d)
            throw bad(
                $"'{key}' is a {v?.GetType().Name ?? "None"}, expected a dict segment → spike times"
            );
        var r = new Dictionary<int, double[]>(d.Count);
        foreach (var (k, list) in d)
        {
            long seg = k switch
            {
                long l => l,
                NumpyScalar { IsInteger: true } s => s.Int64,
                _ => throw bad(
                    $"'{key}' has a key of type {k.GetType().Name}, expected an integer segment index"
                ),
            };
            if (seg < 0 || seg > int.MaxValue)
                throw bad($"'{key}' has segment index {seg}");
            r[(int)seg] = list switch
            {
                PickleList l => [.. l.Select(x => Time(x, key, seg, bad))],
                NumpyArray a => a.ToDoubleArray(),
                object?[] t => [.. t.Select(x => Time(x, key, seg, bad))],
                _ => throw bad(
                    $"'{key}'[{seg}] is a {list?.GetType().Name ?? "None"}, expected a list of times"
                ),
            };
        }
        return r;
    }

    private static double Time(
        object? x,
        string key,
        long seg,
        Func<string, InvalidDataException> bad
    ) =>
        x switch
        {
            NumpyScalar s => s.Double,
            long l => l,
            double t => t,
            _ => throw bad(
                $"'{key}'[{seg}] holds a {x?.GetType().Name ?? "None"}, expected a spike time"
            ),
        };
}
