using System.CommandLine;
using System.Globalization;
using Kit.Core;
using Kit.Neuron.Data.NeuronIo;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit validate &lt;file.p&gt; --morphology &lt;file.asc&gt;</c>: re-simulates every simulation of a NeuronIO
/// file (the paper's dataset format) from its recorded inputs and compares soma voltage and output spikes.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>The <c>validate</c> command.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description =
                "A NeuronIO pickle (.p) written by the paper's dataset script or your own NEURON runs.",
        }.AcceptExistingOnly();
        var morphology = SharedOptions.Morphology("The reconstruction the file was simulated on");
        var json = SharedOptions.Json("the report (per simulation and pooled)");
        var method = SharedOptions.Method();
        var simulations = new Option<int?>("--simulations")
        {
            Description = "Compare only the first N simulations of the file (default: all).",
            HelpName = "N",
        };
        simulations.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 and var n)
                result.AddError($"--simulations {n} must be at least 1.");
        });
        var engine = SharedOptions.Engine();
        var command = new Command(
            "validate",
            "Re-simulate a NeuronIO file's recorded inputs with the kit and compare: soma RMS (1 ms traces clipped "
                + "at -55 mV, pooled) and spike match (2 x matched / (reference + kit), +-2 ms, pooled)."
        )
        {
            file,
            morphology,
            json,
            method,
            simulations,
            engine,
        };
        command.SetAction(parse =>
            Run(
                parse.GetValue(file)!,
                parse.GetValue(morphology)!,
                parse.GetValue(json),
                parse.GetValue(method)!,
                parse.GetValue(simulations),
                parse.GetValue(engine)!,
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return command;
    }

    private static int Run(
        FileInfo file,
        string morphologyName,
        FileInfo? json,
        Named<SimulationOptions> method,
        int? simulations,
        Named<SimulationEngine> engine,
        TextWriter output,
        TextWriter error
    )
    {
        using var batchEngine = SharedOptions.OpenEngine(engine.Value, error, out bool noDevice);
        if (noDevice)
            return Program.UsageError;
        Morphology morphology;
        try
        {
            morphology = Morphology.Load(morphologyName);
        }
        catch (Exception e)
            when (e is IOException or MorphologyFormatException or ArgumentException)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        NeuronIoValidationReport report;
        try
        {
            report = NeuronIoValidation.Run(
                file.FullName,
                morphology,
                new NeuronIoValidationOptions
                {
                    Simulation = method.Value,
                    MaxSimulations = simulations,
                    Engine = batchEngine,
                    // One device batch holds every simulation of the file; the CPU engine keeps its 4 lanes.
                    MaxLanes = batchEngine != null ? int.MaxValue : 4,
                },
                Progress.DefaultSink()
            );
        }
        catch (Exception e) when (e is InvalidDataException or PickleFormatException)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }
        var c = CultureInfo.InvariantCulture;
        var table = ConsoleTables.Create(
            ConsoleTables.Number("simulation"),
            ConsoleTables.Number("soma RMS (mV)"),
            ConsoleTables.Number("reference spikes"),
            ConsoleTables.Number("kit spikes"),
            ConsoleTables.Number("matched"),
            ConsoleTables.Number("match")
        );
        foreach (var r in report.Rows)
            table.AddTextRow(
                r.Simulation.ToString(c),
                r.SomaRmsMv.ToString("0.0000", c),
                r.ReferenceSpikes.ToString(c),
                r.KitSpikes.ToString(c),
                r.MatchedSpikes.ToString(c),
                r.SpikeMatchFraction.ToString("0.000", c)
            );
        ConsoleTables.Write(output, table);
        output.WriteLine(
            string.Create(
                c,
                $"{report.Simulations} simulations ({report.ExcitatorySynapseType}, {report.Method} dt {report.DtMs} ms, "
                    + $"{report.WallSeconds:0.0} s): soma_rms_mv {report.SomaRmsMv:0.0000}, spike_match_fraction "
                    + $"{report.SpikeMatchFraction:0.000} ({report.ReferenceSpikes} reference, {report.KitSpikes} kit spikes)"
            )
        );
        if (json != null)
        {
            AtomicFile.WriteAllText(json.FullName, report.ToJson() + "\n");
            output.WriteLine($"report: {json.FullName}");
        }
        return Program.Success;
    }
}
