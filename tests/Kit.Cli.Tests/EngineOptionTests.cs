using System.Text.Json.Nodes;
using Kit.Cli;
using Kit.Neuron.Gpu;
using Kit.Neuron.Morphology;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary>
/// <c>--engine</c> of <c>kit simulate l5pc</c>, <c>kit bench simulate</c> and <c>kit validate</c>: gpu without a CUDA device is a
/// one-line usage error (no stack trace), an unknown engine is refused at parse time, and ilgpu-cpu makes a
/// dataset whose manifest records the engine.
/// </summary>
[Collection("process state")]
public sealed class EngineOptionTests
{
    private static string[] Simulate(string morphology, string outDir, params string[] extra) =>
        [
            "simulate",
            "l5pc",
            "--simulations",
            "1",
            "--duration-ms",
            "10",
            "--seed",
            "5",
            "--per-part",
            "1",
            "--lanes",
            "1",
            "--threads",
            "1",
            "--morphology",
            morphology,
            "--out",
            outDir,
            .. extra,
        ];

    private static void AssertNoCudaLine(int code, string err)
    {
        Skip.If(
            !err.Contains("no CUDA device", StringComparison.Ordinal),
            "a CUDA device is present: --engine gpu ran"
        );
        Assert.Equal(Program.UsageError, code);
        Assert.Equal(GpuDevice.NoCudaMessage, err.TrimEnd('\n', '\r'));
        Assert.DoesNotContain("   at ", err);
    }

    [SkippableFact]
    public void SimulateWithEngineGpuAndNoCudaDeviceIsOneLine()
    {
        var (code, _, err) = RunKit(Simulate("x.asc", Path.GetTempPath(), "--engine", "gpu"));
        AssertNoCudaLine(code, err);
    }

    [SkippableFact]
    public void BenchWithEngineGpuAndNoCudaDeviceIsOneLine()
    {
        var (code, _, err) = RunKit(
            "bench",
            "simulate",
            "--morphology",
            Path.GetTempFileName(),
            "--engine",
            "gpu"
        );
        AssertNoCudaLine(code, err);
    }

    [SkippableFact]
    public void ValidateWithEngineGpuAndNoCudaDeviceIsOneLine()
    {
        var (code, _, err) = RunKit(
            "validate",
            Path.GetTempFileName(),
            "--morphology",
            "x.asc",
            "--engine",
            "gpu"
        );
        AssertNoCudaLine(code, err);
    }

    [Fact]
    public void AnUnknownEngineIsAUsageErrorListingTheChoices()
    {
        var (code, _, err) = RunKit(Simulate("x.asc", Path.GetTempPath(), "--engine", "tpu"));
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("cpu, gpu, ilgpu-cpu", err);
    }

    [Fact]
    public void IlgpuCpuWritesADatasetWhoseManifestNamesTheEngine()
    {
        var dir = Directory.CreateTempSubdirectory("kit-engine-").FullName;
        var swc = Path.Combine(dir, "synthetic.swc");
        SwcWriter.Write(Morphologies.Synthetic(), swc);
        try
        {
            var (code, output, err) = RunKit(
                Simulate(swc, Path.Combine(dir, "out"), "--engine", "ilgpu-cpu")
            );
            Assert.True(code == 0, err);
            Assert.Contains("engine ilgpu-cpu", output);
            var manifest = JsonNode.Parse(
                File.ReadAllText(Path.Combine(dir, "out", "manifest.json"))
            )!;
            Assert.Equal("ilgpu-cpu", manifest["config"]!["engine"]!.GetValue<string>());
            Assert.True(File.Exists(Path.Combine(dir, "out", "part-00000.npz")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
