using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;
using Kit.Neuron.Tests.Morphology;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>Lanes are independent trials: a multi-lane run equals the single-lane runs bit for bit.</summary>
public sealed class LaneIndependenceTests
{
    [SkippableFact]
    public void Two_lanes_equal_two_single_lane_runs()
    {
        var cell = new HayL5pc(HayCell.Require(), L5pcBiophysics.Biophys5b).Build();
        var rng = new System.Random(7);
        var events = new SynapticEvent[2][];
        for (int l = 0; l < 2; l++)
            events[l] =
            [
                .. Enumerable
                    .Range(0, 400)
                    .Select(_ => new SynapticEvent(rng.Next(0, 40), rng.Next(2), rng.Next(639))),
            ];
        int nexus = cell.Tree.NodeAt(HayL5pc.NexusSite.Section, HayL5pc.NexusSite.X);
        var plan = RecordingPlan.Of(
            -1,
            new Probe("soma", cell.SomaNode, 0.125),
            new Probe("nexus", nexus, 0.125)
        );
        var options = new SimulationOptions { DtMs = 0.025 };
        var both = new Kit.Neuron.Simulation.Simulation(cell, options with { Lanes = 2 });
        both.SetEvents(0, events[0]);
        both.SetEvents(1, events[1]);
        both.AddStimulus(new CurrentClamp(cell.SomaNode, 0.5, 10, 20), 1);
        var r2 = both.Run(50, plan);
        Assert.NotEqual(r2.Trace("soma", 0), r2.Trace("soma", 1));
        for (int l = 0; l < 2; l++)
        {
            var single = new Kit.Neuron.Simulation.Simulation(cell, options);
            single.SetEvents(0, events[l]);
            if (l == 1)
                single.AddStimulus(new CurrentClamp(cell.SomaNode, 0.5, 10, 20));
            var r1 = single.Run(50, plan);
            Assert.Equal(r1.Trace("soma"), r2.Trace("soma", l));
            Assert.Equal(r1.Trace("nexus"), r2.Trace("nexus", l));
        }
    }

    [SkippableFact]
    public void Event_at_t0_silences_the_synapse_only_with_the_quirk()
    {
        var bare = new HayL5pc(HayCell.Require(), L5pcBiophysics.Biophys5b).Build();
        var plan = RecordingPlan.Of(-1, new Probe("soma", bare.SomaNode, 0.5));
        SynapticEvent[] ev = [new(0, 0, 100), new(20, 0, 100)];
        double Peak(CellModel c)
        {
            var sim = new Kit.Neuron.Simulation.Simulation(
                c,
                new SimulationOptions { DtMs = 0.025, Lanes = 2 }
            );
            sim.SetEvents(0, ev);
            var r = sim.Run(40, plan);
            return r.Trace("soma", 0).Zip(r.Trace("soma", 1), (a, b) => a - b).Max();
        }
        Assert.Equal(0, Peak(bare));
        Assert.True(Peak(bare with { ReproduceNeuronT0Quirk = false }) > 0.1);
    }

    [SkippableFact]
    public void Dataset_recording_plan_samples_every_segment_on_both_grids()
    {
        var cell = ProtocolReference.Bare();
        var plan = HayL5pcRecording.Plan(cell, allSegments: true);
        Assert.Equal(4 + 639, plan.Probes.Length);
        var sim = new Kit.Neuron.Simulation.Simulation(cell, SimulationOptions.Fast);
        var r = sim.Run(10, plan);
        Assert.Equal(81, r.Trace(HayL5pcRecording.SomaHighRes).Length);
        Assert.Equal(11, r.Trace(HayL5pcRecording.Segment(638)).Length);
        // Same node, two grids: the 1 ms samples are every 8th 0.125 ms sample.
        var hi = r.Trace(HayL5pcRecording.SomaHighRes);
        var lo = r.Trace(HayL5pcRecording.SomaLowRes);
        for (int k = 0; k < lo.Length; k++)
            Assert.Equal(hi[8 * k], lo[k]);
        Assert.Equal(-76, r.Trace(HayL5pcRecording.Segment(100))[0]);
        Assert.NotEqual(-76, r.Trace(HayL5pcRecording.Segment(100))[10]);
    }
}
