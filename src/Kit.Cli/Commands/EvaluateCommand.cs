using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Learning;
using Kit.Learning.Evaluation;
using Kit.Learning.Metrics;
using Kit.Learning.Models;
using Kit.Neuron.Data.Sources;

namespace Kit.Cli.Commands;

/// <summary>
/// <c>kit evaluate --model DIR --data PATH...</c>: a saved network (<see cref="ModelFolder"/>) evaluated on a
/// dataset with the paper's protocol (<see cref="PaperEvaluation"/>), streamed a block at a time, with bootstrap
/// intervals over simulations.
/// </summary>
internal static class EvaluateCommand
{
    /// <summary>The <c>evaluate</c> command.</summary>
    public static Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description =
                "A model folder (model.json + weights.bin, as ModelFolder.Save writes it).",
            HelpName = "DIR",
            Required = true,
        };
        var data = new Option<string[]>("--data")
        {
            Description =
                "The test data: a kit dataset folder (with manifest.json), or NeuronIO .p files or folders of "
                + "them (the paper's release).",
            HelpName = "PATH",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var json = SharedOptions.Json("the numbers, their intervals, the counts and the model");
        var bootstrap = new Option<int>("--bootstrap")
        {
            Description =
                "Bootstrap replicates over simulations for the 95 % intervals (0: no intervals).",
            HelpName = "N",
            DefaultValueFactory = _ => PaperEvaluationConfig.Paper.BootstrapResamples,
        };
        bootstrap.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 and var n)
                result.AddError($"--bootstrap {n} must be at least 0.");
        });
        var maxSpikes = new Option<int>("--max-spikes")
        {
            Description =
                "Keep simulations with at most N output spikes (the paper: 24). NEURON's few reference simulations "
                + "need more: the NMDA file's only spiking simulation has 40.",
            HelpName = "N",
            DefaultValueFactory = _ => PaperEvaluationConfig.Paper.MaxSpikes,
        };
        maxSpikes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 and var n)
                result.AddError($"--max-spikes {n} must be at least 0.");
        });
        var threads = new Option<int>("--threads")
        {
            Description =
                $"CPU threads for the network and the bootstrap (default: {TorchSetup.ThreadsVariable} if set, "
                + "else every core); does not change the numbers.",
            HelpName = "N",
            DefaultValueFactory = _ => TorchSetup.DefaultThreads,
        }.AtLeastOne();
        var command = new Command(
            "evaluate",
            "Evaluate a trained network with the paper's protocol: the first 500 ms of every simulation dropped, "
                + "simulations with 0-24 output spikes kept, AUC over all kept 1 ms bins, TPR at FPR 0.002, soma "
                + "RMSE and variance explained (raw and rescaled) on the voltage clipped at the model's clip, with "
                + "bootstrap 95 % intervals over simulations."
        )
        {
            model,
            data,
            json,
            bootstrap,
            maxSpikes,
            threads,
        };
        command.SetAction(parse =>
            Run(
                parse.GetValue(model)!,
                parse.GetValue(data)!,
                parse.GetValue(json),
                parse.GetValue(bootstrap),
                parse.GetValue(maxSpikes),
                parse.GetValue(threads),
                parse.InvocationConfiguration.Output,
                parse.InvocationConfiguration.Error
            )
        );
        return command;
    }

    private static int Run(
        string modelFolder,
        string[] data,
        FileInfo? json,
        int bootstrap,
        int maxSpikes,
        int threads,
        TextWriter output,
        TextWriter error
    )
    {
        TorchSetup.Configure(threads);
        if (ModelFolderLoading.TryLoad(modelFolder, error) is not { } saved)
            return Program.UsageError;
        using var _ = saved;
        var config = PaperEvaluationConfig.Paper with
        {
            BootstrapResamples = bootstrap,
            MaxSpikes = maxSpikes,
            Threads = threads,
        };
        PaperEvaluationResult result;
        ISimulationSource source;
        try
        {
            source = SimulationSources.Open(data);
            result = PaperEvaluation.Run(
                saved.Model,
                saved.Target,
                source,
                config,
                new ConsoleProgressSink(error)
            );
        }
        catch (OperationCanceledException e)
        {
            error.WriteLine(e.Message);
            return Program.Cancelled;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
        {
            error.WriteLine(e.Message);
            return Program.UsageError;
        }

        var c = CultureInfo.InvariantCulture;
        long parameters = saved.Model.ParameterCount();
        output.WriteLine(
            string.Create(
                c,
                $"model {saved.Folder}: {parameters:N0} parameters, history {saved.Config.HistoryMs} ms; "
                    + $"data {source.Name}"
            )
        );
        ConsoleTables.Write(output, Table(result));
        var p = result.Config;
        output.WriteLine(
            string.Create(
                c,
                $"{result.SimulationsKept} of {result.Simulations} simulations kept ({p.MinSpikes}-{p.MaxSpikes} "
                    + $"output spikes), {result.Bins:N0} bins after the first {p.DropFirstMs} ms, "
                    + $"{result.Spikes:N0} spike bins; {p.BootstrapResamples} bootstrap replicates; "
                    + $"{result.Elapsed.TotalSeconds:0.0} s"
            )
        );
        if (json != null)
        {
            var o = result.ToJsonObject();
            o["model_parameters"] = parameters;
            o["model"] = ModelJson(saved);
            AtomicFile.WriteAllText(
                json.FullName,
                o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"
            );
            output.WriteLine($"json: {json.FullName}");
        }
        return Program.Success;
    }

    /// <summary>The headline numbers with their intervals.</summary>
    private static Spectre.Console.Table Table(PaperEvaluationResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var level = r.Config.Confidence.ToString("0%", c);
        var table = ConsoleTables.Create(
            ConsoleTables.Text("metric"),
            ConsoleTables.Number("value"),
            ConsoleTables.Number($"{level} interval"),
            ConsoleTables.Text("key")
        );
        void Row(string name, double value, ConfidenceInterval ci, string key, string format) =>
            table.AddTextRow(
                name,
                double.IsFinite(value) ? value.ToString(format, c) : "n/a",
                double.IsFinite(ci.Lo) && double.IsFinite(ci.Hi)
                    ? $"[{ci.Lo.ToString(format, c)}, {ci.Hi.ToString(format, c)}]"
                    : "-",
                key
            );
        Row("AUC", r.Auc, r.AucCi, "auc", "0.0000");
        Row($"TPR at FPR {r.Config.Fpr.ToString(c)}", r.TprAtFpr, r.TprCi, r.TprKey, "0.0000");
        Row(
            "soma RMSE (mV), rescaled",
            r.RmseMvRescaled,
            r.RmseMvRescaledCi,
            "rmse_mv_rescaled",
            "0.000"
        );
        Row("soma RMSE (mV), raw", r.RmseMv, r.RmseMvCi, "rmse_mv", "0.000");
        Row(
            "variance explained, rescaled",
            r.VarianceExplainedRescaled,
            r.VarianceExplainedRescaledCi,
            "variance_explained_rescaled",
            "0.0000"
        );
        Row(
            "variance explained, raw",
            r.VarianceExplained,
            r.VarianceExplainedCi,
            "variance_explained",
            "0.0000"
        );
        return table;
    }

    /// <summary>The model folder's model.json (architecture, target, training record, kit version) and its path.</summary>
    private static JsonObject ModelJson(SavedModel saved)
    {
        var path = Path.Combine(saved.Folder, ModelFolder.ModelFile);
        var o =
            JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? new JsonObject { ["training"] = saved.Training?.DeepClone() };
        o["folder"] = Path.GetFullPath(saved.Folder);
        return o;
    }
}
