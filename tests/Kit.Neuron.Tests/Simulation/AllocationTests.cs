using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;
using Kit.Neuron.Tests.Morphology;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>The time loop does not allocate (design principle "fast where it matters").</summary>
public sealed class AllocationTests
{
    [SkippableTheory]
    [InlineData(IntegrationMethod.BackwardEuler)]
    [InlineData(IntegrationMethod.CrankNicolson)]
    public void Step_allocates_nothing(IntegrationMethod method)
    {
        var cell = new HayL5pc(HayCell.Require(), L5pcBiophysics.Biophys5b).Build();
        var sim = new Kit.Neuron.Simulation.Simulation(
            cell,
            new SimulationOptions { Lanes = 2, Method = method }
        );
        sim.SetEvents(0, [new SynapticEvent(1, 0, 5), new SynapticEvent(2, 1, 7)]);
        sim.AddStimulus(new CurrentClamp(cell.SomaNode, 0.5, 0, 10), 1);
        sim.Initialize();
        for (int s = 0; s < 20; s++)
            sim.Step(); // warm up (JIT, tiering)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int s = 0; s < 200; s++)
            sim.Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.NotEqual(sim.VoltageMv(cell.SomaNode, 0), sim.VoltageMv(cell.SomaNode, 1));
    }
}
