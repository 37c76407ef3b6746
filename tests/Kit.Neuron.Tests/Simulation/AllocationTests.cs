using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;
using Kit.Neuron.Tests.Morphology;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>
/// The time loop does not allocate (design principle "fast where it matters"), on the paths that ship: 8 lanes with
/// the AVX2 lane kernels (the dataset factory's and <c>kit bench</c>'s default) and one lane with the single-lane
/// vector gates (latency, <c>kit validate</c>'s per-trial runs); both integration methods. On a CPU without AVX2
/// the same options run the scalar kernels, which are then the path that ships.
/// </summary>
public sealed class AllocationTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData(IntegrationMethod.BackwardEuler, 8)]
    [InlineData(IntegrationMethod.CrankNicolson, 8)]
    [InlineData(IntegrationMethod.BackwardEuler, 1)]
    [InlineData(IntegrationMethod.CrankNicolson, 1)]
    public void Step_allocates_nothing(IntegrationMethod method, int lanes)
    {
        var cell = new HayL5pc(HayCell.Require(), L5pcBiophysics.Biophys5b).Build();
        var options = new SimulationOptions { Lanes = lanes, Method = method };
        Assert.True(options.Simd, "the default options are the shipped (SIMD) path");
        output.WriteLine(
            $"{method}, {lanes} lane(s): AVX2 lane kernels {(LaneKernels.Supported ? "on" : "off (no AVX2: scalar)")}"
        );
        var sim = new Kit.Neuron.Simulation.Simulation(cell, options);
        // Lane 0 gets synaptic events and the soma clamp; with 8 lanes, the last lane gets nothing.
        sim.SetEvents(0, [new SynapticEvent(1, 0, 5), new SynapticEvent(2, 1, 7)]);
        sim.AddStimulus(new CurrentClamp(cell.SomaNode, 0.5, 0, 10), 0);
        sim.Initialize();
        double restMv = sim.VoltageMv(cell.SomaNode, 0);
        for (int s = 0; s < 20; s++)
            sim.Step(); // warm up (JIT, tiering)
        // Steady state: a window of 200 steps that allocates nothing. The runtime's tiered compilation can promote a
        // method in the middle of a window and allocate a few kB on this thread once (seen once in CI: 5224 bytes);
        // a step that allocates would allocate in every window, so up to four windows are measured and the last one
        // must be clean.
        var windows = new List<long>();
        double stimulatedMv = double.NaN,
            idleMv = double.NaN;
        for (int attempt = 0; attempt < 4; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int s = 0; s < 200; s++)
                sim.Step();
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            if (attempt == 0) // 5.5 ms in, the clamp still on
                (stimulatedMv, idleMv) = (
                    sim.VoltageMv(cell.SomaNode, 0),
                    sim.VoltageMv(cell.SomaNode, lanes - 1)
                );
            if (windows[^1] == 0)
                break;
        }
        output.WriteLine($"bytes allocated per 200-step window: {string.Join(", ", windows)}");
        Assert.Equal(0, windows[^1]);

        // The steps did the work: 0.5 nA for 5.5 ms depolarises the soma by ~7.6 mV (measured), while without input
        // it relaxes from -76 mV towards -78.5 mV at 10 ms (NEURON's resting run) — hyperpolarising, so the
        // stimulated lane ends well above both its start and the untouched last lane.
        output.WriteLine($"soma {restMv:F3} -> {stimulatedMv:F3} mV on the stimulated lane");
        Assert.True(
            stimulatedMv - restMv > 5,
            $"stimulated soma {restMv:F3} -> {stimulatedMv:F3} mV"
        );
        if (lanes > 1)
        {
            output.WriteLine($"soma {restMv:F3} -> {idleMv:F3} mV on the untouched lane");
            Assert.InRange(idleMv, -78.5, restMv);
        }
    }
}
