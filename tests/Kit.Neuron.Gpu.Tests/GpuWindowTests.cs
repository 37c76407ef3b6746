using Kit.Neuron.Simulation;

namespace Kit.Neuron.Gpu.Tests;

/// <summary>
/// Input is uploaded per window: spikes in later windows, and one that falls between a window's last delivery
/// point and its end (carried to the next window), change the voltage exactly as on the CPU engine.
/// </summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class GpuWindowTests(IlgpuCpuDevice fixture)
{
    [Fact]
    public void InputBeyondTheFirstWindowIsDeliveredAsOnTheCpu()
    {
        var cell = GpuAgreementCase.Cell;
        // Windows of 20 ms: [0, 20), [20, 40), [40, 60). Events only after the first window; the one at 39.99 ms
        // comes after the second window's last delivery point (t + dt/2 of its last step), so it is carried over.
        SynapticEvent[] events =
        [
            .. Enumerable.Range(0, 40).Select(k => new SynapticEvent(25 + 0.01 * k, 0, k)),
            new SynapticEvent(39.99, 0, 41),
            new SynapticEvent(45, 1, 3),
        ];
        using var gpu = new GpuSimulation(fixture.Device, cell, SimulationOptions.Refined, 2, 20);
        gpu.SetEvents(0, events);
        var g = gpu.Run(60, GpuAgreementCase.Plan);
        var c = GpuAgreementCase.RunCpu(SimulationOptions.Refined, events, 60);
        var quiet = GpuAgreementCase.RunCpu(SimulationOptions.Refined, [], 60);
        var gpuSoma = g.Trace("soma", 0);
        var cpuSoma = c.Trace("soma");
        for (int k = 0; k < cpuSoma.Length; k++)
            Assert.InRange(Math.Abs(gpuSoma[k] - cpuSoma[k]), 0, 1e-9);
        // Trial 1 had no input: it stays at the quiet cell's trace.
        Assert.Equal(quiet.Trace("soma"), g.Trace("soma", 1));
        // The input moved the voltage, and only after 25 ms.
        int at25 = 25 * 8;
        Assert.Equal(quiet.Trace("soma")[..(at25 + 1)], gpuSoma[..(at25 + 1)]);
        Assert.True(
            Math.Abs(gpuSoma[30 * 8] - quiet.Trace("soma")[30 * 8]) > 0.1,
            "the second window's input did not depolarise the soma"
        );
    }

    [Fact]
    public void AnEventBetweenWindowsIsDeliveredOnceInTheNextWindow()
    {
        var cell = GpuAgreementCase.Cell;
        // Run A streams in 20 ms windows, run B in one window: the same doubles.
        SynapticEvent[] events =
        [
            .. Enumerable.Range(0, 30).Select(k => new SynapticEvent(19.99 + 0.0001 * k, 0, k)),
        ];
        using var a = new GpuSimulation(fixture.Device, cell, SimulationOptions.Fast, 1, 20);
        using var b = new GpuSimulation(fixture.Device, cell, SimulationOptions.Fast, 1, 1000);
        a.SetEvents(0, events);
        b.SetEvents(0, events);
        var plan = GpuAgreementCase.Plan;
        Assert.Equal(b.Run(40, plan).Trace("soma"), a.Run(40, plan).Trace("soma"));
    }
}
