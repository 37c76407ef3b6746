using System.Globalization;
using Kit.Neuron.Simulation;

namespace Kit.GpuBench;

/// <summary>
/// What <c>kit-gpubench</c> measures. Command line: <c>--morphology FILE [--engine gpu|ilgpu-cpu]
/// [--trials 1000,8000,32000] [--seconds S] [--input-pool N] [--agreement-trials N] [--agreement-ms MS]
/// [--cpu-seconds S] [--budget-s S] [--window-ms MS] [--seed S] [--fixture FILE.p] [--fixture-ms MS] --out FILE.json</c>.
/// </summary>
/// <param name="Morphology">The Hay reconstruction (cell1.asc).</param>
/// <param name="OutPath">Where the JSON goes.</param>
internal sealed record GpuBenchOptions(string Morphology, string OutPath)
{
    /// <summary>gpu (a CUDA device) or ilgpu-cpu (to try the program without one).</summary>
    public SimulationEngine Engine { get; init; } = SimulationEngine.Gpu;

    /// <summary>Trial counts of the throughput runs, ascending (a count that does not fit memory is lowered).</summary>
    public int[] Trials { get; init; } = [1000, 8000, 32000];

    /// <summary>Simulated seconds per trial in the throughput runs.</summary>
    public double Seconds { get; init; } = 0.5;

    /// <summary>Distinct inputs drawn (dataset streams [seed, i]); trial t reads input t mod pool.</summary>
    public int InputPool { get; init; } = 256;

    /// <summary>Trials of the agreement check (GPU engine against the CPU engine, one lane each).</summary>
    public int AgreementTrials { get; init; } = 4;

    /// <summary>Simulated ms of the agreement check.</summary>
    public double AgreementMs { get; init; } = 300;

    /// <summary>Simulated seconds of the CPU engine's one-core reference run (8 lanes, one thread).</summary>
    public double CpuSeconds { get; init; } = 0.5;

    /// <summary>Wall seconds the throughput runs may take together; a run projected past it is skipped.</summary>
    public double BudgetSeconds { get; init; } = 360;

    /// <summary>Simulated ms per kernel launch.</summary>
    public double WindowMs { get; init; } = 100;

    /// <summary>A NeuronIO fixture (.p) to validate the GPU engine on, as <c>kit validate</c> does (null: none).</summary>
    public string? Fixture { get; init; }

    /// <summary>Only the first this many ms of each fixture simulation are compared (null: all).</summary>
    public int? FixtureMs { get; init; }

    /// <summary>Dataset seed of the inputs.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> naming the option.</summary>
    public static GpuBenchOptions Parse(string[] args)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            map[args[i]] = args[++i];
        }
        string Need(string name) =>
            map.Remove(name, out var v) ? v : throw new ArgumentException($"{name} is required");
        var o = new GpuBenchOptions(Need("--morphology"), Need("--out"));
        double D(string name, double d) =>
            map.Remove(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : d;
        o = o with
        {
            Engine = map.Remove("--engine", out var e) ? SimulationEngines.Parse(e) : o.Engine,
            Trials = map.Remove("--trials", out var t)
                ? [.. t.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))]
                : o.Trials,
            Seconds = D("--seconds", o.Seconds),
            InputPool = (int)D("--input-pool", o.InputPool),
            AgreementTrials = (int)D("--agreement-trials", o.AgreementTrials),
            AgreementMs = D("--agreement-ms", o.AgreementMs),
            CpuSeconds = D("--cpu-seconds", o.CpuSeconds),
            BudgetSeconds = D("--budget-s", o.BudgetSeconds),
            WindowMs = D("--window-ms", o.WindowMs),
            Seed = (long)D("--seed", o.Seed),
            Fixture = map.Remove("--fixture", out var f) ? f : null,
            FixtureMs = map.Remove("--fixture-ms", out var fm)
                ? int.Parse(fm, CultureInfo.InvariantCulture)
                : null,
        };
        if (map.Count > 0)
            throw new ArgumentException($"unknown option {map.Keys.First()}");
        if (o.Engine == SimulationEngine.Cpu)
            throw new ArgumentException("--engine must be gpu or ilgpu-cpu");
        if (o.Trials.Length == 0 || o.Trials.Any(x => x < 1))
            throw new ArgumentException("--trials must be positive counts");
        if (!(o.Seconds > 0) || o.InputPool < 1 || o.AgreementTrials < 0)
            throw new ArgumentException("--seconds, --input-pool must be positive");
        return o;
    }
}
