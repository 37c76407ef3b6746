using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Learning;
using Kit.Learning.Evaluation;
using Kit.Learning.Models;
using Kit.Neuron.Cells;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit bench surrogate [--model DIR] --morphology FILE [--json FILE]</c>: the paper's speed claim measured on the
/// machine at hand (issue 12). A saved network's batched CPU inference (<see cref="InferenceBenchmark"/>) and the
/// kit's L5PC simulator (<see cref="HayL5pcBenchmark"/>, throughput) run in one process on the same threads, over the
/// same trials' inputs (dataset streams [seed, i]) for the same simulated duration; both are reported as wall seconds
/// per simulated second, with their ratio and the ratio to NEURON's time on this machine.
/// </summary>
internal static class SurrogateBenchCommand
{
    /// <summary>
    /// NEURON 8.2's wall time per simulated second for the Hay L5PC under the paper's input at fixed dt 0.025 ms, on
    /// this project's machine and model: README, "Speed: <c>kit bench simulate</c>" (the measurement behind issue 12's
    /// 9.3 s).
    /// </summary>
    internal const double NeuronSPerSimulatedS = 9.3;

    /// <summary>The default model: what <c>notebooks/02-l5pc-nmda.ipynb</c> exports, under the repository root.</summary>
    internal static readonly string[] DefaultModelPath = ["figures", "02-l5pc-nmda", "model"];

