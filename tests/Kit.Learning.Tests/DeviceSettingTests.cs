using System.Text.Json;
using Kit.Learning.Models;
using Kit.Learning.Training;
using TorchSharp;

namespace Kit.Learning.Tests;

/// <summary>The device setting: parsing, resolving on this machine, and the error for cuda without a GPU.</summary>
public sealed class DeviceSettingTests : IDisposable
{
    private readonly string root = Path.Combine(
        Path.GetTempPath(),
        $"kit-device-{Guid.NewGuid():N}"
    );

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("CUDA", "cuda")]
    [InlineData(" auto ", "auto")]
    public void Parse(string text, string name)
    {
        var setting = DeviceSetting.Parse(text);
        Assert.Equal(name, setting.Name);
        Assert.Same(DeviceSetting.Choices.Single(c => c.Name == name), setting);
        Assert.Equal(name, setting.ToString());
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("")]
    [InlineData("cuda:0")]
    public void Parse_ListsTheChoices(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => DeviceSetting.Parse(text));
        Assert.Contains("cpu, cuda, auto", e.Message);
        Assert.False(DeviceSetting.TryParse(text, out _));
    }

    [Fact]
    public void Cpu_ResolvesToTheCpu() =>
        Assert.Equal(DeviceType.CPU, DeviceSetting.Cpu.Resolve().type);

    [Fact]
    public void Auto_ResolvesToTheGpuOnlyWhenThereIsOne() =>
        Assert.Equal(
            torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU,
            DeviceSetting.Auto.Resolve().type
        );

    [SkippableFact]
    public void Cuda_WithoutAGpu_SaysHowToGetOne()
    {
        Skip.If(torch.cuda.is_available(), "this machine has a GPU: cuda resolves");
        var e = Assert.Throws<DeviceUnavailableException>(() => DeviceSetting.Cuda.Resolve());
        if (DeviceSetting.BuildBackend == "cpu")
            Assert.Contains(
                "this build of the kit uses the CPU libtorch; build with -p:TorchBackend=cuda on a machine "
                    + "with CUDA, see README",
                e.Message
            );
        else
            Assert.Contains("libtorch sees no GPU", e.Message);
        Assert.IsAssignableFrom<InvalidOperationException>(e);
    }

    [SkippableFact]
    public void ModelFolderLoad_OnCuda_WithoutAGpu()
    {
        Skip.If(torch.cuda.is_available(), "this machine has a GPU: cuda resolves");
        var dir = Path.Combine(root, "model");
        using (var net = CausalNet.Build(CausalNetConfig.SingleLinearUnit(4, 3), seed: 1))
            ModelFolder.Save(dir, net, TargetTransform.L5pc);
        Assert.Throws<DeviceUnavailableException>(() => ModelFolder.Load(dir, DeviceSetting.Cuda));
        using var saved = ModelFolder.Load(dir, DeviceSetting.Auto);
        Assert.Equal(DeviceType.CPU, saved.Device.type);
        Assert.All(saved.Model.parameters(), p => Assert.Equal(DeviceType.CPU, p.device_type));
    }

    [Fact]
    public void TheBuildSaysWhichLibtorchItCarries() =>
        Assert.Contains(DeviceSetting.BuildBackend, new[] { "cpu", "cuda" });

    private sealed record WithDevice(DeviceSetting Device);

    [Fact]
    public void Json_IsTheName()
    {
        var json = JsonSerializer.Serialize(new WithDevice(DeviceSetting.Auto));
        Assert.Equal("{\"Device\":\"auto\"}", json);
        Assert.Same(
            DeviceSetting.Cuda,
            JsonSerializer.Deserialize<WithDevice>("{\"Device\":\"CUDA\"}")!.Device
        );
        Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<WithDevice>("{\"Device\":\"tpu\"}")
        );
        Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<WithDevice>("{\"Device\":1}")
        );
    }
}
