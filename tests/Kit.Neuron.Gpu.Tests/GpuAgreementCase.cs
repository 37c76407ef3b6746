using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;
using CpuSimulation = Kit.Neuron.Simulation.Simulation;

namespace Kit.Neuron.Gpu.Tests;

/// <summary>
/// The agreement case: the NMDA L5PC on the synthetic morphology (no reference data needed), driven by random
/// excitatory and inhibitory input spikes strong enough to make it fire, stepped with the dataset factory's default
/// method (<see cref="SimulationOptions.Refined"/>). Each trial has its own input stream.
/// </summary>
internal static class GpuAgreementCase
{
    public static readonly CellModel Cell = new HayL5pc(
        Kit.Neuron.Morphology.Morphologies.Synthetic(),
        L5pcBiophysics.Biophys5b
    ).Build();

    /// <summary>Soma at 0.125 ms (the dataset's high-resolution trace) and crossings of −20 mV.</summary>
    public static RecordingPlan Plan =>
        RecordingPlan.Of(Cell.SomaNode, new Probe("soma", Cell.SomaNode, 0.125));

    /// <summary>
    /// Input of trial <paramref name="trial"/>: <paramref name="excitatoryPerMs"/> excitatory and a third as many
    /// inhibitory events per ms on random synapses over [0, <paramref name="durationMs"/>).
    /// </summary>
    public static SynapticEvent[] Events(int trial, double durationMs, double excitatoryPerMs)
    {
        var rng = new System.Random(1000 + trial);
        int e = (int)(excitatoryPerMs * durationMs);
        int i = e / 3;
        var list = new List<SynapticEvent>();
        for (int k = 0; k < e; k++)
            list.Add(
                new SynapticEvent(
                    rng.NextDouble() * durationMs,
                    0,
                    rng.Next(Cell.Synapses[0].Count)
                )
            );
        for (int k = 0; k < i; k++)
            list.Add(
                new SynapticEvent(
                    rng.NextDouble() * durationMs,
                    1,
                    rng.Next(Cell.Synapses[1].Count)
                )
            );
        return [.. list];
    }

    /// <summary>The CPU engine's run of one trial alone (one lane: its refinement decisions are its own).</summary>
    public static SimulationResult RunCpu(
        SimulationOptions options,
        SynapticEvent[] events,
        double durationMs,
        bool simd = false
    )
    {
        var sim = new CpuSimulation(Cell, options with { Lanes = 1, Simd = simd });
        sim.SetEvents(0, events);
        return sim.Run(durationMs, Plan);
    }
}
