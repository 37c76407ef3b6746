using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Cli;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Tests.Sources;
using Kit.Tests.Shared;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary><c>kit evaluate</c>: a saved model on a kit dataset folder and on a NeuronIO file, and bad inputs.</summary>
[Collection("process state")]
public sealed class EvaluateCommandTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("kit-evaluate-").FullName;

    /// <summary>An untrained network of <paramref name="channels"/> inputs saved as a model folder.</summary>
    private static string SavedModel(int channels, string dir)
    {
        using var net = CausalNet.Build(CausalNetConfig.L5pc(channels, [5, 3], 4), seed: 1);
        ModelFolder.Save(
            dir,
            net,
            TargetTransform.L5pc,
            new JsonObject { ["profile"] = "test", ["train_seconds"] = 0 }
        );
        return dir;
    }

    private static readonly string[] PaperKeys =
    [
        "auc",
        "auc_ci",
        "tpr_at_fpr_0.002",
        "rmse_mv",
        "rmse_mv_rescaled",
        "rmse_mv_rescaled_ci",
        "variance_explained",
        "variance_explained_rescaled",
        "simulations",
        "simulations_kept",
        "spikes",
        "model_parameters",
        "model",
    ];

    [Fact]
    public void EvaluatesAKitDatasetFolder()
    {
        var root = TempDir();
        var model = SavedModel(6, Path.Combine(root, "model"));
        var data = Path.Combine(root, "data");
        KitFolder.Write(
            data,
            KitFolder.Records(10, channels: 6, durationMs: 800, seed: 3),
            perPart: 4
        );
        var json = Path.Combine(root, "eval.json");

        var (code, output, err) = RunKit(
            "evaluate",
            "--model",
            model,
            "--data",
            data,
            "--json",
            json,
            "--bootstrap",
            "20",
            "--threads",
            "1"
        );

        Assert.True(code == 0, err);
        Assert.Contains("AUC", output);
        Assert.Contains("rmse_mv_rescaled", output);
        Assert.Contains("evaluate", err); // progress goes to stderr
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        foreach (var key in PaperKeys)
            Assert.True(r.TryGetProperty(key, out _), $"missing key {key}");
        Assert.Equal(10, r.GetProperty("simulations").GetInt32());
        Assert.Equal(10, r.GetProperty("simulations_kept").GetInt32()); // 0-3 output spikes each
        Assert.Equal(10 * 300, r.GetProperty("bins").GetInt64());
        Assert.Equal(20, r.GetProperty("protocol").GetProperty("bootstrap_resamples").GetInt32());
        var m = r.GetProperty("model");
        Assert.Equal("neuronkit-model", m.GetProperty("format").GetString());
        Assert.Equal("test", m.GetProperty("training").GetProperty("profile").GetString());
        Assert.Equal(6, m.GetProperty("architecture").GetProperty("channels").GetInt32());
        Assert.True(r.GetProperty("model_parameters").GetInt64() > 0);
    }

    [SkippableFact]
    public void EvaluatesANeuronIoFile()
    {
        var p = SharedData.RequireFile("reference/neuron/l5pc_ampa_fixture.p");
        var root = TempDir();
        var model = SavedModel(1278, Path.Combine(root, "model"));
        var json = Path.Combine(root, "eval.json");
        var (code, _, err) = RunKit(
            "evaluate",
            "--model",
            model,
            "--data",
            p,
            "--json",
            json,
            "--bootstrap",
            "10"
        );
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        foreach (var key in PaperKeys)
            Assert.True(r.TryGetProperty(key, out _), $"missing key {key}");
        Assert.Equal(1, r.GetProperty("simulations").GetInt32());
        Assert.Equal(1, r.GetProperty("simulations_kept").GetInt32());
        Assert.InRange(r.GetProperty("spikes").GetInt32(), 1, 15); // 15 output spikes in the file
        Assert.InRange(r.GetProperty("auc").GetDouble(), 0, 1);
        Assert.Equal(1278, r.GetProperty("model").GetProperty("input_channels").GetInt32());
    }

    [SkippableFact]
    public void MaxSpikesKeepsNeuronsSpikierSimulations()
    {
        // The NMDA reference file: one simulation without spikes, one with 40 (over the paper's 24).
        var p = SharedData.RequireFile("reference/neuron/l5pc_nmda_fixture.p");
        var root = TempDir();
        var model = SavedModel(1278, Path.Combine(root, "model"));
        int Kept(params string[] extra)
        {
            var json = Path.Combine(root, $"eval-{extra.Length}.json");
            var (code, _, err) = RunKit([
                "evaluate",
                "--model",
                model,
                "--data",
                p,
                "--json",
                json,
                "--bootstrap",
                "0",
                .. extra,
            ]);
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            return doc.RootElement.GetProperty("simulations_kept").GetInt32();
        }
        Assert.Equal(1, Kept());
        Assert.Equal(2, Kept("--max-spikes", "1000"));
        var (bad, _, badErr) = RunKit(
            "evaluate",
            "--model",
            model,
            "--data",
            p,
            "--max-spikes",
            "-1"
        );
        Assert.NotEqual(0, bad);
        Assert.Contains("--max-spikes", badErr);
    }

    private static void AssertUsageError((int Code, string Out, string Err) run, string path)
    {
        Assert.Equal(Program.UsageError, run.Code);
        Assert.Contains(path, run.Err);
        Assert.DoesNotContain("   at ", run.Err); // no stack trace
    }

    [Fact]
    public void MissingModelFolderIsAUsageErrorNamingIt()
    {
        var data = Path.Combine(TempDir(), "data");
        KitFolder.Write(data, KitFolder.Records(2, durationMs: 600), perPart: 2);
        AssertUsageError(
            RunKit("evaluate", "--model", "/nonexistent/model-dir", "--data", data),
            "/nonexistent/model-dir"
        );
    }

    [Fact]
    public void ForeignModelFolderIsAUsageErrorNamingIt()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "model.json"), """{"name": "resnet", "layers": 50}""");
        File.WriteAllBytes(Path.Combine(dir, "weights.bin"), [1, 2, 3, 4]);
        var data = Path.Combine(TempDir(), "data");
        KitFolder.Write(data, KitFolder.Records(2, durationMs: 600), perPart: 2);
        AssertUsageError(RunKit("evaluate", "--model", dir, "--data", data), dir);
    }

    [Fact]
    public void MissingDataPathIsAUsageErrorNamingIt()
    {
        var model = SavedModel(6, Path.Combine(TempDir(), "model"));
        AssertUsageError(
            RunKit("evaluate", "--model", model, "--data", "/nonexistent/data.p"),
            "/nonexistent/data.p"
        );
    }

    [Fact]
    public void AFileThatIsNotAPickleIsAUsageErrorNamingIt()
    {
        var root = TempDir();
        var model = SavedModel(6, Path.Combine(root, "model"));
        var p = Path.Combine(root, "notes.p");
        File.WriteAllText(p, "these are not simulations\n");
        AssertUsageError(RunKit("evaluate", "--model", model, "--data", p), p);
    }

    [Fact]
    public void ADatasetFolderWithoutManifestIsAUsageErrorNamingIt()
    {
        var root = TempDir();
        var model = SavedModel(6, Path.Combine(root, "model"));
        var data = Path.Combine(root, "data");
        KitFolder.Write(data, KitFolder.Records(2, durationMs: 600), perPart: 2);
        File.Delete(Path.Combine(data, "manifest.json"));
        AssertUsageError(RunKit("evaluate", "--model", model, "--data", data), data);
    }

    [Fact]
    public void DataOfAnotherChannelCountIsAUsageErrorNamingIt()
    {
        var root = TempDir();
        var model = SavedModel(8, Path.Combine(root, "model"));
        var data = Path.Combine(root, "data");
        KitFolder.Write(data, KitFolder.Records(2, channels: 6, durationMs: 600), perPart: 2);
        AssertUsageError(RunKit("evaluate", "--model", model, "--data", data), data);
    }
}
