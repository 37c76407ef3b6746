using Kit.Core;
using Kit.Neuron.Cells;

namespace Kit.Neuron.Simulation;

/// <summary>A setting measured by <see cref="MethodFrontier"/>: a name and the engine options it stands for.</summary>
/// <param name="Name">Row name, e.g. <c>refined</c> or <c>cn dt 0.0125</c>.</param>
/// <param name="Options">Step, method and refinement.</param>
/// <param name="BenchArguments">The same setting as <c>kit bench simulate</c> options, e.g.
/// <c>--method fast --dt 0.0125</c>.</param>
public sealed record FrontierMethod(string Name, SimulationOptions Options, string BenchArguments);

/// <summary>A throughput measurement of one setting (as <c>kit bench simulate</c> reports it).</summary>
/// <param name="WallSPerSimulatedS">Wall s per simulated s, 8 lanes, 1 thread.</param>
/// <param name="RefinedStepFraction">Fraction of the steps taken refined.</param>
/// <param name="LatencyWallSPerSimulatedS">One trial, one lane.</param>
public sealed record FrontierSpeed(
    double WallSPerSimulatedS,
    double RefinedStepFraction,
    double LatencyWallSPerSimulatedS
);

/// <summary>One setting's accuracy against NEURON's CVODE and its speed.</summary>
/// <param name="Method">The setting's name.</param>
/// <param name="DtMs">Step (ms).</param>
/// <param name="Scheme">Integration scheme, with its refinement if any.</param>
/// <param name="SpikeMatchFraction">Pooled <c>2·matched/(reference + kit)</c> over every simulation of every file,
/// one-to-one within ±2 ms (as <c>kit validate</c>).</param>
/// <param name="Matched">Pooled matched spikes.</param>
/// <param name="ReferenceSpikes">Pooled CVODE spikes.</param>
/// <param name="KitSpikes">Pooled kit spikes.</param>
/// <param name="FixtureSomaRmsMv">RMS (mV) of the 1 ms soma traces over the NeuronIO fixtures, clipped at -55 mV.</param>
/// <param name="BurstSomaRmsMv">RMS (mV) of the burst case's soma over 2400-3400 ms (0.125 ms), clipped at -40 mV.</param>
/// <param name="BurstDoublet">Whether the setting fires the burst case's 2690 ms doublet (CVODE does).</param>
/// <param name="BurstSpikesWithin025Ms">Burst-case spikes matched to CVODE's within 0.25 ms, of CVODE's count.</param>
/// <param name="WallSPerSimulatedS">Throughput: wall s per simulated s, 8 lanes, 1 thread (<c>kit bench simulate</c>).</param>
/// <param name="RefinedStepFraction">Fraction of the throughput run's steps taken refined.</param>
/// <param name="LatencyWallSPerSimulatedS">Latency: one trial, one lane.</param>
public sealed record FrontierRow(
    string Method,
    double DtMs,
    string Scheme,
    double SpikeMatchFraction,
    int Matched,
    int ReferenceSpikes,
    int KitSpikes,
    double FixtureSomaRmsMv,
    double BurstSomaRmsMv,
    bool BurstDoublet,
    string BurstSpikesWithin025Ms,
    double WallSPerSimulatedS,
    double RefinedStepFraction,
    double LatencyWallSPerSimulatedS
);

/// <summary>
/// The accuracy/speed frontier of the simulator's settings: each one re-simulates every NEURON file of the reference
/// folder (the NeuronIO fixtures, made with CVODE, and the burst case against its CVODE atol 1e-6 run) and is
/// benchmarked under the paper's random input (8 lanes, 1 thread). <c>kit bench frontier</c> prints it; the README's
/// validation section holds the measured table.
/// </summary>
public static class MethodFrontier
{
    /// <summary>The NeuronIO fixtures measured (file names in the reference folder).</summary>
    public static IReadOnlyList<string> FixtureFiles { get; } =
    ["l5pc_nmda_fixture.p", "l5pc_ampa_fixture.p"];

    /// <summary>The burst case's file name in the reference folder.</summary>
    public const string BurstCaseFile = "l5pc_nmda_burst_case.json";

    /// <summary>
    /// The settings of the README's table: Crank–Nicolson at dt 0.025 (<see cref="SimulationOptions.Fast"/>),
    /// 0.0125 and 0.005 ms (<see cref="SimulationOptions.Converged"/>), the refined step
    /// (<see cref="SimulationOptions.Refined"/>) and NEURON's default for context. (dt 0.01 ms does not divide the
    /// datasets' 0.125 ms sampling, which the recorder needs; 0.0125 stands in for it.)
    /// </summary>
    public static IReadOnlyList<FrontierMethod> Default { get; } =
    [
        new("neuron", SimulationOptions.NeuronDefault, "--method neuron"),
        new("fast", SimulationOptions.Fast, "--method fast"),
        new(
            "cn dt 0.0125",
            SimulationOptions.Fast with
            {
                DtMs = 0.0125,
            },
            "--method fast --dt 0.0125"
        ),
        new("refined", SimulationOptions.Refined, "--method refined"),
        new("converged", SimulationOptions.Converged, "--method converged"),
    ];

