using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Simulation;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit bench frontier</c>: the simulator's accuracy/speed frontier, each setting against NEURON's CVODE on every
/// NEURON file of the reference folder and benchmarked under the paper's input (<see cref="MethodFrontier"/>).
/// </summary>
internal static class FrontierCommand
{
    /// <summary>The <c>frontier</c> subcommand of <c>bench</c>.</summary>
    public static Command Create()
    {
        var morphology = SharedOptions.MorphologyFile("The Hay reconstruction (cell1.asc).");
        var reference = new Option<DirectoryInfo?>("--reference")
        {
            Description =
                "Folder of NEURON's files (l5pc_nmda_fixture.p, l5pc_ampa_fixture.p, l5pc_nmda_burst_case.json); "
                + "default: reference/neuron in the shared reference folder (NEURONKIT_SHARED or ../shared).",
            HelpName = "DIR",
        };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Simulated seconds per trial of each throughput benchmark.",
            DefaultValueFactory = _ => 2.0,
        }.Positive();
        var json = SharedOptions.Json("the table");
        var command = new Command(
            "frontier",
            "Accuracy against NEURON's CVODE (spike match, soma RMS, the burst case's doublet) and throughput of the "
                + "simulator's settings: neuron, fast, Crank-Nicolson dt 0.0125, refined, converged. Takes about 15 min."
        )
        {
            morphology,
            reference,
            seconds,
            json,
        };
        command.SetAction(parse =>
            Run(
                parse.GetValue(morphology)!,
                parse.GetValue(reference),
                parse.GetValue(seconds),
                parse.GetValue(json),
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return command;
    }

    private static int Run(
        FileInfo morphology,
        DirectoryInfo? reference,
        double seconds,
        FileInfo? json,
        TextWriter output,
        TextWriter error
    )
    {
        var dir =
            reference?.FullName
            ?? (
                KitPaths.Shared() is { } shared ? Path.Combine(shared, "reference", "neuron") : null
            );
        if (dir == null)
        {
            error.WriteLine(
                "error: no reference folder: pass --reference DIR or set NEURONKIT_SHARED to the shared folder"
            );
            return Program.UsageError;
        }
        IReadOnlyList<FrontierRow> rows;
        try
        {
            rows = MethodFrontier.Measure(
                dir,
                morphology.FullName,
                MethodFrontier.Default,
                seconds,
                line => error.WriteLine(line),
                m => ChildProcessSpeed(morphology.FullName, m, seconds)
            );
        }
        catch (Exception e)
            when (e is IOException or InvalidDataException or InvalidOperationException)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        var c = CultureInfo.InvariantCulture;
        var table = ConsoleTables.Create(
            ConsoleTables.Text("setting"),
            ConsoleTables.Text("scheme"),
            ConsoleTables.Number("dt (ms)"),
            ConsoleTables.Number("spike match vs CVODE"),
            ConsoleTables.Number("fixtures soma RMS (mV)"),
            ConsoleTables.Text("burst doublet"),
            ConsoleTables.Number("burst spikes within 0.25 ms"),
            ConsoleTables.Number("burst soma RMS (mV)"),
            ConsoleTables.Number("s wall / simulated s (8 lanes)"),
            ConsoleTables.Number("steps refined"),
            ConsoleTables.Number("latency (1 lane)")
        );
        foreach (var r in rows)
            table.AddTextRow(
                r.Method,
                r.Scheme,
                r.DtMs.ToString("0.####", c),
                string.Create(
                    c,
                    $"{r.SpikeMatchFraction:0.000} ({r.Matched}/{r.ReferenceSpikes}, kit {r.KitSpikes})"
                ),
                r.FixtureSomaRmsMv.ToString("0.0000", c),
                r.BurstDoublet ? "yes" : "no",
                r.BurstSpikesWithin025Ms,
                r.BurstSomaRmsMv.ToString("0.000", c),
                r.WallSPerSimulatedS.ToString("0.000", c),
                r.RefinedStepFraction.ToString("P1", c),
                r.LatencyWallSPerSimulatedS.ToString("0.000", c)
            );
        ConsoleTables.Write(output, table);
        if (json != null)
            AtomicFile.WriteAllText(
                json.FullName,
                JsonSerializer.Serialize(
                    rows,
                    new JsonSerializerOptions
                    {
                        WriteIndented = true,
                        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
                    }
                ) + "\n"
            );
        return 0;
    }

    /// <summary>
    /// Runs <c>kit bench simulate</c> for <paramref name="m"/> in a fresh process (8 lanes, 1 thread) and reads its JSON:
    /// every setting starts from the same JIT state.
    /// </summary>
    private static FrontierSpeed ChildProcessSpeed(
        string morphology,
        FrontierMethod m,
        double seconds
    )
    {
        var json = Path.Combine(Path.GetTempPath(), $"kit-frontier-{Guid.NewGuid():N}.json");
        var start = new System.Diagnostics.ProcessStartInfo(
            Environment.ProcessPath ?? throw new InvalidOperationException("no process path")
        )
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // `dotnet kit.dll ...` runs with the host as the process: pass the assembly first.
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
            start.ArgumentList.Add(typeof(FrontierCommand).Assembly.Location);
        foreach (
            var a in new[]
            {
                "bench",
                "simulate",
                "--morphology",
                morphology,
                "--seconds",
                seconds.ToString(CultureInfo.InvariantCulture),
                "--threads",
                "1",
                "--lanes",
                "8",
                "--json",
                json,
            }.Concat(m.BenchArguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        )
            start.ArgumentList.Add(a);
        using var process =
            System.Diagnostics.Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"kit bench simulate {m.BenchArguments} failed ({process.ExitCode}): {stderr.Result.Trim()}"
            );
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var r = doc.RootElement;
            return new FrontierSpeed(
                r.GetProperty("wall_s_per_simulated_s").GetDouble(),
                r.GetProperty("refined_step_fraction").GetDouble(),
                r.GetProperty("single_trial_wall_s_per_simulated_s").GetDouble()
            );
        }
        finally
        {
            File.Delete(json);
        }
    }
}
