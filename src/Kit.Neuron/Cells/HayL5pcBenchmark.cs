using System.Diagnostics;
using System.Security.Cryptography;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Cells;

/// <summary>What <see cref="HayL5pcBenchmark.Run"/> measures.</summary>
public sealed record HayL5pcBenchmarkOptions
{
    /// <summary>Excitatory synapses (and the matching input protocol: NMDA or AMPA dataset).</summary>
    public ExcitatorySynapseKind Synapses { get; init; } = ExcitatorySynapseKind.AmpaNmda;

    /// <summary>Simulated time per trial (s).</summary>
    public double SimulatedSeconds { get; init; } = 1;

    /// <summary>Dataset seed of the inputs (trial i uses simulation stream i).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Worker threads; the throughput run steps one lane batch per thread in parallel.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Trials stepped together by one <see cref="Simulation.Simulation"/> in the throughput run.</summary>
    public int Lanes { get; init; } = 8;

    /// <summary>Step, method and tables (lanes are set by the benchmark).</summary>
    public SimulationOptions Simulation { get; init; } = SimulationOptions.Refined;

    /// <summary>Also time the phases of each step (<see cref="StepProfile"/>: a timestamp per phase).</summary>
    public bool Profile { get; init; }

    /// <summary>
    /// Also run the one-trial, one-lane latency measurement (true by default); off where only throughput matters
    /// (<c>kit bench surrogate</c>), since it costs as much wall time as a whole lane batch.
    /// </summary>
    public bool MeasureLatency { get; init; } = true;

    /// <summary>
    /// The engine of the throughput run when not the CPU engine (the GPU engine, docs/gpu-engine.md): it runs
    /// <see cref="Lanes"/> trials as one batch (threads, profile and latency are the CPU engine's and not used).
    /// </summary>
    public ITrialBatchEngine? Engine { get; init; }
}

/// <summary>Result of <see cref="HayL5pcBenchmark.Run"/>.</summary>
/// <param name="WallSPerSimulatedS">Throughput: wall / (trials × simulated s) over all threads (s/s).</param>
/// <param name="CpuSPerSimulatedS">
/// Throughput in process CPU time: CPU / (trials × simulated s) (s/s); on a shared machine less sensitive to other
/// processes than the wall time (but not to their cache and memory traffic).
/// </param>
/// <param name="SingleTrialWallSPerSimulatedS">
/// Latency: wall / simulated s of one trial on one lane (s/s); null when not measured
/// (<see cref="HayL5pcBenchmarkOptions.MeasureLatency"/> off).
/// </param>
/// <param name="Lanes">Lanes per simulation in the throughput run.</param>
/// <param name="Threads">Threads of the throughput run.</param>
/// <param name="Trials">Trials of the throughput run (threads × lanes).</param>
/// <param name="SimulatedSeconds">Simulated time per trial (s).</param>
/// <param name="DtMs">Time step (ms).</param>
/// <param name="Method">Integration method.</param>
/// <param name="Compartments">Membrane segments of the discretised cell.</param>
/// <param name="Nodes">Nodes of the tree system (segments plus zero-area junctions).</param>
/// <param name="Synapses">Synapses (excitatory and inhibitory).</param>
/// <param name="InputSpikes">Input events per trial, mean over the throughput trials.</param>
/// <param name="OutputSpikes">Somatic spikes per trial, mean over the throughput trials.</param>
/// <param name="MorphologySha256">SHA-256 of the morphology file (lower-case hex).</param>
/// <param name="Throughput">Phase profile of the throughput run (when requested), summed over threads.</param>
/// <param name="Latency">Phase profile of the single-trial run (when requested).</param>
/// <param name="RefinedStepFraction">Fraction of the throughput run's steps taken refined
/// (<see cref="SimulationOptions.Refinement"/>; 0 without it): any of a batch's lanes near threshold refines the step.</param>
public sealed record HayL5pcBenchmarkResult(
    double WallSPerSimulatedS,
    double CpuSPerSimulatedS,
    double? SingleTrialWallSPerSimulatedS,
    int Lanes,
    int Threads,
    int Trials,
    double SimulatedSeconds,
    double DtMs,
    IntegrationMethod Method,
    int Compartments,
    int Nodes,
    int Synapses,
    double InputSpikes,
    double OutputSpikes,
    string MorphologySha256,
    StepProfile? Throughput,
    StepProfile? Latency,
    double RefinedStepFraction
);

