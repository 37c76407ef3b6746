using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Simulation;
using Spectre.Console;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit bench simulate</c>: wall time per simulated second of the Hay L5PC under the paper's input (issue 4),
/// as throughput (all threads, lanes of trials per thread) and latency (one trial, one lane). The group also holds
/// <c>kit bench frontier</c> (<see cref="FrontierCommand"/>) and <c>kit bench surrogate</c>
/// (<see cref="SurrogateBenchCommand"/>).
/// </summary>
internal static class BenchCommands
{
    /// <summary>The <c>bench</c> command group.</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Measure the speed of the kit's simulators.");
        bench.Subcommands.Add(CreateSimulate());
        bench.Subcommands.Add(FrontierCommand.Create());
        bench.Subcommands.Add(SurrogateBenchCommand.Create());
        return bench;
    }

    private static Command CreateSimulate()
    {
        var cell = new Option<string>("--cell")
        {
            Description =
                "Cell model; hay-l5pc (the paper's L5PC, Hay et al. 2011) is the only one.",
            DefaultValueFactory = _ => "hay-l5pc",
        };
        cell.AcceptOnlyFromAmong("hay-l5pc");
        var morphology = SharedOptions.MorphologyFile(
            "The reconstruction (.asc, .swc), e.g. cell1.asc."
        );
        var synapses = SharedOptions.Synapses();
        var seconds = new Option<double>("--seconds")
        {
            Description = "Simulated seconds per trial.",
            DefaultValueFactory = _ => 1.0,
        }.Positive();
        var seed = new Option<long>("--seed")
        {
            Description = "Dataset seed of the inputs.",
            DefaultValueFactory = _ => 1,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads; one batch of lanes per thread runs in parallel.",
            DefaultValueFactory = _ => 1,
        }.AtLeastOne();
        var lanes = new Option<int>("--lanes")
        {
            Description =
                "Trials stepped together per simulation, a multiple of 4 for SIMD (AVX2: 4 lanes per vector); 8 amortises the per-node work better than 4. With --engine gpu: the trials of the one device batch (thousands).",
            DefaultValueFactory = _ => 8,
        }.AtLeastOne();
        var method = SharedOptions.Method();
        var dt = new Option<double?>("--dt")
        {
            Description =
                "Step (ms) instead of the method's, e.g. --method fast --dt 0.0125; must divide 0.125 ms (the "
                + "recording grid).",
            HelpName = "MS",
        };
        dt.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } v && !(v > 0))
                r.AddError($"--dt must be positive, got {v}");
        });
        var profile = new Option<bool>("--profile")
        {
            Description = "Also print where a step's time goes (per phase).",
        };
        var json = SharedOptions.Json("the result");
        var engine = SharedOptions.Engine();
        var command = new Command(
            "simulate",
            "Wall seconds per simulated second of a compartmental cell under the paper's random input."
        )
        {
            cell,
            morphology,
            synapses,
            seconds,
            seed,
            threads,
            lanes,
            method,
            dt,
            profile,
            json,
            engine,
        };
        command.SetAction(parse =>
            Run(
                parse.GetValue(morphology)!,
                parse.GetValue(synapses)!,
                parse.GetValue(seconds),
                parse.GetValue(seed),
                parse.GetValue(threads),
                parse.GetValue(lanes),
                parse.GetValue(dt) is { } step
                    ? parse.GetValue(method)! with
                    {
                        Value = parse.GetValue(method)!.Value with { DtMs = step },
                    }
                    : parse.GetValue(method)!,
                parse.GetValue(profile),
                parse.GetValue(json),
                parse.GetValue(engine)!,
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return command;
    }

    private static int Run(
        FileInfo morphology,
        Named<ExcitatorySynapseKind> synapses,
        double seconds,
        long seed,
        int threads,
        int lanes,
        Named<SimulationOptions> method,
        bool profile,
        FileInfo? json,
        Named<SimulationEngine> engine,
        TextWriter output,
        TextWriter error
    )
    {
        using var batchEngine = SharedOptions.OpenEngine(engine.Value, error, out bool noDevice);
        if (noDevice)
            return Program.UsageError;
        HayL5pcBenchmarkResult r;
        try
        {
            r = HayL5pcBenchmark.Run(
                morphology.FullName,
                new HayL5pcBenchmarkOptions
                {
                    Synapses = synapses.Value,
                    SimulatedSeconds = seconds,
                    Seed = seed,
                    Threads = threads,
                    Lanes = lanes,
                    Simulation = method.Value,
                    Profile = profile,
                    Engine = batchEngine,
                }
            );
        }
        catch (Exception e)
            when (e
                    is IOException
                        or Kit.Neuron.Morphology.MorphologyFormatException
                        or ArgumentException
            )
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(
            string.Create(
                c,
                $"hay-l5pc {synapses}, {r.Method} dt {r.DtMs} ms, {r.Compartments} compartments ({r.Nodes} nodes), "
                    + $"{r.Synapses} synapses, {r.SimulatedSeconds:0.###} s per trial, {r.InputSpikes:0} input and "
                    + $"{r.OutputSpikes:0.#} output spikes per trial"
            )
        );
        var speed = ConsoleTables.Create(
            ConsoleTables.Text(""),
            ConsoleTables.Number("wall s per simulated s"),
            ConsoleTables.Number("CPU s per simulated s"),
            ConsoleTables.Text("trials")
        );
        speed.AddTextRow(
            "throughput",
            r.WallSPerSimulatedS.ToString("0.000", c),
            r.CpuSPerSimulatedS.ToString("0.000", c),
            (
                batchEngine != null
                    ? string.Create(
                        c,
                        $"{r.Trials} trials, engine {engine.Name} ({batchEngine.DeviceName})"
                    )
                    : string.Create(c, $"{r.Trials} = {r.Threads} thread(s) x {r.Lanes} lanes")
            )
                + (
                    r.RefinedStepFraction > 0
                        ? string.Create(c, $", {r.RefinedStepFraction:P1} of steps refined")
                        : ""
                )
        );
        speed.AddTextRow(
            "latency",
            r.SingleTrialWallSPerSimulatedS is { } latency ? latency.ToString("0.000", c) : "-",
            "",
            "1 trial, 1 lane"
        );
        ConsoleTables.Write(output, speed);
        if (r.Throughput != null || r.Latency != null)
            ConsoleTables.Write(output, ProfileTable(r));
        if (json != null)
        {
            var doc = new Dictionary<string, object?>
            {
                ["wall_s_per_simulated_s"] = r.WallSPerSimulatedS,
                ["cpu_s_per_simulated_s"] = r.CpuSPerSimulatedS,
                ["single_trial_wall_s_per_simulated_s"] = r.SingleTrialWallSPerSimulatedS,
                ["lanes"] = r.Lanes,
                ["threads"] = r.Threads,
                ["trials"] = r.Trials,
                ["simulated_s_per_trial"] = r.SimulatedSeconds,
                ["dt_ms"] = r.DtMs,
                ["method"] = r.Method.ToString(),
                ["method_name"] = method.Name,
                ["engine"] = engine.Name,
                ["device"] = batchEngine?.DeviceName,
                ["refined_step_fraction"] = r.RefinedStepFraction,
                ["compartments"] = r.Compartments,
                ["nodes"] = r.Nodes,
                ["synapses"] = r.Synapses,
                ["synapse_kind"] = synapses.Name,
                ["seed"] = seed,
                ["input_spikes_per_trial"] = r.InputSpikes,
                ["output_spikes_per_trial"] = r.OutputSpikes,
                ["morphology"] = morphology.FullName,
                ["morphology_sha256"] = r.MorphologySha256,
                ["processor_count"] = Environment.ProcessorCount,
                ["load_average_1min"] = LoadAverage(),
            };
            AtomicFile.WriteAllText(
                json.FullName,
                JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true })
                    + "\n"
            );
            output.WriteLine($"result: {json.FullName}");
        }
        return Program.Success;
    }

    /// <summary>
    /// Where a step's time goes: µs per step and share of the step, per phase, for the throughput run (summed over
    /// threads) and the one-lane latency run side by side.
    /// </summary>
    private static Table ProfileTable(HayL5pcBenchmarkResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var runs = new List<(string Name, StepProfile Profile)>();
        if (r.Throughput is { } tp)
            runs.Add(($"{r.Lanes} lanes, summed over threads", tp));
        if (r.Latency is { } lp)
            runs.Add(("1 lane", lp));
        var columns = new List<TableColumn> { ConsoleTables.Text("phase") };
        foreach (var (name, steps) in runs.Select(x => (x.Name, x.Profile.Steps)))
        {
            columns.Add(ConsoleTables.Number(string.Create(c, $"us/step ({name}; {steps} steps)")));
            columns.Add(ConsoleTables.Number("%"));
        }
        var table = ConsoleTables.Create([.. columns]);
        foreach (var phase in Enum.GetValues<StepPhase>())
        {
            var cells = new List<string> { phase.ToString() };
            foreach (var (_, p) in runs)
            {
                double us = p.MicrosecondsPerStep(phase);
                cells.Add(us.ToString("0.00", c));
                cells.Add(
                    (100 * us / Math.Max(p.TotalMicrosecondsPerStep, 1e-12)).ToString("0.0", c)
                );
            }
            table.AddTextRow([.. cells]);
        }
        var total = new List<string> { "total" };
        foreach (var (_, p) in runs)
        {
            total.Add(p.TotalMicrosecondsPerStep.ToString("0.00", c));
            total.Add("100.0");
        }
        table.AddTextRow([.. total]);
        return table;
    }

    /// <summary>The 1-minute load average from /proc/loadavg (Linux), or −1 where there is none.</summary>
    internal static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e)
            when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return -1;
        }
    }
}
