using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit simulate l23 random|sequence|in-out</c>: the Branco et al. (2010) L2/3 basal branch
/// (<see cref="BrancoBranch"/>): a dataset under the random input regime (<see cref="BrancoDataset"/>), one ordered
/// sequence, and Branco's IN vs OUT protocol (<see cref="BrancoSequences"/>).
/// </summary>
internal static class SimulateL23Commands
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The <c>l23</c> subcommand group of <c>simulate</c>.</summary>
    public static Command Create()
    {
        var group = new Command(
            "l23",
            "The Branco et al. (2010) L2/3 basal branch: rc19 cell, passive, nine AMPA+NMDA synapses on dend[13] "
                + "(synapse 0 most distal, 8 at the branch point)."
        );
        group.Subcommands.Add(Random());
        group.Subcommands.Add(Sequence());
        group.Subcommands.Add(InOut());
        return group;
    }

    private static Command Random()
    {
        var simulations = new Option<int>("--simulations")
        {
            Description = "Simulations in the dataset.",
            HelpName = "N",
            Required = true,
        }.AtLeastOne();
        var seed = new Option<long>("--seed")
        {
            Description =
                "Seed, 0..2^32-1; simulation i draws its input from its own stream [seed, i].",
            HelpName = "S",
            Required = true,
        }.Between(0L, uint.MaxValue);
        var file = new Option<FileInfo?>("--out")
        {
            Description =
                "Dataset file (the kit's .npz dataset format: 9 input channels, soma voltage at 1 ms), written "
                + "atomically; its folder must exist. An existing file is never overwritten: the same command again "
                + "does nothing, a different dataset there is refused.",
            HelpName = "FILE",
            Required = true,
        }.InExistingFolder();
        var duration = new Option<int>("--duration-ms")
        {
            Description = "Length of each simulation (ms).",
            HelpName = "MS",
            DefaultValueFactory = _ => BrancoRandomInputConfig.Paper.DurationMs,
        }.AtLeastOne();
        var rate = SharedOptions.Parsed(
            "--spikes-per-100ms",
            "LOW-HIGH",
            "Range of the branch's input rate, all nine synapses together (spikes per 100 ms), a value drawn "
                + "uniformly for every period of K ms (K in 25-300 ms, smoothed by a Gaussian of 10-100 ms); default "
                + "0-15, the paper's.",
            ParseSpikeRate
        );
        var threads = SharedOptions.Threads();
        var command = new Command(
            "random",
            "Simulate the branch under the paper's random input (nine Poisson trains sharing one smoothed, piecewise "
                + "constant rate) and write a dataset. Deterministic for a seed on any number of threads."
        )
        {
            simulations,
            seed,
            file,
            duration,
            rate,
            threads,
        };
        SetAction(
            command,
            (parse, output, error) =>
                RunRandom(
                    parse.GetValue(simulations),
                    parse.GetValue(seed),
                    parse.GetValue(file)!,
                    new BrancoDatasetConfig(
                        BrancoRandomInputConfig.Paper with
                        {
                            DurationMs = parse.GetValue(duration),
                            BranchSpikesPer100Ms =
                                parse.GetValue(rate)
                                ?? BrancoRandomInputConfig.Paper.BranchSpikesPer100Ms,
                        }
                    ),
                    parse.GetValue(threads),
                    output,
                    error
                )
        );
        return command;
    }

    private static Command Sequence()
    {
        var order = SharedOptions.Parsed(
            "--order",
            "in|out|i,j,...",
            "Activation order: in (0,1,...,8: distal to proximal, towards the soma), out (8,7,...,0) or a comma list "
                + "of distinct synapse indices, e.g. 0,4,2,8,1,3,7,5,6 (synapses not listed stay silent).",
            ParseOrder
        );
        order.Required = true;
        var interval = new Option<double>("--interval-ms")
        {
            Description =
                $"Interval between consecutive activations (ms, >= 0); the first comes at {BrancoBranch.SequenceStartMs} ms "
                + $"of a {BrancoSequences.RunMs} ms run.",
            HelpName = "DT",
            Required = true,
        }.NonNegative();
        var json = SharedOptions
            .Json("the peaks, the directionality index and the 1 ms soma and dend[13](0.5) traces")
            .InExistingFolder();
        var command = new Command(
            "sequence",
            "One ordered sequence: peak somatic depolarisation (mV above -75) and its time, the dend[13](0.5) peak, "
                + "and the order's directionality index (+1 towards the soma, -1 away)."
        )
        {
            order,
            interval,
            json,
        };
        SetAction(
            command,
            (parse, output, error) =>
                RunSequence(
                    parse.GetValue(order)!,
                    parse.GetValue(interval),
                    parse.GetValue(json),
                    output,
                    error
                )
        );
        return command;
    }

    private static Command InOut()
    {
        var intervals = SharedOptions.Parsed(
            "--intervals-ms",
            "DT,DT,...",
            "Intervals between consecutive activations (ms, >= 0); the default is Branco's figure's.",
            ParseIntervals
        );
        intervals.DefaultValueFactory = _ => [0, 1, 2, 3, 4, 5, 6, 7, 8];
        var json = SharedOptions
            .Json("the table, the ratio and every run (peaks, 1 ms soma and dend[13](0.5) traces)")
            .InExistingFolder();
        var command = new Command(
            "in-out",
            "Branco's protocol: IN (distal to proximal) and OUT (proximal to distal) at each interval, their peak "
                + "somatic depolarisations and the whole-curve ratio sum(IN)/sum(OUT) over the intervals > 0."
        )
        {
            intervals,
            json,
        };
        SetAction(
            command,
            (parse, output, error) =>
                RunInOut(parse.GetValue(intervals)!, parse.GetValue(json), output, error)
        );
        return command;
    }

    private static int RunRandom(
        int simulations,
        long seed,
        FileInfo file,
        BrancoDatasetConfig config,
        int threads,
        TextWriter output,
        TextWriter error
    )
    {
        if (file.Exists)
            return AlreadyThere(file, config, seed, simulations, output, error);
        var clock = Stopwatch.StartNew();
        var dataset = BrancoDataset.Generate(
            config,
            simulations,
            seed,
            new ConsoleProgressSink(error),
            maxThreads: threads
        );
        DatasetFile.Write(file.FullName, dataset);
        var sims = dataset.Simulations;
        double bins = (double)simulations * config.Input.DurationMs;
        double sum = 0,
            max = double.NegativeInfinity;
        foreach (var v in sims.SelectMany(s => s.SomaVoltageMv))
        {
            sum += v;
            max = Math.Max(max, v);
        }
        output.WriteLine(
            string.Create(
                C,
                $"simulate l23 random: {simulations} simulations x {config.Input.DurationMs} ms, seed {seed}: "
                    + $"{BrancoDataset.BranchSpikesPer100Ms(sims):0.00} input spikes per 100 ms on average, "
                    + $"soma depolarisation mean {sum / bins - BrancoBranch.VInitMv:0.000} mV, max {max - BrancoBranch.VInitMv:0.000} mV; "
                    + $"{clock.Elapsed.TotalSeconds:0.0} s; wrote {file.FullName}"
            )
        );
        return Program.Success;
    }

    /// <summary>
    /// An existing <c>--out</c> is never overwritten (as <c>simulate l5pc</c> never rewrites a part): the same
    /// dataset there is nothing to do, anything else is refused.
    /// </summary>
    private static int AlreadyThere(
        FileInfo file,
        BrancoDatasetConfig config,
        long seed,
        int simulations,
        TextWriter output,
        TextWriter error
    )
    {
        DatasetFileHeader header;
        try
        {
            header = DatasetFile.ReadHeader(file.FullName);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            error.WriteLine(
                $"--out {file.FullName} exists and is not a readable dataset ({e.Message}); it is left as it is."
            );
            return Program.UsageError;
        }
        var wanted = BrancoDataset.Metadata(config, seed);
        if (
            header.Metadata.Generator == wanted.Generator
            && header.Metadata.Seed == seed
            && header.Metadata.ConfigJson == wanted.ConfigJson
            && header.Simulations == simulations
        )
        {
            output.WriteLine(
                $"nothing to do: {file.FullName} already holds this dataset ({simulations} simulations, seed {seed})"
            );
            return Program.Success;
        }
        error.WriteLine(
            $"--out {file.FullName} already holds a different dataset ({header.Simulations} simulations, seed "
                + $"{header.Metadata.Seed}, {header.Metadata.Generator}) and is not overwritten; remove it or choose another file."
        );
        return Program.UsageError;
    }

    private static int RunSequence(
        ImmutableArray<int> order,
        double intervalMs,
        FileInfo? json,
        TextWriter output,
        TextWriter error
    )
    {
        if (PastTheRun("--interval-ms", order.Length, intervalMs) is { } problem)
        {
            error.WriteLine(problem);
            return Program.UsageError;
        }
        var run = BrancoSequences.Run(
            new BrancoBranch(),
            [order],
            intervalMs,
            progress: new ConsoleProgressSink(error),
            maxThreads: 1
        )[0];
        var t = run.Trace;
        output.WriteLine(
            string.Create(
                C,
                $"order {string.Join(',', order)}{(run.Name is "IN" or "OUT" ? $" ({run.Name})" : "")} at {intervalMs} ms: "
                    + $"peak soma depolarisation {t.PeakSomaDepolarisationMv:0.000} mV at {t.PeakSomaTimeMs:0.###} ms, "
                    + $"dend[13](0.5) peak {t.PeakDendriteDepolarisationMv:0.000} mV, directionality index "
                    + $"{run.DirectionalityIndex:0.###}"
            )
        );
        WriteJson(json, RunJson(run), output);
        return Program.Success;
    }

    private static int RunInOut(
        double[] intervals,
        FileInfo? json,
        TextWriter output,
        TextWriter error
    )
    {
        var (ins, outs) = BrancoSequences.InAndOut(
            new BrancoBranch(),
            intervals,
            progress: new ConsoleProgressSink(error)
        );
        var table = ConsoleTables.Create(
            ConsoleTables.Number("interval (ms)"),
            ConsoleTables.Number("IN peak (mV)"),
            ConsoleTables.Number("OUT peak (mV)"),
            ConsoleTables.Number("IN/OUT")
        );
        for (int i = 0; i < intervals.Length; i++)
            table.AddTextRow(
                intervals[i].ToString("0.###", C),
                ins[i].PeakSomaMv.ToString("0.000", C),
                outs[i].PeakSomaMv.ToString("0.000", C),
                (ins[i].PeakSomaMv / outs[i].PeakSomaMv).ToString("0.000", C)
            );
        ConsoleTables.Write(output, table);
        var positive = Enumerable.Range(0, intervals.Length).Where(i => intervals[i] > 0).ToArray();
        double ratioOrNaN = BrancoSequences.InOutRatio(
            intervals,
            [.. ins.Select(r => r.PeakSomaMv)],
            [.. outs.Select(r => r.PeakSomaMv)]
        );
        double? ratio = double.IsNaN(ratioOrNaN) ? null : ratioOrNaN;
        output.WriteLine(
            ratio is { } r
                ? string.Create(
                    C,
                    $"sum(IN)/sum(OUT) over the {positive.Length} intervals > 0 ms: {r:0.000}"
                )
                : "sum(IN)/sum(OUT): no interval > 0 ms"
        );
        WriteJson(
            json,
            new Dictionary<string, object?>
            {
                ["intervals_ms"] = intervals,
                ["in_peak_soma_depolarisation_mv"] = ins.Select(r => r.PeakSomaMv),
                ["out_peak_soma_depolarisation_mv"] = outs.Select(r => r.PeakSomaMv),
                ["ratio_of_sums"] = ratio,
                ["ratio_intervals_ms"] = positive.Select(i => intervals[i]),
                ["runs"] = ins.Zip(outs, (a, b) => new[] { RunJson(a), RunJson(b) })
                    .SelectMany(p => p),
            },
            output
        );
        return Program.Success;
    }

    private static Dictionary<string, object?> RunJson(BrancoSequenceRun run) =>
        new()
        {
            ["name"] = run.Name,
            ["order"] = run.Order,
            ["interval_ms"] = run.IntervalMs,
            ["first_activation_ms"] = BrancoBranch.SequenceStartMs,
            ["directionality_index"] = run.DirectionalityIndex,
            ["v_init_mv"] = BrancoBranch.VInitMv,
            ["peak_soma_depolarisation_mv"] = run.Trace.PeakSomaDepolarisationMv,
            ["peak_soma_time_ms"] = run.Trace.PeakSomaTimeMs,
            ["peak_dendrite_depolarisation_mv"] = run.Trace.PeakDendriteDepolarisationMv,
            ["sample_interval_ms"] = run.Trace.SampleIntervalMs,
            ["soma_v_mv"] = run.Trace.SomaVMv,
            ["dendrite_v_mv"] = run.Trace.DendriteVMv,
        };

    private static void WriteJson(FileInfo? json, object document, TextWriter output)
    {
        if (json == null)
            return;
        AtomicFile.WriteAllText(
            json.FullName,
            JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true })
                + "\n"
        );
        output.WriteLine($"result: {json.FullName}");
    }

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="run"/> with the invocation's output and error
    /// writers; Ctrl+C ends it with <see cref="Program.Cancelled"/>.
    /// </summary>
    private static void SetAction(
        Command command,
        Func<ParseResult, TextWriter, TextWriter, int> run
    ) =>
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return run(parse, parse.InvocationConfiguration.Output, error);
            }
            catch (OperationCanceledException e)
            {
                error.WriteLine(e.Message);
                return Program.Cancelled;
            }
        });

    /// <summary>
    /// Null when the last of <paramref name="synapses"/> activations <paramref name="intervalMs"/> apart comes inside
    /// the <see cref="BrancoSequences.RunMs"/> ms run, else the error naming <paramref name="option"/>.
    /// </summary>
    private static string? PastTheRun(string option, int synapses, double intervalMs)
    {
        double last = BrancoBranch.SequenceStartMs + (synapses - 1) * intervalMs;
        return last < BrancoSequences.RunMs
            ? null
            : string.Create(
                C,
                $"{option} {intervalMs}: the last of {synapses} activations would come at {last} ms, not inside the "
                    + $"{BrancoSequences.RunMs} ms run (first at {BrancoBranch.SequenceStartMs} ms)."
            );
    }

    private static ImmutableArray<int> ParseOrder(string text)
    {
        if (text.Equals("in", StringComparison.OrdinalIgnoreCase))
            return BrancoBranch.InOrder;
        if (text.Equals("out", StringComparison.OrdinalIgnoreCase))
            return BrancoBranch.OutOrder;
        var order = CommaList<int>(
            text,
            "--order",
            $"a synapse index 0..{BrancoBranch.Synapses - 1}",
            s =>
                int.TryParse(s, NumberStyles.None, C, out var v) && v < BrancoBranch.Synapses
                    ? v
                    : null
        );
        if (order.GroupBy(s => s).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            throw new FormatException($"--order '{text}': synapse {repeated.Key} appears twice.");
        if (order.Length < 2)
            throw new FormatException(
                $"--order '{text}': name at least two synapses (in, out, or distinct indices 0..8)."
            );
        return order;
    }

    private static double[] ParseIntervals(string text)
    {
        var intervals = CommaList<double>(
            text,
            "--intervals-ms",
            "an interval >= 0 ms",
            s =>
                double.TryParse(s, NumberStyles.Float, C, out var v) && v >= 0 && double.IsFinite(v)
                    ? v
                    : null
        );
        foreach (var dt in intervals)
            if (PastTheRun("--intervals-ms", BrancoBranch.Synapses, dt) is { } e)
                throw new FormatException(e);
        return [.. intervals];
    }

    private static SpikeCountRange ParseSpikeRate(string text)
    {
        var parts = text.Split('-');
        const NumberStyles number = NumberStyles.AllowDecimalPoint;
        if (
            parts.Length == 2
            && double.TryParse(parts[0], number, C, out var low)
            && double.TryParse(parts[1], number, C, out var high)
            && low <= high
            && high <= 900
        )
            return new SpikeCountRange(low, high);
        throw new FormatException(
            $"--spikes-per-100ms '{text}' must be LOW-HIGH with 0 <= LOW <= HIGH <= 900 (one spike per synapse per ms), e.g. 0-15."
        );
    }

    /// <summary>The comma-separated items of <paramref name="text"/>; an item <paramref name="item"/> refuses (null) is a <see cref="FormatException"/> naming the option.</summary>
    private static ImmutableArray<T> CommaList<T>(
        string text,
        string option,
        string expected,
        Func<string, T?> item
    )
        where T : struct =>
        [
            .. text.Split(',')
                .Select(part =>
                    item(part.Trim())
                    ?? throw new FormatException(
                        $"{option} '{text}': '{part.Trim()}' is not {expected}."
                    )
                ),
        ];
}