/// <summary>
/// Speed of the Hay L5PC under the paper's random input (issue 4): a single-trial run (latency) and
/// threads × lanes trials stepped in parallel, one <see cref="Simulation.Simulation"/> per thread (throughput).
/// Inputs are the dataset's (<see cref="L5pcInputGenerator"/> at a fixed seed); construction and input
/// generation are outside the timed part.
/// </summary>
public static class HayL5pcBenchmark
{
    /// <summary>Runs the benchmark on the morphology file <paramref name="morphologyPath"/>.</summary>
    /// <exception cref="FileNotFoundException">The morphology file does not exist.</exception>
    public static HayL5pcBenchmarkResult Run(string morphologyPath, HayL5pcBenchmarkOptions options)
    {
        if (!File.Exists(morphologyPath))
            throw new FileNotFoundException(
                $"morphology file '{morphologyPath}' does not exist",
                morphologyPath
            );
        if (options.Threads < 1 || options.Lanes < 1)
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"threads ({options.Threads}) and lanes ({options.Lanes}) must be at least 1"
            );
        if (!(options.SimulatedSeconds > 0))
            throw new ArgumentOutOfRangeException(
                nameof(options),
                $"simulated seconds ({options.SimulatedSeconds}) must be positive"
            );
        string sha;
        using (var stream = File.OpenRead(morphologyPath))
            sha = Convert.ToHexStringLower(SHA256.HashData(stream));
        var hay = HayL5pc.Load(morphologyPath, options.Synapses);
        var cell = hay.Build();
        var disc = Discretization.Build(hay.Morphology, hay.Biophysics.Soma.Passive.RaOhmCm);
        double durationMs = DurationMs(options.SimulatedSeconds, options.Simulation.DtMs);
        var generator = InputGenerator(disc, options.Synapses, durationMs);
        int exc = cell.SynapseGroupIndex(HayL5pc.ExcitatoryGroup),
            inh = cell.SynapseGroupIndex(HayL5pc.InhibitoryGroup);
        var plan = RecordingPlan.Of(cell.SomaNode, new Probe("soma", cell.SomaNode, 0.125));
        var setup = new Setup(options, cell, disc, generator, exc, inh, plan, durationMs, sha);
        if (options.Engine is { } batchEngine)
            return RunBatch(batchEngine, setup);

        // Latency: one trial, one lane.
        double? latency = null;
        var latencyProfile = options.Profile && options.MeasureLatency ? new StepProfile() : null;
        var sw = new Stopwatch();
        if (options.MeasureLatency)
        {
            var single = new Simulation.Simulation(cell, options.Simulation with { Lanes = 1 });
            single.SetEvents(0, Events(generator.Generate(options.Seed, 0), exc, inh));
            single.Profile = latencyProfile;
            sw.Restart();
            single.Run(durationMs, plan);
            latency = sw.Elapsed.TotalSeconds / (durationMs / 1000);
        }

