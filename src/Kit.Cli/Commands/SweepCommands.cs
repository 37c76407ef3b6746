using System.CommandLine;
using System.Globalization;
using Kit.Core;
using Kit.Figures.Fig4;
using Kit.Figures.L5pcNetwork;
using Kit.Neuron.Cells;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit sweep</c>: figure 4's complexity sweep from the command line, one shard at a time (a cluster array task),
/// and <c>kit sweep merge</c>, which combines the shards' row files into one table.
/// </summary>
internal static class SweepCommands
{
    /// <summary>The <c>sweep</c> command and its <c>merge</c> subcommand.</summary>
    public static Command Create()
    {
        var synapses = new Option<string>("--synapses")
        {
            Description =
                "Which cell's networks: nmda (AMPA+NMDA, figure 2's data), ampa (AMPA only, figure 3's) or both.",
            HelpName = "nmda|ampa|both",
            DefaultValueFactory = _ => "both",
        };
        synapses.AcceptOnlyFromAmong("nmda", "ampa", "both");
        var profile = new Option<string>("--profile")
        {
            Description =
                "The grid, data and training: smoke, course or paper (Fig4Config); default NEURONKIT_PROFILE, else course.",
            HelpName = "P",
            DefaultValueFactory = _ => Profiles.Default,
        };
        profile.AcceptOnlyFromAmong([.. Profiles.All]);
        var shard = new Option<string>("--shard")
        {
            Description =
                "Run shard i of n: point k of the grid belongs to shard k mod n (e.g. "
                + "--shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT). Default 0/1: every point.",
            HelpName = "i/n",
            DefaultValueFactory = _ => "0/1",
        };
        var outDir = new Option<string?>("--out")
        {
            Description =
                "Folder for the shard's row file (sweep-<synapses>-shard-i-of-n.csv); default "
                + "figures/04-complexity/rows/<profile> (where the notebook reads them).",
            HelpName = "DIR",
        };
        var threads = new Option<int>("--threads")
        {
            Description =
                $"Cores: trainings run side by side, one per core (default: {Learning.TorchSetup.ThreadsVariable} "
                + "if set, else every core); does not change the numbers.",
            HelpName = "N",
        };
        var command = new Command(
            "sweep",
            "Figure 4's complexity sweep: train and evaluate the networks of one shard of the profile's grid with "
                + "figures 2 and 3's data, training and evaluation (every network cached on its own, so a rerun or a "
                + "resumed job reuses what is done) and write the shard's rows. Merge the shards with 'kit sweep merge'."
        )
        {
            synapses,
            profile,
            shard,
            outDir,
            threads,
        };
        command.SetAction(parse =>
            Run(
                parse.GetValue(synapses)!,
                parse.GetValue(profile)!,
                parse.GetValue(shard)!,
                parse.GetValue(outDir),
                parse.GetValue(threads),
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        command.Subcommands.Add(CreateMerge());
        return command;
    }

    private static Command CreateMerge()
    {
        var inputs = new Argument<string[]>("paths")
        {
            Description = "Row files of the shards, or folders of them (every *.csv inside).",
            Arity = ArgumentArity.OneOrMore,
        };
        var outFile = new Option<string>("--out")
        {
            Description = "The merged table; default figures/04-complexity/sweep.csv.",
            HelpName = "FILE",
        };
        var merge = new Command(
            "merge",
            "Merge the row files of a sweep's shards into one table (sorted by synapses, depth, width, history; a "
                + "point in several files is kept once when its rows agree)."
        )
        {
            inputs,
            outFile,
        };
        merge.SetAction(parse =>
            Merge(
                parse.GetValue(inputs)!,
                parse.GetValue(outFile),
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return merge;
    }

    private static int Run(
        string synapses,
        string profile,
        string shardText,
        string? outDir,
        int threads,
        TextWriter output,
        TextWriter error
    )
    {
        SweepShard shard;
        try
        {
            shard = SweepShard.Parse(shardText);
        }
        catch (FormatException e)
        {
            error.WriteLine($"--shard: {e.Message}");
            return Program.UsageError;
        }
        ExcitatorySynapseKind? kind = synapses switch
        {
            "both" => null,
            var s => SweepPoint.ParseSynapses(s),
        };
        var config = Fig4Config.For(profile) with { Threads = threads };
        string dir =
            outDir ?? Path.Combine(KitPaths.Figures(Fig4Config.FigureName), "rows", config.Profile);
        Fig4Run run;
        try
        {
            run = Fig4Experiment.Run(
                config,
                kind,
                shard,
                dir,
                progress: new ConsoleProgressSink(error)
            );
        }
        catch (OperationCanceledException e)
        {
            error.WriteLine(e.Message);
            return Program.Cancelled;
        }
        catch (L5pcDataNotFoundException e)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        string file = Path.Combine(dir, Fig4Experiment.RowsFileName(kind, shard));
        output.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"sweep {synapses} {config.Profile} shard {shard}: {run.Rows.Count} of {config.Points(kind).Count} points ({run.Computed} trained, {run.Reused} from the cache) in {run.WallSeconds:0.0} s -> {file}"
            )
        );
        return Program.Success;
    }

    private static int Merge(string[] inputs, string? outFile, TextWriter output, TextWriter error)
    {
        IReadOnlyList<SweepRow> rows;
        try
        {
            rows = SweepTable.Merge(inputs);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        string path = outFile ?? Path.Combine(KitPaths.Figures(Fig4Config.FigureName), "sweep.csv");
        SweepTable.Write(path, rows);
        output.WriteLine($"{rows.Count} networks from {inputs.Length} path(s) -> {path}");
        return Program.Success;
    }
}