    /// <summary>The <c>bench surrogate</c> command.</summary>
    public static Command Create()
    {
        var model = new Option<string?>("--model")
        {
            Description =
                "A model folder (model.json + weights.bin, as ModelFolder.Save writes it); default: the network "
                + "notebooks/02-l5pc-nmda.ipynb exports, figures/02-l5pc-nmda/model under the repository root.",
            HelpName = "DIR",
        };
        var morphology = SharedOptions.Morphology(
            "The reconstruction the simulator runs and the inputs are drawn on"
        );
        var synapses = SharedOptions.SynapseKinds.CreateOption(
            "--synapses",
            "Excitatory synapses of the simulator and the input protocol: ampa-nmda or ampa. Default: the kind the "
                + "model folder records (training.synapses); a different kind is refused.",
            null
        );
        synapses.Required = false;
        var seconds = new Option<double>("--seconds")
        {
            Description =
                "Simulated seconds per trial (the network reads each trial as one window).",
            DefaultValueFactory = _ => 1.0,
        }.Positive();
        var seed = new Option<long>("--seed")
        {
            Description = "Dataset seed of the inputs (trial i reads stream [seed, i]).",
            DefaultValueFactory = _ => 1,
        };
        var threads = new Option<int>("--threads")
        {
            Description =
                $"Threads for both sides (default: {TorchSetup.ThreadsVariable} if set, else every core): the simulator "
                + "steps one batch of lanes per thread, the network runs libtorch on as many.",
            HelpName = "N",
            DefaultValueFactory = _ => TorchSetup.DefaultThreads,
        }.AtLeastOne();
        var lanes = new Option<int>("--lanes")
        {
            Description =
                "Simulator trials stepped together per thread (as kit bench simulate); trials = threads x lanes.",
            DefaultValueFactory = _ => 8,
        }.AtLeastOne();
        var method = SharedOptions.Method();
        var repetitions = new Option<int>("--repetitions")
        {
            Description =
                "Timed passes of the network over all trials, after one warm-up; the median is reported.",
            HelpName = "N",
            DefaultValueFactory = _ => 5,
        }.AtLeastOne();
        var batch = new Option<int?>("--batch")
        {
            Description =
                "Trials (windows) per forward pass of the network (default: as many as fit in "
                + $"{InferenceBenchmarkOptions.AutoBinsPerPass} ms of input, at least one).",
            HelpName = "N",
        };
        batch.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 and var n)
                r.AddError($"--batch {n} must be at least 1.");
        });
        var json = SharedOptions.Json("the result").InExistingFolder();
        var command = new Command(
            "surrogate",
            "Wall seconds per simulated second of a trained network's batched CPU inference against the kit's L5PC "
                + "simulator on the same cores and inputs, their ratio, and the ratio to NEURON's 9.3 s."
        )
        {
            model,
            morphology,
            synapses,
            seconds,
            seed,
            threads,
            lanes,
            method,
            repetitions,
            batch,
            json,
        };
        command.SetAction(parse =>
            Run(
                new SurrogateBenchRequest(
                    parse.GetValue(model),
                    parse.GetValue(morphology)!,
                    parse.GetResult(synapses) is null ? null : parse.GetValue(synapses),
                    parse.GetValue(seconds),
                    parse.GetValue(seed),
                    parse.GetValue(threads),
                    parse.GetValue(lanes),
                    parse.GetValue(method)!,
                    parse.GetValue(repetitions),
                    parse.GetValue(batch),
                    parse.GetValue(json)
                ),
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return command;
    }

    /// <summary>The parsed options.</summary>
    private sealed record SurrogateBenchRequest(
        string? ModelFolder,
        string Morphology,
        Named<ExcitatorySynapseKind>? Synapses,
        double SimulatedSeconds,
        long Seed,
        int Threads,
        int Lanes,
        Named<SimulationOptions> Method,
        int Repetitions,
        int? BatchWindows,
        FileInfo? Json
    );

    private static int Run(SurrogateBenchRequest request, TextWriter output, TextWriter error)
    {
        TorchSetup.Configure(request.Threads);
        string folder;
        try
        {
            folder = request.ModelFolder ?? Path.Combine([KitPaths.Root(), .. DefaultModelPath]);
        }
        catch (DirectoryNotFoundException e)
        {
            error.WriteLine($"no --model given and no default: {e.Message}");
            return Program.UsageError;
        }
        if (ModelFolderLoading.TryLoad(folder, error) is not { } saved)
            return Program.UsageError;
        using var _ = saved;
        if (SynapsesOf(saved, request.Synapses, error) is not { } synapses)
            return Program.UsageError;

        int trials = request.Threads * request.Lanes;
        string morphologyPath;
        L5pcInput[] inputs;
        try
        {
            morphologyPath = MorphologyCatalog.IsCatalogName(request.Morphology)
                ? MorphologyCatalog.Resolve(request.Morphology)
                : request.Morphology;
            inputs = HayL5pcBenchmark.TrialInputs(
                morphologyPath,
                synapses,
                request.SimulatedSeconds,
                request.Method.Value.DtMs,
                request.Seed,
                trials
            );
        }
        catch (Exception e)
            when (e is IOException or MorphologyFormatException or ArgumentException)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        if (inputs[0].Channels != saved.InputChannels)
        {
            error.WriteLine(
                $"{saved.Folder}: the network reads {saved.InputChannels} input channels, but {morphologyPath} has "
                    + $"{inputs[0].Channels} (2 per dendritic segment); it was trained on another cell"
            );
            return Program.UsageError;
        }

        var sink = new ConsoleProgressSink(error);
        var network = InferenceBenchmark.Run(
            saved.Model,
            inputs,
            new InferenceBenchmarkOptions
            {
                Repetitions = request.Repetitions,
                BatchWindows = request.BatchWindows,
                Threads = request.Threads,
            },
            sink
        );
        HayL5pcBenchmarkResult simulator;
        using (var reporter = new ProgressReporter("simulator", 1, sink))
        {
            simulator = HayL5pcBenchmark.Run(
                morphologyPath,
                new HayL5pcBenchmarkOptions
                {
                    Synapses = synapses,
                    SimulatedSeconds = request.SimulatedSeconds,
                    Seed = request.Seed,
                    Threads = request.Threads,
                    Lanes = request.Lanes,
                    Simulation = request.Method.Value,
                    MeasureLatency = false,
                }
            );
            reporter.Advance();
        }

        var result = new SurrogateBenchResult(
            network.SecondsPerSimulatedSecond,
            simulator.WallSPerSimulatedS,
            saved.Model.ParameterCount(),
            CausalNetCost.MultiplyAddsPerMs(saved.Config, network.InputSpikesPerMs)
        );
        Report(request, saved, synapses, network, simulator, result, output);
        if (request.Json != null)
        {
            var doc = Json(request, saved, synapses, network, simulator, result);
            AtomicFile.WriteAllText(
                request.Json.FullName,
                doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"
            );
            output.WriteLine($"result: {request.Json.FullName}");
        }
        return Program.Success;
    }

    /// <summary>
    /// The synapse kind to simulate: the one the model folder records (training.synapses), an explicit
    /// <c>--synapses</c> where it records none; null after writing the reason when they disagree or neither exists.
    /// </summary>
    private static ExcitatorySynapseKind? SynapsesOf(
        SavedModel saved,
        Named<ExcitatorySynapseKind>? option,
        TextWriter error
    )
    {
        var modelJson = Path.Combine(saved.Folder, ModelFolder.ModelFile);
        ExcitatorySynapseKind? recorded = null;
        if (saved.Training?["synapses"] is { } node)
        {
            try
            {
                recorded = L5pcDatasetConfig.ParseSynapses(node.GetValue<string>());
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                error.WriteLine($"{modelJson}: field 'training.synapses': {e.Message}");
                return null;
            }
        }
        if (option is { } o && recorded is { } r && o.Value != r)
        {
            error.WriteLine(
                $"--synapses {o.Name}, but {modelJson} records {L5pcDatasetConfig.SynapsesToName(r)}: the "
                    + "simulator must run the cell the network stands for"
            );
            return null;
        }
        if ((option?.Value ?? recorded) is { } kind)
            return kind;
        error.WriteLine(
            $"{modelJson} records no synapse type (training.synapses); pass --synapses ampa-nmda or ampa"
        );
        return null;
    }

    /// <summary>The header line, the speed table and the cost line.</summary>
    private static void Report(
        SurrogateBenchRequest request,
        SavedModel saved,
        ExcitatorySynapseKind synapses,
        InferenceBenchmarkResult network,
        HayL5pcBenchmarkResult simulator,
        SurrogateBenchResult result,
        TextWriter output
    )
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(
            string.Create(
                c,
                $"hay-l5pc {L5pcDatasetConfig.SynapsesToName(synapses)}, {network.Windows} trials x "
                    + $"{network.WindowMs} ms (seed {request.Seed}), {request.Threads} thread(s), "
                    + $"{network.InputSpikesPerMs:0.0} input spikes per ms; model {saved.Folder}"
            )
        );
        var table = ConsoleTables.Create(
            ConsoleTables.Text(""),
            ConsoleTables.Number("wall s per simulated s"),
            ConsoleTables.Number("CPU s per simulated s"),
            ConsoleTables.Number("speedup of the network"),
            ConsoleTables.Text("how")
        );
        table.AddTextRow(
            "network",
            result.NetworkSPerSimulatedS.ToString("0.0000", c),
            network.CpuSPerSimulatedS.ToString("0.0000", c),
            "",
            string.Create(
                c,
                $"median of {network.RepetitionSeconds.Length} passes, {network.BatchWindows} windows per pass, "
                    + $"{network.Threads} libtorch thread(s)"
            )
        );
        table.AddTextRow(
            "kit simulator",
            result.SimulatorSPerSimulatedS.ToString("0.0000", c),
            simulator.CpuSPerSimulatedS.ToString("0.0000", c),
            result.Speedup.ToString("0.0", c) + "x",
            string.Create(
                c,
                $"{request.Method.Name} dt {simulator.DtMs} ms, {simulator.Trials} = {simulator.Threads} thread(s) "
                    + $"x {simulator.Lanes} lanes"
            )
        );
        table.AddTextRow(
            "NEURON 8.2",
            NeuronSPerSimulatedS.ToString("0.0000", c),
            "",
            result.SpeedupVsNeuron.ToString("0.0", c) + "x",
            "fixed dt 0.025 ms, measured on this project's machine (README), not in this run"
        );
        ConsoleTables.Write(output, table);
        output.WriteLine(
            string.Create(
                c,
                $"model: {result.ModelParameters:N0} parameters, {result.MultiplyAddsPerMs:N0} multiply-adds per "
                    + $"simulated ms, history {saved.Config.HistoryMs} ms"
            )
        );
    }

    /// <summary>The <c>--json</c> document: the keys first, then what the numbers depend on.</summary>
    private static JsonObject Json(
        SurrogateBenchRequest request,
        SavedModel saved,
        ExcitatorySynapseKind synapses,
        InferenceBenchmarkResult network,
        HayL5pcBenchmarkResult simulator,
        SurrogateBenchResult result
    ) =>
        new()
        {
            ["network_s_per_simulated_s"] = result.NetworkSPerSimulatedS,
            ["simulator_s_per_simulated_s"] = result.SimulatorSPerSimulatedS,
            ["speedup"] = result.Speedup,
            ["speedup_vs_neuron"] = result.SpeedupVsNeuron,
            ["model_parameters"] = result.ModelParameters,
            ["multiply_adds_per_ms"] = result.MultiplyAddsPerMs,
            ["neuron_s_per_simulated_s"] = NeuronSPerSimulatedS,
            ["neuron_reference"] =
                "NEURON 8.2, Hay L5PC, fixed dt 0.025 ms, measured on this project machine (README, section "
                + "Speed: kit bench simulate); not measured in this run",
            ["network_pass_seconds"] = new JsonArray([
                .. network.RepetitionSeconds.Select(s => (JsonNode?)s),
            ]),
            ["network_windows_per_pass"] = network.BatchWindows,
            ["network_cpu_s_per_simulated_s"] = network.CpuSPerSimulatedS,
            ["simulator_cpu_s_per_simulated_s"] = simulator.CpuSPerSimulatedS,
            ["simulator_method"] = request.Method.Name,
            ["simulator_dt_ms"] = simulator.DtMs,
            ["simulator_refined_step_fraction"] = simulator.RefinedStepFraction,
            ["lanes"] = simulator.Lanes,
            ["threads"] = request.Threads,
            ["trials"] = network.Windows,
            ["simulated_s_per_trial"] = network.WindowMs / 1000.0,
            ["seed"] = request.Seed,
            ["synapse_kind"] = L5pcDatasetConfig.SynapsesToName(synapses),
            ["input_spikes_per_ms"] = network.InputSpikesPerMs,
            ["model"] = Path.GetFullPath(saved.Folder),
            ["model_architecture"] = JsonNode
                .Parse(File.ReadAllText(Path.Combine(saved.Folder, ModelFolder.ModelFile)))
                ?["architecture"]?.DeepClone(),
            ["morphology_sha256"] = simulator.MorphologySha256,
            ["processor_count"] = Environment.ProcessorCount,
            ["load_average_1min"] = BenchCommands.LoadAverage(),
        };
}
