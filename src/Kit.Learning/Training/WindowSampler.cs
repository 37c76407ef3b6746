using Kit.Neuron.Data;

namespace Kit.Learning.Training;

/// <summary>
/// Draws training windows. Round r's windows depend only on (seed, r), so a resumed run sees exactly the
/// windows an uninterrupted run would have seen.
/// </summary>
public sealed class WindowSampler
{
    private readonly int[] durations;

    /// <summary>A sampler over simulations with the given durations (ms).</summary>
    public WindowSampler(
        IReadOnlyList<SimulationRecord> simulations,
        int windowMs,
        WindowSampling mode,
        long seed,
        int minEndMs = 500
    )
    {
        if (simulations.Count == 0)
            throw new ArgumentException("the sampler needs at least one simulation");
        durations = simulations.Select(s => s.DurationMs).ToArray();
        for (int i = 0; i < durations.Length; i++)
            if (durations[i] < windowMs)
                throw new ArgumentException(
                    $"simulation {i} lasts {durations[i]} ms, shorter than the {windowMs} ms window"
                );
        WindowMs = windowMs;
        Mode = mode;
        Seed = seed;
        MinEndMs = minEndMs;
    }

    /// <summary>Window length (ms).</summary>
    public int WindowMs { get; }

    /// <summary>Sampling scheme.</summary>
    public WindowSampling Mode { get; }

    /// <summary>Base seed.</summary>
    public long Seed { get; }

    /// <summary>Smallest window end (ms) in <see cref="WindowSampling.UniformEnds"/> mode (lowered to the window length when larger than a simulation).</summary>
    public int MinEndMs { get; }

    /// <summary>
    /// The windows of round <paramref name="round"/>: one per simulation in shuffled order
    /// (<see cref="WindowSampling.OnePerSimulation"/>, <paramref name="count"/> ignored) or
    /// <paramref name="count"/> windows (<see cref="WindowSampling.UniformEnds"/>).
    /// </summary>
    public Window[] Round(int round, int count)
    {
        var rng = new Random(DeriveSeed(Seed, round));
        if (Mode == WindowSampling.OnePerSimulation)
        {
            var windows = new Window[durations.Length];
            for (int i = 0; i < durations.Length; i++)
                windows[i] = new Window(i, rng.Next(0, durations[i] - WindowMs + 1));
            rng.Shuffle(windows);
            return windows;
        }
        var result = new Window[count];
        for (int i = 0; i < count; i++)
        {
            int sim = rng.Next(durations.Length);
            int lo = Math.Max(MinEndMs, WindowMs);
            if (lo > durations[sim])
                lo = WindowMs;
            int end = rng.Next(lo, durations[sim] + 1);
            result[i] = new Window(sim, end - WindowMs);
        }
        return result;
    }

    /// <summary>SplitMix64 of (seed, round) folded to a non-negative int seed.</summary>
    internal static int DeriveSeed(long seed, int round)
    {
        unchecked
        {
            ulong z = (ulong)seed + 0x9E3779B97F4A7C15UL * (ulong)(round + 1);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
