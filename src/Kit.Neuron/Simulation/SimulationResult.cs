using System.Collections.Immutable;

namespace Kit.Neuron.Simulation;

/// <summary>Recorded traces and threshold crossings of one run, per lane.</summary>
public sealed class SimulationResult
{
    private readonly Dictionary<string, int> _index;
    private readonly double[][][] _traces;
    private readonly List<double>[] _crossings;

    internal SimulationResult(
        RecordingPlan plan,
        double[][][] traces,
        List<double>[] crossings,
        double durationMs,
        double dtMs,
        TimeSpan wall
    )
    {
        Plan = plan;
        _traces = traces;
        _crossings = crossings;
        DurationMs = durationMs;
        DtMs = dtMs;
        Wall = wall;
        _index = [];
        for (int i = 0; i < plan.Probes.Length; i++)
            _index[plan.Probes[i].Name] = i;
    }

    /// <summary>The plan that was recorded.</summary>
    public RecordingPlan Plan { get; }

    /// <summary>Simulated duration (ms).</summary>
    public double DurationMs { get; }

    /// <summary>Time step used (ms).</summary>
    public double DtMs { get; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Wall { get; }

    /// <summary>Number of lanes.</summary>
    public int Lanes => _crossings.Length;

    /// <summary>Trace of probe <paramref name="name"/> in lane <paramref name="lane"/>; sample k at k·interval.</summary>
    public double[] Trace(string name, int lane = 0) =>
        _index.TryGetValue(name, out int i)
            ? _traces[i][lane]
            : throw new KeyNotFoundException(
                $"no probe '{name}' (recorded: {string.Join(", ", _index.Keys)})"
            );

    /// <summary>Upward threshold crossings (ms) of the plan's spike node in lane <paramref name="lane"/>.</summary>
    public ImmutableArray<double> CrossingTimesMs(int lane = 0) => [.. _crossings[lane]];
}
