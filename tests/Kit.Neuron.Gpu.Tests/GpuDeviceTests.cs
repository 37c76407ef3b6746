using Kit.Neuron.Simulation;

namespace Kit.Neuron.Gpu.Tests;

/// <summary>Opening devices, and what the GPU engine refuses.</summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class GpuDeviceTests(IlgpuCpuDevice fixture)
{
    [SkippableFact]
    public void TheGpuEngineWithoutACudaDeviceIsAOneLineError()
    {
        GpuDevice? device = null;
        try
        {
            device = GpuDevice.Open(SimulationEngine.Gpu);
        }
        catch (GpuUnavailableException e)
        {
            Assert.Equal(GpuDevice.NoCudaMessage, e.Message);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Contains("no CUDA device", e.Message);
            return;
        }
        using (device)
            Skip.If(true, $"a CUDA device is present ({device.Name})");
    }

    [Fact]
    public void TheCpuAcceleratorIsNamed()
    {
        Assert.Equal(SimulationEngine.IlgpuCpu, fixture.Device.Engine);
        Assert.False(string.IsNullOrWhiteSpace(fixture.Device.Name));
    }

    [Fact]
    public void OnsetSynapsesAreRefusedNamingTheCell()
    {
        var cell = GpuAgreementCase.Cell with
        {
            AlphaSynapses =
            [
                new AlphaSynapseGroup(
                    "alpha",
                    new Kit.Neuron.Mechanisms.AlphaSynapse(0.001, 1, 0),
                    [GpuAgreementCase.Cell.SomaNode],
                    [0.001]
                ),
            ],
        };
        var e = Assert.Throws<NotSupportedException>(() =>
            new GpuSimulation(fixture.Device, cell, SimulationOptions.Refined, 1)
        );
        Assert.Contains("onset", e.Message);
    }

    [Fact]
    public void EngineNamesRoundTrip()
    {
        foreach (var engine in Enum.GetValues<SimulationEngine>())
            Assert.Equal(engine, SimulationEngines.Parse(SimulationEngines.Name(engine)));
        var e = Assert.Throws<ArgumentException>(() => SimulationEngines.Parse("tpu"));
        Assert.Contains("cpu, gpu or ilgpu-cpu", e.Message);
    }
}
