using Kit.Neuron.Simulation;
using Xunit.Abstractions;

namespace Kit.Neuron.Gpu.Tests;

/// <summary>
/// The GPU engine's kernels on ILGPU's CPU accelerator against the CPU engine run one trial at a time (one lane, the
/// scalar kernels): the same soma voltage within 1e-9 mV and the same spike times, over a spiking run with the
/// factory's default method, input streamed in several windows.
/// </summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class GpuAgreementTests(IlgpuCpuDevice fixture, ITestOutputHelper output)
{
    private const double ToleranceMv = 1e-9;

    private (SimulationResult Gpu, SimulationResult[] Cpu) Run(
        SimulationOptions options,
        int trials,
        double durationMs,
        double windowMs,
        double excitatoryPerMs
    )
    {
        using var gpu = new GpuSimulation(
            fixture.Device,
            GpuAgreementCase.Cell,
            options,
            trials,
            windowMs
        );
        var cpu = new SimulationResult[trials];
        for (int t = 0; t < trials; t++)
        {
            var events = GpuAgreementCase.Events(t, durationMs, excitatoryPerMs);
            gpu.SetEvents(t, events);
            cpu[t] = GpuAgreementCase.RunCpu(options, events, durationMs);
        }
        return (gpu.Run(durationMs, GpuAgreementCase.Plan), cpu);
    }

    private double MaxAbsDifference(SimulationResult gpu, SimulationResult[] cpu)
    {
        double max = 0;
        for (int t = 0; t < cpu.Length; t++)
        {
            var a = cpu[t].Trace("soma");
            var b = gpu.Trace("soma", t);
            Assert.Equal(a.Length, b.Length);
            for (int k = 0; k < a.Length; k++)
                max = Math.Max(max, Math.Abs(a[k] - b[k]));
            output.WriteLine(
                $"trial {t}: spikes cpu [{string.Join(", ", cpu[t].CrossingTimesMs())}] gpu [{string.Join(", ", gpu.CrossingTimesMs(t))}]"
            );
        }
        output.WriteLine($"max |dV| = {max:E3} mV");
        return max;
    }

    [Fact]
    public void RefinedDefaultMethodAgreesWithTheCpuEngineAndSpikesAtTheSameTimes()
    {
        // 200 ms in four 50 ms windows; each trial refines its own steps around its own spikes.
        var (gpu, cpu) = Run(SimulationOptions.Refined, 2, 200, 50, 10);
        Assert.InRange(MaxAbsDifference(gpu, cpu), 0, ToleranceMv);
        int spikes = 0;
        for (int t = 0; t < cpu.Length; t++)
        {
            Assert.Equal(cpu[t].CrossingTimesMs().ToArray(), gpu.CrossingTimesMs(t).ToArray());
            spikes += cpu[t].CrossingTimesMs().Length;
        }
        // The case must spike (in both trials, at different times), or it would not test the spike path.
        Assert.All(cpu, c => Assert.NotEmpty(c.CrossingTimesMs()));
        Assert.NotEqual(cpu[0].CrossingTimesMs().ToArray(), cpu[1].CrossingTimesMs().ToArray());
        Assert.True(spikes >= 4, $"only {spikes} spikes");
    }

    [Fact]
    public void BackwardEulerWithoutRefinementAgreesToo()
    {
        var (gpu, cpu) = Run(SimulationOptions.NeuronDefault, 1, 60, 25, 12);
        Assert.InRange(MaxAbsDifference(gpu, cpu), 0, ToleranceMv);
        Assert.Equal(cpu[0].CrossingTimesMs().ToArray(), gpu.CrossingTimesMs(0).ToArray());
        Assert.NotEmpty(cpu[0].CrossingTimesMs());
    }
}
