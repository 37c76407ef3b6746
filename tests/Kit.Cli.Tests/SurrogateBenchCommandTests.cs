using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Cli;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Tests.Shared;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary>
/// <c>kit bench surrogate</c>: the JSON keys and how they relate (timings themselves are not asserted), and bad model
/// folders and synapse kinds as one-line usage errors naming what is wrong.
/// </summary>
[Collection("process state")]
public sealed class SurrogateBenchCommandTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("kit-surrogate-").FullName;

    // Kernels 5 and 3, 4 units: 5·1278·4 + 3·4·4 + 4·2 multiply-adds per ms.
    private static readonly CausalNetConfig Tiny = CausalNetConfig.L5pc(1278, [5, 3], 4);

    /// <summary>An untrained network saved as a model folder, recording <paramref name="synapses"/> when given.</summary>
    private static string SavedModel(
        string dir,
        CausalNetConfig? config = null,
        string? synapses = "ampa-nmda"
    )
    {
        using var net = CausalNet.Build(config ?? Tiny, seed: 1);
        var training = new JsonObject { ["profile"] = "test" };
        if (synapses != null)
            training["synapses"] = synapses;
        ModelFolder.Save(dir, net, TargetTransform.L5pc, training);
        return dir;
    }

    private static readonly string[] Keys =
    [
        "network_s_per_simulated_s",
        "simulator_s_per_simulated_s",
        "speedup",
        "speedup_vs_neuron",
        "model_parameters",
        "multiply_adds_per_ms",
    ];

    [SkippableFact]
    public void ShortRunWritesEveryKeyWithConsistentRatios()
    {
        var asc = SharedData.RequireFile("morphologies/cell1.asc");
        var root = TempDir();
        var model = SavedModel(Path.Combine(root, "model"));
        var json = Path.Combine(root, "surrogate.json");

        var (code, output, err) = RunKit(
            "bench",
            "surrogate",
            "--model",
            model,
            "--morphology",
            asc,
            "--seconds",
            "0.05",
            "--threads",
            "1",
            "--lanes",
            "4",
            "--repetitions",
            "2",
            "--json",
            json
        );

        Assert.True(code == 0, err);
        Assert.Contains("network", err); // progress goes to stderr
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        foreach (var key in Keys)
            Assert.True(r.TryGetProperty(key, out _), $"missing key {key}");
        double network = r.GetProperty("network_s_per_simulated_s").GetDouble();
        double simulator = r.GetProperty("simulator_s_per_simulated_s").GetDouble();
        Assert.True(network > 0 && simulator > 0, $"network {network}, simulator {simulator}");
        Assert.Equal(simulator / network, r.GetProperty("speedup").GetDouble(), 1e-9);
        Assert.Equal(9.3 / network, r.GetProperty("speedup_vs_neuron").GetDouble(), 1e-9);
        using (var net = CausalNet.Build(Tiny, seed: 1))
            Assert.Equal(net.ParameterCount(), r.GetProperty("model_parameters").GetInt64());
        Assert.Equal(
            5 * 1278 * 4 + 3 * 4 * 4 + 4 * 2,
            r.GetProperty("multiply_adds_per_ms").GetDouble()
        );
        // Same trials on both sides: 1 thread x 4 lanes of 50 ms, of the paper's input (ampa-nmda recorded).
        Assert.Equal(4, r.GetProperty("trials").GetInt32());
        Assert.Equal(0.05, r.GetProperty("simulated_s_per_trial").GetDouble());
        Assert.Equal(2, r.GetProperty("network_pass_seconds").GetArrayLength());
        Assert.Equal(4, r.GetProperty("network_windows_per_pass").GetInt32()); // 4 x 50 ms fit one pass
        Assert.Equal("ampa-nmda", r.GetProperty("synapse_kind").GetString());
        Assert.InRange(r.GetProperty("input_spikes_per_ms").GetDouble(), 1, 100);
        // The table reports the JSON's numbers.
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var lines = output.Split('\n');
        Assert.Contains(
            network.ToString("0.0000", c),
            Assert.Single(lines, l => l.Contains("median of"))
        );
        Assert.Contains(
            (simulator / network).ToString("0.0", c) + "x",
            Assert.Single(lines, l => l.Contains("kit simulator"))
        );
    }

    /// <summary><c>kit bench surrogate --model <paramref name="model"/> --morphology cell1.asc</c> plus
    /// <paramref name="extra"/>: the invocation the bad-input tests share.</summary>
    private static (int Code, string Out, string Err) SurrogateOn(
        string model,
        params string[] extra
    ) => RunKit(["bench", "surrogate", "--model", model, "--morphology", "cell1.asc", .. extra]);

    [Fact]
    public void MissingModelFolderIsAUsageErrorNamingIt()
    {
        var missing = Path.Combine(TempDir(), "no-such-model");
        var (code, _, err) = SurrogateOn(missing);
        Assert.Equal(Program.UsageError, code);
        Assert.Contains(missing, err);
        Assert.Single(err.Trim().Split('\n')); // one line, no stack trace
    }

    [Fact]
    public void ForeignModelFolderIsAUsageErrorNamingItsFile()
    {
        var dir = TempDir();
        File.WriteAllText(Path.Combine(dir, "model.json"), """{"format": "keras-model"}""");
        File.WriteAllText(Path.Combine(dir, "weights.bin"), "");
        var (code, _, err) = SurrogateOn(dir);
        Assert.Equal(Program.UsageError, code);
        Assert.Contains(Path.Combine(dir, "model.json"), err);
        Assert.Contains("keras-model", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void TruncatedWeightsAreAUsageErrorNamingTheFile()
    {
        var dir = SavedModel(Path.Combine(TempDir(), "model"));
        var weights = Path.Combine(dir, "weights.bin");
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        var (code, _, err) = SurrogateOn(dir);
        Assert.Equal(Program.UsageError, code);
        Assert.Contains(weights, err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void BatchBelowOneIsRefusedAtParseTime()
    {
        var (code, _, err) = RunKit(
            "bench",
            "surrogate",
            "--morphology",
            "cell1.asc",
            "--batch",
            "0"
        );
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("--batch 0", err);
    }

    [Fact]
    public void SynapsesOtherThanTheModelRecordsAreRefused()
    {
        var dir = SavedModel(Path.Combine(TempDir(), "model"), synapses: "ampa-nmda");
        var (code, _, err) = SurrogateOn(dir, "--synapses", "ampa");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("--synapses ampa", err);
        Assert.Contains("records ampa-nmda", err);
    }

    [Fact]
    public void AModelRecordingNoSynapsesNeedsTheOption()
    {
        var dir = SavedModel(Path.Combine(TempDir(), "model"), synapses: null);
        var (code, _, err) = SurrogateOn(dir);
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("pass --synapses", err);
    }

    [SkippableFact]
    public void ANetworkOfAnotherCellIsAUsageErrorNamingItsFolder()
    {
        var asc = SharedData.RequireFile("morphologies/cell1.asc");
        var dir = SavedModel(Path.Combine(TempDir(), "model"), CausalNetConfig.L5pc(6, [3], 4));
        var (code, _, err) = RunKit(
            "bench",
            "surrogate",
            "--model",
            dir,
            "--morphology",
            asc,
            "--seconds",
            "0.01",
            "--threads",
            "1"
        );
        Assert.Equal(Program.UsageError, code);
        Assert.Contains(dir, err);
        Assert.Contains("6 input channels", err);
        Assert.Contains("1278", err);
    }
}