        // Throughput: one batch of `lanes` trials per thread.
        int lanes = options.Lanes,
            threads = options.Threads;
        var batches = new Simulation.Simulation[threads];
        int inputSpikes = 0;
        for (int b = 0; b < threads; b++)
        {
            var sim = new Simulation.Simulation(cell, options.Simulation with { Lanes = lanes });
            for (int l = 0; l < lanes; l++)
            {
                var input = generator.Generate(options.Seed, b * lanes + l);
                inputSpikes += input.SpikeChannels.Length;
                sim.SetEvents(l, Events(input, exc, inh));
            }
            if (options.Profile)
                sim.Profile = new StepProfile();
            batches[b] = sim;
        }
        var results = new SimulationResult[threads];
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        sw.Restart();
        Parallel.For(
            0,
            threads,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            b => results[b] = batches[b].Run(durationMs, plan)
        );
        double wall = sw.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        int trials = threads * lanes;
        StepProfile? throughputProfile = null;
        if (options.Profile)
        {
            throughputProfile = new StepProfile();
            foreach (var s in batches)
                throughputProfile.Merge(s.Profile!);
        }
        double outputSpikes = results.Sum(r =>
            Enumerable.Range(0, lanes).Sum(l => r.CrossingTimesMs(l).Length)
        );
        return setup.Result(
            new Measured(
                wall,
                cpu,
                latency,
                lanes,
                threads,
                trials,
                inputSpikes,
                outputSpikes,
                throughputProfile,
                latencyProfile,
                batches.Sum(b => (double)b.RefinedStepCount)
                    / Math.Max(1, batches.Sum(b => b.StepCount))
            )
        );
    }

    /// <summary>What a throughput run measured (wall and CPU s, spikes summed over its trials).</summary>
    private sealed record Measured(
        double WallS,
        double CpuS,
        double? LatencySPerSimulatedS,
        int Lanes,
        int Threads,
        int Trials,
        int InputSpikes,
        double OutputSpikes,
        StepProfile? Throughput,
        StepProfile? Latency,
        double RefinedStepFraction
    );

    /// <summary>
    /// What both throughput runs share: the options, the cell built from the morphology (SHA-256 <paramref name="Sha"/>),
    /// its discretization, the dataset's input generator with the excitatory and inhibitory synapse groups, the
    /// soma recording, and the simulated duration (ms, rounded to the step).
    /// </summary>
    private sealed record Setup(
        HayL5pcBenchmarkOptions Options,
        CellModel Cell,
        Discretization Disc,
        L5pcInputGenerator Generator,
        int Exc,
        int Inh,
        RecordingPlan Plan,
        double DurationMs,
        string Sha
    )
    {
        /// <summary>The result of a run: per-simulated-second rates and per-trial means of <paramref name="m"/>.</summary>
        public HayL5pcBenchmarkResult Result(Measured m)
        {
            double simulatedS = m.Trials * DurationMs / 1000;
            return new HayL5pcBenchmarkResult(
                m.WallS / simulatedS,
                m.CpuS / simulatedS,
                m.LatencySPerSimulatedS,
                m.Lanes,
                m.Threads,
                m.Trials,
                DurationMs / 1000,
                Options.Simulation.DtMs,
                Options.Simulation.Method,
                Disc.Segments.Length,
                Cell.Tree.Nodes,
                Cell.Synapses.Sum(s => s.Count),
                (double)m.InputSpikes / m.Trials,
                m.OutputSpikes / m.Trials,
                Sha,
                m.Throughput,
                m.Latency,
                m.RefinedStepFraction
            );
        }
    }

    /// <summary>The throughput run on an <see cref="ITrialBatchEngine"/>: all Lanes trials in one batch.</summary>
    private static HayL5pcBenchmarkResult RunBatch(ITrialBatchEngine engine, Setup setup)
    {
        var (options, cell, _, generator, exc, inh, plan, durationMs, _) = setup;
        int trials = options.Lanes;
        var events = new IEnumerable<SynapticEvent>[trials];
        int inputSpikes = 0;
        for (int t = 0; t < trials; t++)
        {
            var input = generator.Generate(options.Seed, t);
            inputSpikes += input.SpikeChannels.Length;
            events[t] = Events(input, exc, inh).ToArray();
        }
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var run = engine.Run(cell, options.Simulation, events, durationMs, plan);
        double wall = sw.Elapsed.TotalSeconds;
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
        double outputSpikes = Enumerable
            .Range(0, trials)
            .Sum(t => run.Result.CrossingTimesMs(t).Length);
        return setup.Result(
            new Measured(
                wall,
                cpu,
                null,
                trials,
                1,
                trials,
                inputSpikes,
                outputSpikes,
                null,
                null,
                (double)run.RefinedStepCount / Math.Max(1, run.StepCount)
            )
        );
    }

    /// <summary>
    /// The inputs of the throughput run's trials 0 .. <paramref name="trials"/> - 1 (trial i: dataset stream
    /// [<paramref name="seed"/>, i]), as <see cref="Run"/> with the same morphology, synapses, duration, step and seed
    /// draws them: what a network benchmarked against the simulator should read.
    /// </summary>
    /// <param name="morphologyPath">The reconstruction file.</param>
    /// <param name="synapses">Excitatory synapses (the input protocol follows them).</param>
    /// <param name="simulatedSeconds">Simulated time per trial (s), rounded to the step as <see cref="Run"/> rounds it.</param>
    /// <param name="dtMs">The simulator's step (ms).</param>
    /// <param name="seed">Dataset seed.</param>
    /// <param name="trials">Number of trials.</param>
    /// <exception cref="FileNotFoundException">The morphology file does not exist.</exception>
    public static L5pcInput[] TrialInputs(
        string morphologyPath,
        ExcitatorySynapseKind synapses,
        double simulatedSeconds,
        double dtMs,
        long seed,
        int trials
    )
    {
        if (!File.Exists(morphologyPath))
            throw new FileNotFoundException(
                $"morphology file '{morphologyPath}' does not exist",
                morphologyPath
            );
        var hay = HayL5pc.Load(morphologyPath, synapses);
        var disc = Discretization.Build(hay.Morphology, hay.Biophysics.Soma.Passive.RaOhmCm);
        var generator = InputGenerator(disc, synapses, DurationMs(simulatedSeconds, dtMs));
        return [.. Enumerable.Range(0, trials).Select(i => generator.Generate(seed, i))];
    }

    /// <summary>The simulated duration (ms): <paramref name="simulatedSeconds"/> rounded to whole steps.</summary>
    private static double DurationMs(double simulatedSeconds, double dtMs) =>
        Math.Round(simulatedSeconds * 1000 / dtMs) * dtMs;

    /// <summary>The dataset's input protocol for the synapse kind, over whole 1 ms bins covering the duration.</summary>
    private static L5pcInputGenerator InputGenerator(
        Discretization disc,
        ExcitatorySynapseKind synapses,
        double durationMs
    )
    {
        var config = (
            synapses == ExcitatorySynapseKind.AmpaNmda ? L5pcInputConfig.Nmda : L5pcInputConfig.Ampa
        ) with
        {
            DurationMs = (int)Math.Ceiling(durationMs),
        };
        return L5pcInputGenerator.ForCell(config, disc);
    }

    /// <summary>An input's spikes as engine events: channel k &lt; N → excitatory synapse k, N + k → inhibitory k.</summary>
    public static IEnumerable<SynapticEvent> Events(L5pcInput input, int excGroup, int inhGroup)
    {
        for (int i = 0; i < input.SpikeChannels.Length; i++)
        {
            int c = input.SpikeChannels[i];
            yield return c < input.Segments
                ? new SynapticEvent(input.SpikeTimesMs[i], excGroup, c)
                : new SynapticEvent(input.SpikeTimesMs[i], inhGroup, c - input.Segments);
        }
    }
}
