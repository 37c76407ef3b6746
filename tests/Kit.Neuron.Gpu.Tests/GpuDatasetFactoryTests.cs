using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Data;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Gpu.Tests;

/// <summary>
/// The dataset factory on the GPU engine (ILGPU's CPU accelerator): the manifest records the engine, the bytes do
/// not depend on threads or shards, and the simulations are the CPU engine's one-lane ones. Tiny runs (3 simulations
/// of 30 ms, parts of 2) on the synthetic cell written to SWC.
/// </summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class GpuDatasetFactoryTests(IlgpuCpuDevice fixture) : IDisposable
{
    private readonly string root = Path.Combine(
        Path.GetTempPath(),
        $"kit-gpu-factory-{Guid.NewGuid():N}"
    );
    private readonly GpuTrialBatchEngine engine = new(fixture.Device, windowMs: 10);

    private static readonly L5pcDatasetConfig Cpu = new(ExcitatorySynapseKind.AmpaNmda, 3, 30, 17)
    {
        SimulationsPerPart = 2,
        Lanes = 1,
    };

    private static readonly L5pcDatasetConfig IlgpuCpu = Cpu with
    {
        Engine = SimulationEngine.IlgpuCpu,
    };

    private static readonly Lazy<string> Swc = new(() =>
    {
        var path = Path.Combine(
            Path.GetTempPath(),
            $"kit-gpu-synthetic-{Environment.ProcessId}.swc"
        );
        SwcWriter.Write(Morphologies.Synthetic(), path);
        return path;
    });

    public void Dispose()
    {
        engine.Dispose();
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private string Make(
        string name,
        L5pcDatasetConfig config,
        int threads = 1,
        DatasetShard? shard = null
    )
    {
        var dir = Path.Combine(root, name);
        new L5pcDatasetFactory(
            config,
            Swc.Value,
            config.Engine == SimulationEngine.Cpu ? null : engine
        ).Run(
            dir,
            new L5pcDatasetRunOptions
            {
                Threads = threads,
                Shard = shard ?? DatasetShard.All,
                Progress = Progress.None,
            }
        );
        return dir;
    }

    [Fact]
    public void TheManifestRecordsTheEngine()
    {
        var gpu = JsonNode.Parse(
            File.ReadAllText(Path.Combine(Make("gpu", IlgpuCpu), "manifest.json"))
        )!;
        Assert.Equal("ilgpu-cpu", gpu["config"]!["engine"]!.GetValue<string>());
        Assert.Contains(
            "each simulation refines its own steps",
            gpu["config"]!["refinement"]!["note"]!.GetValue<string>()
        );
        // The CPU engine's manifest is as before the GPU engine (absent means cpu), so older datasets still resume.
        var cpu = JsonNode.Parse(
            File.ReadAllText(Path.Combine(Make("cpu", Cpu), "manifest.json"))
        )!;
        Assert.Null(cpu["config"]!["engine"]);
    }

    [Fact]
    public void SameBytesAcrossShardsAndThreadsAndTheCpuEnginesOneLaneSimulations()
    {
        var whole = Make("whole", IlgpuCpu);
        var sharded = Path.Combine(root, "sharded");
        foreach (var shard in new[] { new DatasetShard(0, 2), new DatasetShard(1, 2) })
            new L5pcDatasetFactory(IlgpuCpu, Swc.Value, engine).Run(
                sharded,
                new L5pcDatasetRunOptions
                {
                    Threads = 2,
                    Shard = shard,
                    Progress = Progress.None,
                }
            );
        foreach (var name in Directory.GetFiles(whole).Select(Path.GetFileName))
            Assert.True(
                File.ReadAllBytes(Path.Combine(whole, name!))
                    .SequenceEqual(File.ReadAllBytes(Path.Combine(sharded, name!))),
                $"{name} differs between the whole and the sharded run"
            );
        var gpu = L5pcDatasetFactory.ReadAll(whole).Simulations;
        var cpu = L5pcDatasetFactory.ReadAll(Make("cpu", Cpu)).Simulations;
        Assert.Equal(cpu.Count, gpu.Count);
        for (int i = 0; i < cpu.Count; i++)
        {
            Assert.Equal(cpu[i].SomaVoltageMv, gpu[i].SomaVoltageMv);
            Assert.Equal(cpu[i].NexusVoltageMv, gpu[i].NexusVoltageMv);
            Assert.Equal(cpu[i].OutputSpikeTimesMs, gpu[i].OutputSpikeTimesMs);
        }
    }

    [Fact]
    public void ANonCpuEngineWithoutItsBatchEngineIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new L5pcDatasetFactory(IlgpuCpu, Swc.Value));
        Assert.Contains("engine ilgpu-cpu needs its batch engine", e.Message);
    }
}
