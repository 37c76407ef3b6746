using Kit.Neuron.Simulation;
using Kit.Tests.Shared;

namespace Kit.Neuron.Gpu.Tests;

/// <summary>
/// <c>kit validate</c>'s NEURON comparison on the GPU engine (ILGPU's CPU accelerator): the first 200 ms of the NMDA
/// fixture's first simulation on cell1.asc give the same report as the CPU engine's scalar path with one lane.
/// </summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class GpuValidationTests(IlgpuCpuDevice fixture)
{
    [SkippableFact]
    public void ValidatingOnTheGpuEngineMatchesTheCpuEngine()
    {
        var file = SharedData.RequireFile("reference/neuron/l5pc_nmda_fixture.p");
        var morphology = Kit.Neuron.Morphology.Morphology.Load(
            SharedData.RequireFile("morphologies/cell1.asc")
        );
        var options = new NeuronIoValidationOptions
        {
            Simulation = SimulationOptions.Refined with { Simd = false },
            MaxSimulations = 1,
            MaxDurationMs = 200,
            MaxLanes = 1,
        };
        var cpu = NeuronIoValidation.Run(file, morphology, options);
        var gpu = NeuronIoValidation.Run(
            file,
            morphology,
            options with
            {
                Engine = new GpuTrialBatchEngine(fixture.Device, windowMs: 100),
            }
        );
        Assert.Equal(cpu.SomaRmsMv, gpu.SomaRmsMv);
        Assert.Equal(cpu.Rows[0].KitSpikeTimesMs.ToArray(), gpu.Rows[0].KitSpikeTimesMs.ToArray());
        Assert.Equal(cpu.SpikeMatchFraction, gpu.SpikeMatchFraction);
        // Against NEURON itself the 200 ms agree as the CPU engine's do (README: soma RMS 0.02 mV over 2 x 6 s).
        Assert.InRange(gpu.SomaRmsMv, 0, 0.1);
    }
}
