using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>
/// Step refinement's limits: never refining is the coarse step and always refining is the fine step, bit for bit;
/// in between, a step is refined exactly when some lane's soma is at or above the threshold (or within the hold).
/// On the synthetic cell, so no reference data is needed.
/// </summary>
public sealed class StepRefinementTests
{
    private static readonly CellModel Cell = new HayL5pc(
        Kit.Neuron.Morphology.Morphologies.Synthetic(),
        L5pcBiophysics.Biophys5b
    ).Build();

    private static (double[] Soma, long Steps, long Refined) Run(SimulationOptions options)
    {
        var rng = new System.Random(3);
        var sim = new Kit.Neuron.Simulation.Simulation(Cell, options with { Lanes = 4 });
        for (int l = 0; l < 4; l++)
            sim.SetEvents(
                l,
                [
                    .. Enumerable
                        .Range(0, 600)
                        .Select(_ => new SynapticEvent(
                            rng.NextDouble() * 40,
                            rng.Next(2),
                            rng.Next(Cell.Synapses[0].Count)
                        )),
                ]
            );
        sim.AddStimulus(new CurrentClamp(Cell.SomaNode, 1.0, 10, 15), 2); // lane 2 spikes
        var result = sim.Run(50, RecordingPlan.Of(-1, new Probe("soma", Cell.SomaNode, 0.125)));
        return (
            [.. Enumerable.Range(0, 4).SelectMany(l => result.Trace("soma", l))],
            sim.StepCount,
            sim.RefinedStepCount
        );
    }

    [Fact]
    public void NeverRefiningIsTheCoarseStepBitForBit()
    {
        var coarse = Run(SimulationOptions.Fast);
        var never = Run(
            SimulationOptions.Refined with
            {
                Refinement = new StepRefinement(5, 1000, 3),
            }
        );
        Assert.Equal(0, never.Refined);
        Assert.Equal(coarse.Soma, never.Soma);
    }

    [Fact]
    public void AlwaysRefiningIsTheFineStepBitForBit()
    {
        var fine = Run(SimulationOptions.Converged);
        var always = Run(
            SimulationOptions.Refined with
            {
                Refinement = new StepRefinement(5, -1000, 0),
            }
        );
        Assert.Equal(always.Steps, always.Refined);
        Assert.Equal(fine.Soma, always.Soma);
    }

    [Fact]
    public void SomeStepsAreRefinedAndTheSpikeSeesThem()
    {
        var coarse = Run(SimulationOptions.Fast);
        var refined = Run(SimulationOptions.Refined);
        // The current step makes lane 2 spike: the steps around it, and only a part of the run, are refined.
        Assert.InRange(refined.Refined, 1, refined.Steps / 2);
        Assert.NotEqual(coarse.Soma, refined.Soma);
        Assert.Equal(2000, refined.Steps); // recording and step count stay on the 0.025 ms grid
    }

    [Fact]
    public void AnInvalidRefinementIsRefusedNamingTheField()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Kit.Neuron.Simulation.Simulation(
                Cell,
                SimulationOptions.Fast with
                {
                    Refinement = new StepRefinement(Factor: 1),
                }
            )
        );
        Assert.Contains("Factor", e.Message);
    }
}
