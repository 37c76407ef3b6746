using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Simulation;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit bench simulate</c>: wall time per simulated second of the Hay L5PC under the paper's input (issue 4),
/// as throughput (all threads, lanes of trials per thread) and latency (one trial, one lane).
/// </summary>
internal static class BenchCommands
{
    /// <summary>The <c>bench</c> command group.</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Measure the speed of the kit's simulators.");
        bench.Subcommands.Add(CreateSimulate());
        return bench;
    }

    private static Command CreateSimulate()
    {
        var cell = new Option<string>("--cell")
        {
            Description = "Cell model; hay-l5pc (the paper's L5PC) is the only one.",
            DefaultValueFactory = _ => "hay-l5pc",
        };
        var morphology = new Option<FileInfo>("--morphology")
        {
            Description =
                "The reconstruction (.asc, .swc), e.g. cell1.asc. Required; there is no fallback.",
            Required = true,
        };
        var synapses = new Option<string>("--synapses")
        {
            Description =
                "ampa-nmda (the main dataset, the default) or ampa; the input protocol follows.",
            DefaultValueFactory = _ => "ampa-nmda",
        };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Simulated seconds per trial.",
            DefaultValueFactory = _ => 1.0,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "Dataset seed of the inputs.",
            DefaultValueFactory = _ => 1,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads; one batch of lanes per thread runs in parallel.",
            DefaultValueFactory = _ => 1,
        };
        var lanes = new Option<int>("--lanes")
        {
            Description =
                "Trials stepped together per simulation, a multiple of 4 for SIMD (AVX2: 4 lanes per vector); 8 amortises the per-node work better than 4.",
            DefaultValueFactory = _ => 8,
        };
        var method = new Option<string>("--method")
        {
            Description = MethodOption.Description,
            DefaultValueFactory = _ => "accurate",
        };
        var profile = new Option<bool>("--profile")
        {
            Description = "Also print where a step's time goes (per phase).",
        };
        var json = new Option<FileInfo?>("--json")
        {
            Description = "Also write the result as JSON.",
        };
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
            profile,
            json,
        };
        command.SetAction(parse =>
            Run(
                parse.GetValue(cell)!,
                parse.GetValue(morphology)!,
                parse.GetValue(synapses)!,
                parse.GetValue(seconds),
                parse.GetValue(seed),
                parse.GetValue(threads),
                parse.GetValue(lanes),
                parse.GetValue(method)!,
                parse.GetValue(profile),
                parse.GetValue(json),
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return command;
    }

    private static int Run(
        string cell,
        FileInfo morphology,
        string synapses,
        double seconds,
        long seed,
        int threads,
        int lanes,
        string method,
        bool profile,
        FileInfo? json,
        TextWriter output,
        TextWriter error
    )
    {
        if (cell != "hay-l5pc")
        {
            error.WriteLine($"Unknown cell '{cell}'; the only cell is hay-l5pc.");
            return Program.UsageError;
        }
        if (!morphology.Exists)
        {
            error.WriteLine($"Morphology file '{morphology.FullName}' does not exist.");
            return Program.UsageError;
        }
        ExcitatorySynapseKind kind;
        switch (synapses)
        {
            case "ampa-nmda":
                kind = ExcitatorySynapseKind.AmpaNmda;
                break;
            case "ampa":
                kind = ExcitatorySynapseKind.Ampa;
                break;
            default:
                error.WriteLine($"Unknown synapses '{synapses}'; use ampa-nmda or ampa.");
                return Program.UsageError;
        }
        if (MethodOption.Parse(method, error) is not { } simulation)
            return Program.UsageError;
        if (!(seconds > 0) || threads < 1 || lanes < 1)
        {
            error.WriteLine(
                $"--seconds ({seconds}) must be positive, --threads ({threads}) and --lanes ({lanes}) at least 1."
            );
            return Program.UsageError;
        }
        HayL5pcBenchmarkResult r;
        try
        {
            r = HayL5pcBenchmark.Run(
                morphology.FullName,
                new HayL5pcBenchmarkOptions
                {
                    Synapses = kind,
                    SimulatedSeconds = seconds,
                    Seed = seed,
                    Threads = threads,
                    Lanes = lanes,
                    Simulation = simulation,
                    Profile = profile,
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
        output.WriteLine(
            string.Create(
                c,
                $"throughput: {r.WallSPerSimulatedS:0.000} s wall per simulated s ({r.Trials} trials = {r.Threads} "
                    + $"thread(s) x {r.Lanes} lanes; CPU {r.CpuSPerSimulatedS:0.000} s per simulated s)"
            )
        );
        output.WriteLine(
            string.Create(
                c,
                $"latency:    {r.SingleTrialWallSPerSimulatedS:0.000} s wall per simulated s (1 trial, 1 lane)"
            )
        );
        if (r.Throughput is { } tp)
            output.WriteLine($"profile, {r.Lanes} lanes (per step, summed over threads):\n{tp}");
        if (r.Latency is { } lp)
            output.WriteLine($"profile, 1 lane:\n{lp}");
        if (json != null)
        {
            var doc = new Dictionary<string, object>
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
                ["compartments"] = r.Compartments,
                ["nodes"] = r.Nodes,
                ["synapses"] = r.Synapses,
                ["synapse_kind"] = synapses,
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

    /// <summary>The 1-minute load average from /proc/loadavg (Linux), or −1 where there is none.</summary>
    private static double LoadAverage()
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
