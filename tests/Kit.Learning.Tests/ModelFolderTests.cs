using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>
/// A trained network exported to a folder and read back: same function, same description; clear errors. Runs alone:
/// <c>LoadingLeavesTheTorchRandomStreamAlone</c> reads the global random stream around a load, and another test
/// building a seeded network at the same time reseeds it (seen once in CI).
/// </summary>
[Collection("libtorch process state")]
public sealed class ModelFolderTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Path.Combine(
        Path.GetTempPath(),
        $"kit-model-{Guid.NewGuid():N}"
    );

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private static CausalNetConfig Small(int width = 5) =>
        new(3, [4, 2], [width, 2], true, Activation.ReLU, 0.3, 0.1, 0.3, -1, 0.3);

    /// <summary>
    /// Every property of the architecture away from its default (the test below checks that it is). Not a buildable
    /// network: SpatialRank and SpikeListFirstLayer exclude each other (<see cref="Buildable"/>).
    /// </summary>
    private static readonly CausalNetConfig Full = new(
        3,
        [4, 2],
        [5, 2],
        true,
        Activation.Linear,
        0.3,
        0.1,
        0.2,
        -1,
        0.25,
        DendriticHeads: 2,
        DendriticHeadInitStd: 0.07,
        L2: 1e-6
    )
    {
        SpikeListFirstLayer = true,
        SpatialRank = 2,
        SpatialInitStd = 0.2,
    };

    /// <summary><see cref="Full"/> made buildable in both ways the exclusive options allow.</summary>
    public static TheoryData<string> Buildable => new() { "spatial", "spike-list" };

    private static CausalNetConfig BuildableFull(string which) =>
        which == "spatial"
            ? Full with
            {
                SpikeListFirstLayer = false,
            }
            : Full with
            {
                SpatialRank = 0,
            };

    private static readonly JsonObject Training = new()
    {
        ["profile"] = "smoke",
        ["data"] = new JsonObject { ["train"] = "data/l5pc-nmda", ["simulations"] = 12 },
        ["train_seconds"] = 1.5,
    };

    private string SavedSmall(string name = "model", CausalNetConfig? config = null)
    {
        var dir = Path.Combine(root, name);
        using var net = CausalNet.Build(config ?? Small(), seed: 1);
        ModelFolder.Save(dir, net, TargetTransform.L5pc, Training);
        return dir;
    }

    private InvalidDataException Refused(string dir)
    {
        var e = Assert.Throws<InvalidDataException>(() => ModelFolder.Load(dir));
        output.WriteLine(e.Message);
        return e;
    }

    private static void Edit(string dir, Action<JsonObject> edit)
    {
        var path = Path.Combine(dir, ModelFolder.ModelFile);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
    }

    private static IEnumerable<PropertyInfo> SettableProperties() =>
        typeof(CausalNetConfig)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.Name != "EqualityContract");

    private static bool SameValue(object? a, object? b) =>
        a is IEnumerable x && b is IEnumerable y && a is not string
            ? x.Cast<object?>().SequenceEqual(y.Cast<object?>())
            : Equals(a, b);

    private static void AssertSameConfig(CausalNetConfig expected, CausalNetConfig actual)
    {
        foreach (var p in SettableProperties())
            Assert.True(
                SameValue(p.GetValue(expected), p.GetValue(actual)),
                $"{p.Name}: {p.GetValue(expected)} saved, {p.GetValue(actual)} read"
            );
        Assert.Equal(
            expected,
            actual with
            {
                KernelSizesMs = expected.KernelSizesMs,
                Widths = expected.Widths,
            }
        );
    }

    [Fact]
    public void TheFullConfigSetsEveryPropertyAwayFromItsDefault()
    {
        // A config made of defaults: the constructor's parameters at their type's default, init-only
        // properties at their initial values.
        var ctor = typeof(CausalNetConfig)
            .GetConstructors()
            .Single(c => c.GetParameters().Length > 1);
        var defaults = (CausalNetConfig)
            ctor.Invoke([
                .. ctor.GetParameters()
                    .Select(p =>
                        p.HasDefaultValue ? p.DefaultValue
                        : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType)
                        : null
                    ),
            ]);
        foreach (var p in SettableProperties())
            Assert.False(
                SameValue(p.GetValue(Full), p.GetValue(defaults)),
                $"CausalNetConfig.{p.Name} was added or changed: set it to a non-default value in "
                    + $"{nameof(ModelFolderTests)}.{nameof(Full)} so that its round trip through model.json is tested"
            );
    }

    [Fact]
    public void EveryConfigPropertyRoundTripsThroughJson()
    {
        var json = ModelFolder.ArchitectureToJson(Full);
        output.WriteLine(json.ToJsonString());
        AssertSameConfig(
            Full,
            ModelFolder.ArchitectureFromJson(JsonNode.Parse(json.ToJsonString())!)
        );
        Assert.Equal("Linear", json["activation"]!.GetValue<string>());
    }

    [Fact]
    public void RoundTrip_SameOutputsConfigTargetAndTraining()
    {
        var dir = Path.Combine(root, "model");
        var config = Small() with { DendriticHeads = 2 };
        using var net = CausalNet.Build(config, seed: 3);
        using (no_grad())
        {
            // move the BatchNorm statistics away from their initial values: they must be saved too
            net.train();
            using var warm = rand(4, 3, 30);
            net.forward(warm);
        }
        var target = TargetTransform.IntegrateAndFire with { OffsetMv = -64.25 };
        ModelFolder.Save(dir, net, target, Training);
        Assert.Equal(
            [ModelFolder.ModelFile, ModelFolder.WeightsFile],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)
        );

        using var saved = ModelFolder.Load(dir);
        Assert.False(saved.Model.training);
        Assert.Equal(TorchSharp.DeviceType.CPU, saved.Device.type);
        AssertSameConfig(config, saved.Config);
        AssertSameConfig(config, saved.Model.Config);
        Assert.Equal(target, saved.Target);
        Assert.True(JsonNode.DeepEquals(Training, saved.Training));
        Assert.Equal(KitInfo.Version, saved.KitVersion);
        Assert.Equal(3, saved.InputChannels);
        Assert.Equal(dir, saved.Folder);

        net.eval();
        using var _ = no_grad();
        using var x = rand(2, 3, 40);
        var (s1, v1) = net.forward(x);
        var (s2, v2) = saved.Model.forward(x);
        Assert.True(s1.allclose(s2, 0, 0));
        Assert.True(v1.allclose(v2, 0, 0));
        Assert.True(net.ForwardDendritic(x).allclose(saved.Model.ForwardDendritic(x), 0, 0));

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, ModelFolder.ModelFile)))!;
        output.WriteLine(json.ToJsonString());
        Assert.Equal("neuronkit-model", json["format"]!.GetValue<string>());
        Assert.Equal(1, json["format_version"]!.GetValue<int>());
        Assert.Equal(net.ParameterCount(), json["parameter_count"]!.GetValue<long>());
        Assert.Equal(3, json["input_channels"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Buildable))]
    public void FullConfig_RoundTripsThroughAFolder(string which)
    {
        var config = BuildableFull(which);
        var dir = SavedSmall(which, config);
        using var saved = ModelFolder.Load(dir);
        AssertSameConfig(config, saved.Config);
        using var original = CausalNet.Build(config, seed: 1);
        original.eval();
        using var _ = no_grad();
        using var x = (rand(2, 3, 20) > 0.7).to(ScalarType.Float32);
        Assert.True(original.forward(x).voltage.allclose(saved.Model.forward(x).voltage, 0, 0));
    }

    [Fact]
    public void LoadingLeavesTheTorchRandomStreamAlone()
    {
        var dir = SavedSmall();
        manual_seed(11);
        using var a = rand(5);
        manual_seed(11);
        using (ModelFolder.Load(dir)) { }
        using var b = rand(5);
        Assert.True(a.allclose(b, 0, 0));
    }

    [Fact]
    public void SavingAgainReplacesTheModelAndKeepsOtherFiles()
    {
        var dir = SavedSmall();
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        using var wider = CausalNet.Build(Small(width: 7), seed: 2);
        ModelFolder.Save(dir, wider, TargetTransform.L5pc);
        using var saved = ModelFolder.Load(dir);
        Assert.Equal([7, 2], saved.Config.Widths);
        Assert.Null(saved.Training);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
    }

    [Fact]
    public void UnresolvedTarget_IsRefusedOnSave()
    {
        using var net = CausalNet.Build(Small(), seed: 1);
        var e = Assert.Throws<ArgumentException>(() =>
            ModelFolder.Save(Path.Combine(root, "m"), net, TargetTransform.IntegrateAndFire)
        );
        Assert.Contains("unresolved", e.Message);
        Assert.False(Directory.Exists(Path.Combine(root, "m")));
    }

    [Fact]
    public void MissingFolder()
    {
        var dir = Path.Combine(root, "nowhere");
        Assert.Contains(dir, Refused(dir).Message);
    }

    [Fact]
    public void MissingModelJson()
    {
        var dir = SavedSmall();
        File.Delete(Path.Combine(dir, ModelFolder.ModelFile));
        var e = Refused(dir);
        Assert.Contains(Path.Combine(dir, ModelFolder.ModelFile), e.Message);
        Assert.Contains("not a model folder", e.Message);
    }

    [Fact]
    public void MissingWeights()
    {
        var dir = SavedSmall();
        File.Delete(Path.Combine(dir, ModelFolder.WeightsFile));
        Assert.Contains(Path.Combine(dir, ModelFolder.WeightsFile), Refused(dir).Message);
    }

    [Fact]
    public void TrainingCheckpointFolder_IsNotAModelFolder()
    {
        var dir = Path.Combine(root, "checkpoint");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, TrainingCheckpoint.StateFile), "{\"Version\": 1}");
        File.WriteAllText(Path.Combine(dir, TrainingCheckpoint.BestFile), "");
        Assert.Contains("training checkpoint folder", Refused(dir).Message);
    }

    [Theory]
    [InlineData("{\"a\": 1}", "field 'format' missing")]
    [InlineData("[1, 2, 3]", "not a neuronkit-model")]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData(
        "{\"format\": \"neuronkit-dataset-parts\", \"format_version\": 1}",
        "field 'format' is 'neuronkit-dataset-parts'"
    )]
    public void ForeignJson(string text, string expected)
    {
        var dir = SavedSmall();
        File.WriteAllText(Path.Combine(dir, ModelFolder.ModelFile), text);
        var e = Refused(dir);
        Assert.Contains(Path.Combine(dir, ModelFolder.ModelFile), e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void NewerFormatVersion()
    {
        var dir = SavedSmall();
        Edit(dir, j => j["format_version"] = 2);
        var e = Refused(dir);
        Assert.Contains("format_version", e.Message);
        Assert.Contains("newer", e.Message);
    }

    [Fact]
    public void InvalidArchitecture_GivesValidatesMessage()
    {
        var dir = SavedSmall();
        Edit(dir, j => j["architecture"]!["widths"] = new JsonArray(5));
        var e = Refused(dir);
        Assert.Contains("architecture", e.Message);
        Assert.Contains("KernelSizesMs has 2 layers but Widths has 1", e.Message);
    }

    [Theory]
    [InlineData("kernel_sizes_ms")] // a required constructor parameter
    [InlineData("channels")]
    public void ArchitectureMissingAField(string field)
    {
        var dir = SavedSmall();
        Edit(dir, j => j["architecture"]!.AsObject().Remove(field));
        var e = Refused(dir);
        Assert.Contains("architecture", e.Message);
    }

    [Fact]
    public void ArchitectureWithAPropertyThisKitDoesNotKnow()
    {
        var dir = SavedSmall();
        Edit(dir, j => j["architecture"]!["spatial_rank_from_the_future"] = 4);
        var e = Refused(dir);
        Assert.Contains("architecture", e.Message);
        Assert.Contains("spatial_rank_from_the_future", e.Message);
    }

    [Fact]
    public void MissingTargetField()
    {
        var dir = SavedSmall();
        Edit(dir, j => j["target"]!.AsObject().Remove("offset_mv"));
        Assert.Contains("target.offset_mv", Refused(dir).Message);
    }

    [Fact]
    public void WeightsOfAnotherArchitecture()
    {
        var dir = SavedSmall();
        // the same layers, one hidden unit more: every tensor of layer 0 changes shape
        Edit(dir, j => j["architecture"]!["widths"] = new JsonArray(6, 2));
        var e = Refused(dir);
        Assert.Contains(Path.Combine(dir, ModelFolder.WeightsFile), e.Message);
        Assert.Contains("do not fit the architecture", e.Message);

        // another number of layers
        var other = SavedSmall("other", Small() with { KernelSizesMs = [4], Widths = [5] });
        File.Copy(
            Path.Combine(other, ModelFolder.WeightsFile),
            Path.Combine(dir, ModelFolder.WeightsFile),
            overwrite: true
        );
        Edit(dir, j => j["architecture"]!["widths"] = new JsonArray(5, 2));
        Assert.Contains(Path.Combine(dir, ModelFolder.WeightsFile), Refused(dir).Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    [InlineData(0.0)]
    public void TruncatedWeights(double keep)
    {
        var dir = SavedSmall();
        var path = Path.Combine(dir, ModelFolder.WeightsFile);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);
        var e = Refused(dir);
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void InconsistentParameterCount()
    {
        var dir = SavedSmall();
        Edit(dir, j => j["parameter_count"] = 1);
        Assert.Contains("parameter_count", Refused(dir).Message);
    }
}
