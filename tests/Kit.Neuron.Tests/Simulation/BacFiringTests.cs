using Kit.Neuron.Cells;
using Kit.Neuron.Simulation;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>
/// Protocol (d): BAC firing (reference/neuron/protocols/d_bac_firing.json). The three conditions run as three lanes
/// of one simulation with lane-specific stimuli.
/// </summary>
public sealed class BacFiringTests(ITestOutputHelper output)
{
    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Spike_counts_exact_and_times_close()
    {
        var json = ProtocolReference.Load("d_bac_firing");
        var stim = json.GetProperty("stimulus");
        var epsc = stim.GetProperty("distal_epsc");
        var cell = ProtocolReference.Bare();
        int site = cell.Tree.NodeAt(
            epsc.GetProperty("location").GetProperty("section").GetString()!,
            epsc.GetProperty("location").GetProperty("x").GetDouble()
        );
        var seg = cell.Tree.Discretization.DatasetSegments[378];
        Assert.Equal(cell.Tree.NodeAt(seg.SectionIndex, seg.X), site);
        var pulse = stim.GetProperty("soma_pulse");
        var clamp = new CurrentClamp(
            cell.SomaNode,
            pulse.GetProperty("amp_nA").GetDouble(),
            pulse.GetProperty("delay_ms").GetDouble(),
            pulse.GetProperty("dur_ms").GetDouble()
        );
        var epsp = new EpspCurrent(
            site,
            epsc.GetProperty("onset_ms").GetDouble(),
            epsc.GetProperty("tau0_rise_ms").GetDouble(),
            epsc.GetProperty("tau1_decay_ms").GetDouble(),
            epsc.GetProperty("imax_nA").GetDouble()
        );
        string[] conditions =
        [
            "soma_pulse_only",
            "distal_epsc_only",
            "soma_pulse_plus_distal_epsc",
        ];
        var sim = new Kit.Neuron.Simulation.Simulation(
            cell,
            new SimulationOptions { DtMs = 0.005, Lanes = 3 }
        );
        sim.AddStimulus(clamp, 0);
        sim.AddStimulus(epsp, 1);
        sim.AddStimulus(clamp, 2);
        sim.AddStimulus(epsp, 2);
        int nexus = ProtocolReference.Node(cell, HayL5pc.NexusSite);
        var result = sim.Run(
            300,
            RecordingPlan.Of(cell.SomaNode, new Probe("nexus", nexus, 0.025))
        );
        var runs = json.GetProperty("runs").EnumerateArray().ToArray();
        for (int lane = 0; lane < 3; lane++)
        {
            var reference = runs.Single(r =>
                r.GetProperty("condition").GetString() == conditions[lane]
                && r.GetProperty("method").GetProperty("type").GetString() == "fixed"
            );
            var refSpikes = ProtocolReference.Doubles(reference.GetProperty("soma_spike_times_ms"));
            var spikes = result.CrossingTimesMs(lane);
            var refPeak = reference
                .GetProperty("peak_after_200ms_from_grid")
                .GetProperty("nexus_v_mV");
            var nex = result.Trace("nexus", lane);
            int kMax = 8000 + Array.IndexOf(nex[8000..], nex[8000..].Max());
            output.WriteLine(
                $"{conditions[lane]}: kit [{string.Join(", ", spikes.Select(s => s.ToString("F2")))}] vs NEURON dt 0.001 "
                    + $"[{string.Join(", ", refSpikes.Select(s => s.ToString("F2")))}]; nexus peak {nex[kMax]:F2} @ {kMax * 0.025:F2} "
                    + $"vs {refPeak.GetProperty("max_mV").GetDouble():F2} @ {refPeak.GetProperty("time_ms").GetDouble():F2}"
            );
            Assert.Equal(refSpikes.Length, spikes.Length);
            for (int i = 0; i < spikes.Length; i++)
                Assert.True(
                    Math.Abs(spikes[i] - refSpikes[i]) < 0.5,
                    $"{conditions[lane]} spike {i}"
                );
            Assert.True(
                Math.Abs(nex[kMax] - refPeak.GetProperty("max_mV").GetDouble()) < 1.5,
                "nexus peak"
            );
        }
        output.WriteLine($"wall {result.Wall.TotalSeconds:F1} s (3 lanes, 300 ms, dt 0.005)");
    }
}
