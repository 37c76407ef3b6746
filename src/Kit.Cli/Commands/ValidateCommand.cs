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
        };
        var morphology = new Option<string>("--morphology")
        {
            Description =
                "The reconstruction the file was simulated on: a path (.asc, .swc) or a catalog name (Hay2011).",
            Required = true,
        };
        var json = new Option<FileInfo?>("--json")
        {
            Description = "Also write the report as JSON to this file.",
        };
        var method = new Option<string>("--method")
        {
            Description = MethodOption.Description,
            DefaultValueFactory = _ => "accurate",
        };
        var simulations = new Option<int?>("--simulations")
        {
            Description = "Compare only the first N simulations of the file.",
        };
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
        };
        command.SetAction(parse =>
            Run(
                parse.GetValue(file)!,
                parse.GetValue(morphology)!,
                parse.GetValue(json),
                parse.GetValue(method)!,
                parse.GetValue(simulations),
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
        string method,
        int? simulations,
        TextWriter output,
        TextWriter error
    )
    {
        if (!file.Exists)
        {
            error.WriteLine($"NeuronIO file '{file.FullName}' does not exist.");
            return Program.UsageError;
        }
        if (MethodOption.Parse(method, error) is not { } simulation)
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
                    Simulation = simulation,
                    MaxSimulations = simulations,
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
        output.WriteLine(
            $"{"simulation", 10} {"soma RMS (mV)", 14} {"reference", 9} {"kit", 5} {"matched", 7} {"match", 6}"
        );
        foreach (var r in report.Rows)
            output.WriteLine(
                string.Create(
                    c,
                    $"{r.Simulation, 10} {r.SomaRmsMv, 14:0.0000} {r.ReferenceSpikes, 9} {r.KitSpikes, 5} {r.MatchedSpikes, 7} {r.SpikeMatchFraction, 6:0.000}"
                )
            );
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
