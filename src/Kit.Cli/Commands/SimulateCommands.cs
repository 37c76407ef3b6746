using System.CommandLine;
using System.Globalization;
using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Data;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit simulate l5pc --synapses ampa-nmda|ampa --simulations N --duration-ms D --seed S [--shard i/n]
/// --morphology &lt;file.asc&gt; --out DIR [--reuse DIR]...</c>: the L5PC dataset factory (<see cref="L5pcDatasetFactory"/>); and
/// <c>kit simulate l23 ...</c> (<see cref="SimulateL23Commands"/>).
/// </summary>
internal static class SimulateCommands
{
    /// <summary>The <c>simulate</c> command group.</summary>
    public static Command Create()
    {
        var group = new Command("simulate", "Generate simulated datasets.");
        group.Subcommands.Add(L5pc());
        group.Subcommands.Add(SimulateL23Commands.Create());
        return group;
    }

    private static Command L5pc()
    {
        var synapses = SharedOptions.Synapses();
        var simulations = new Option<int>("--simulations")
        {
            Description = "Simulations in the whole dataset (all shards).",
            HelpName = "N",
            Required = true,
        }.AtLeastOne();
        var duration = new Option<int>("--duration-ms")
        {
            Description = "Length of each simulation (ms); the paper's is 6000.",
            HelpName = "MS",
            DefaultValueFactory = _ => 6000,
        }.AtLeastOne();
        var seed = new Option<long>("--seed")
        {
            Description = "Seed; simulation i draws its input from its own stream [seed, i].",
            HelpName = "S",
            Required = true,
        };
        var shard = new Option<DatasetShard>("--shard")
        {
            Description =
                "Write only shard i of n (0-based, e.g. $SLURM_ARRAY_TASK_ID/n): parts i, i+n, i+2n, ... "
                + "The shards' files together are the unsharded run's, byte for byte.",
            HelpName = "i/n",
            DefaultValueFactory = _ => DatasetShard.All,
            CustomParser = result =>
            {
                try
                {
                    return DatasetShard.Parse(
                        result.Tokens.Count == 1 ? result.Tokens[0].Value : ""
                    );
                }
                catch (FormatException e)
                {
                    result.AddError(e.Message);
                    return default;
                }
            },
        };
        var morphology = SharedOptions.Morphology("The reconstruction to simulate");
        var output = new Option<DirectoryInfo>("--out")
        {
            HelpName = "DIR",
            Description =
                "Dataset folder: manifest.json and part-NNNNN.npz files (the kit's dataset format). Rerun the "
                + "same command to continue an interrupted run.",
            Required = true,
        };
        var perPart = new Option<int>("--per-part")
        {
            Description =
                "Simulations per part file (the unit of checkpointing and sharding; part of the dataset's identity).",
            DefaultValueFactory = _ => 8,
        }.AtLeastOne();
        var lanes = new Option<int>("--lanes")
        {
            Description =
                "Simulations stepped together as SIMD lanes of one engine, or per device batch with --engine gpu "
                + "(part of the dataset's identity).",
            DefaultValueFactory = _ => 4,
        }.AtLeastOne();
        var reuse = new Option<DirectoryInfo[]>("--reuse")
        {
            Description =
                "A dataset folder of the same synapses, duration, seed, method, lanes, part size, engine and morphology "
                + "but another number of simulations (e.g. a smaller run this one extends, or a larger one it is the start of): the "
                + "parts it holds for the same simulations are copied instead of simulated, the same bytes. Repeatable.",
            HelpName = "DIR",
            DefaultValueFactory = _ => [],
        };
        var threads = SharedOptions.Threads();
        var method = SharedOptions.Method();
        var engine = SharedOptions.Engine();
        var command = new Command(
            "l5pc",
            "Simulate the Hay L5PC under the paper's random input and write a dataset (NeuronIO channel order, "
                + "soma and nexus voltage at 1 ms, output spikes by the dataset rule). Resumable and deterministic."
        )
        {
            synapses,
            simulations,
            duration,
            seed,
            shard,
            morphology,
            output,
            perPart,
            lanes,
            reuse,
            threads,
            method,
            engine,
        };
        command.SetAction(parse =>
            Run(
                parse.GetValue(synapses)!,
                parse.GetValue(simulations),
                parse.GetValue(duration),
                parse.GetValue(seed),
                parse.GetValue(shard)!,
                parse.GetValue(morphology)!,
                parse.GetValue(output)!,
                parse.GetValue(perPart),
                parse.GetValue(lanes),
                parse.GetValue(reuse)!,
                parse.GetValue(threads),
                parse.GetValue(method)!,
                parse.GetValue(engine)!,
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return command;
    }

    private static int Run(
        Named<ExcitatorySynapseKind> synapses,
        int simulations,
        int durationMs,
        long seed,
        DatasetShard shard,
        string morphology,
        DirectoryInfo outDir,
        int perPart,
        int lanes,
        DirectoryInfo[] reuse,
        int threads,
        Named<SimulationOptions> method,
        Named<SimulationEngine> engine,
        TextWriter output,
        TextWriter error
    )
    {
        using var batchEngine = SharedOptions.OpenEngine(engine.Value, error, out bool noDevice);
        if (noDevice)
            return Program.UsageError;
        L5pcDatasetFactory factory;
        try
        {
            var config = new L5pcDatasetConfig(synapses.Value, simulations, durationMs, seed)
            {
                SimulationsPerPart = perPart,
                Lanes = lanes,
                Simulation = method.Value,
                Engine = engine.Value,
            };
            factory = new L5pcDatasetFactory(config, morphology, batchEngine);
        }
        catch (Exception e)
            when (e
                    is IOException
                        or MorphologyFormatException
                        or ArgumentException
                        or FormatException
            )
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        var c = factory.Config;
        output.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"simulate l5pc: {c.Simulations} x {c.DurationMs} ms, {c.SynapsesName}, seed {c.Seed}, "
                    + $"{c.Parts} parts of {c.SimulationsPerPart}, shard {shard}, {threads} threads, "
                    + $"engine {engine.Name}{(batchEngine != null ? $" ({batchEngine.DeviceName})" : "")}, "
                    + $"{factory.Cell.Tree.Nodes} compartments, morphology {Path.GetFileName(factory.MorphologyPath)} "
                    + $"(sha256 {factory.MorphologySha256[..12]}...)"
            )
        );
        L5pcDatasetRunSummary summary;
        try
        {
            summary = factory.Run(
                outDir.FullName,
                new L5pcDatasetRunOptions
                {
                    Shard = shard,
                    Threads = threads,
                    Progress = new ConsoleProgressSink(error),
                    ReuseFrom = [.. reuse.Select(d => d.FullName)],
                }
            );
        }
        catch (OperationCanceledException e)
        {
            error.WriteLine(e.Message);
            return Program.Cancelled;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        if (summary.NothingToDo)
            output.WriteLine(
                $"nothing to do: all {summary.PartsInShard} parts of shard {shard} are already complete in {summary.OutDir}"
            );
        else
            output.WriteLine(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"wrote {summary.PartsWritten} parts ({summary.SimulationsWritten} simulations) in "
                        + $"{summary.Wall.TotalSeconds:0.0} s; {summary.PartsAlreadyComplete} were already complete; "
                        + $"shard {shard} is complete in {summary.OutDir}"
                )
            );
        if (summary.PartsReused > 0)
            output.WriteLine(
                $"reused {summary.PartsReused} parts ({summary.SimulationsReused} simulations) of "
                    + string.Join(", ", reuse.Select(d => d.FullName))
                    + " instead of simulating them"
            );
        if (summary.StaleTempFilesRemoved > 0)
            output.WriteLine(
                $"removed {summary.StaleTempFilesRemoved} temporary files left by an interrupted write"
            );
        output.WriteLine(
            summary.DatasetComplete
                ? $"dataset complete: {summary.Parts} parts ({c.Simulations} simulations)"
                : $"dataset: {summary.PartsPresent}/{summary.Parts} parts present (other shards pending)"
        );
        return Program.Success;
    }
}