    /// <summary>Measures <paramref name="methods"/> against the files of <paramref name="referenceDirectory"/>.</summary>
    /// <param name="referenceDirectory">Folder holding the fixtures and the burst case (reference/neuron).</param>
    /// <param name="morphologyPath">The Hay reconstruction (cell1.asc).</param>
    /// <param name="methods">Settings to measure.</param>
    /// <param name="benchSeconds">Simulated seconds per trial of the throughput benchmark.</param>
    /// <param name="log">Receives one line per finished measurement (optional).</param>
    /// <param name="speed">Measures a setting's speed; default: <see cref="HayL5pcBenchmark"/> in this process. A JIT
    /// that has already compiled the engine for other settings can slow a later one by a third, so
    /// <c>kit bench frontier</c> runs each in a fresh <c>kit bench simulate</c> process.</param>
    /// <exception cref="FileNotFoundException">A reference file or the morphology is missing (named).</exception>
    public static IReadOnlyList<FrontierRow> Measure(
        string referenceDirectory,
        string morphologyPath,
        IEnumerable<FrontierMethod> methods,
        double benchSeconds = 2,
        Action<string>? log = null,
        Func<FrontierMethod, FrontierSpeed>? speed = null
    )
    {
        speed ??= m => InProcessSpeed(morphologyPath, m, benchSeconds);
        foreach (var f in FixtureFiles.Append(BurstCaseFile))
            if (!File.Exists(Path.Combine(referenceDirectory, f)))
                throw new FileNotFoundException(
                    $"reference file {f} is not in {referenceDirectory}",
                    Path.Combine(referenceDirectory, f)
                );
        var morphology = Morphology.Morphology.Load(morphologyPath);
        var burst = NeuronBurstCase.Load(Path.Combine(referenceDirectory, BurstCaseFile));
        var cvode = burst.Method(NeuronBurstCase.ConvergedKey);
        var rows = new List<FrontierRow>();
        foreach (var m in methods)
        {
            int matched = 0,
                reference = 0,
                kit = 0;
            double sq = 0;
            int sims = 0;
            foreach (var f in FixtureFiles)
            {
                var report = NeuronIoValidation.Run(
                    Path.Combine(referenceDirectory, f),
                    morphology,
                    new NeuronIoValidationOptions { Simulation = m.Options }
                );
                foreach (var r in report.Rows)
                {
                    matched += r.MatchedSpikes;
                    reference += r.ReferenceSpikes;
                    kit += r.KitSpikes;
                    sq += r.SomaRmsMv * r.SomaRmsMv;
                    sims++;
                }
                log?.Invoke(
                    FormattableString.Invariant(
                        $"{m.Name}: {f} soma RMS {report.SomaRmsMv:0.0000} mV, spike match {report.SpikeMatchFraction:0.000}"
                    )
                );
            }
            var run = burst.Simulate(morphology, m.Options);
            var close = run.CompareWith(burst, cvode);
            matched += SpikeMatching.CountMatches(
                cvode.OutputSpikesMs.AsSpan(),
                run.OutputSpikesMs.AsSpan(),
                2
            );
            reference += cvode.OutputSpikesMs.Length;
            kit += run.OutputSpikesMs.Length;
            log?.Invoke(
                FormattableString.Invariant(
                    $"{m.Name}: burst case doublet {close.KitFiresDoublet}, {close.Matched}/{close.ReferenceSpikes} within 0.25 ms, RMS {close.SomaRmsMv:0.0000} mV"
                )
            );
            var bench = speed(m);
            log?.Invoke(
                FormattableString.Invariant(
                    $"{m.Name}: {bench.WallSPerSimulatedS:0.000} s wall per simulated s (8 lanes), latency {bench.LatencyWallSPerSimulatedS:0.000}"
                )
            );
            rows.Add(
                new FrontierRow(
                    m.Name,
                    m.Options.DtMs,
                    m.Options.Refinement is { } r2
                        ? FormattableString.Invariant(
                            $"{m.Options.Method}, x{r2.Factor} at soma >= {r2.AboveMv} mV (+{r2.HoldMs} ms)"
                        )
                        : m.Options.Method.ToString(),
                    SpikeMatching.MatchFraction(matched, reference, kit),
                    matched,
                    reference,
                    kit,
                    Math.Sqrt(sq / Math.Max(1, sims)),
                    close.SomaRmsMv,
                    close.KitFiresDoublet,
                    $"{close.Matched}/{close.ReferenceSpikes}",
                    bench.WallSPerSimulatedS,
                    bench.RefinedStepFraction,
                    bench.LatencyWallSPerSimulatedS
                )
            );
        }
        return rows;
    }

    /// <summary>The speed of <paramref name="m"/> measured in this process (8 lanes, 1 thread).</summary>
    public static FrontierSpeed InProcessSpeed(
        string morphologyPath,
        FrontierMethod m,
        double seconds
    )
    {
        var r = HayL5pcBenchmark.Run(
            morphologyPath,
            new HayL5pcBenchmarkOptions
            {
                SimulatedSeconds = seconds,
                Threads = 1,
                Lanes = 8,
                Simulation = m.Options,
            }
        );
        return new FrontierSpeed(
            r.WallSPerSimulatedS,
            r.RefinedStepFraction,
            r.SingleTrialWallSPerSimulatedS ?? double.NaN // measured: MeasureLatency is on by default
        );
    }
}
