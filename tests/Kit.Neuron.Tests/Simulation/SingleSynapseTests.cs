using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>
/// Protocol (c): one synapse, one event at 100 ms (reference/neuron/protocols/c_single_synapse.json). Lane 0 carries
/// the event, lane 1 is the no-synapse baseline (lanes are independent trials).
/// </summary>
public sealed class SingleSynapseTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void An_event_naming_no_synapse_of_the_cell_or_at_no_finite_time_is_refused_naming_it()
    {
        var bare = ProtocolReference.Bare();
        var cell = bare with
        {
            Synapses =
            [
                new SynapseGroup(
                    "syn",
                    new AmpaSynapse(),
                    [bare.SomaNode],
                    ImmutableArray.Create(0.0004)
                ),
            ],
        };
        var sim = new Kit.Neuron.Simulation.Simulation(cell, new SimulationOptions { Lanes = 1 });
        // The engine's SetEvents refuses through the cell's check, with the check's own message.
        var group = Assert.Throws<ArgumentException>(() =>
            sim.SetEvents(0, [new SynapticEvent(1, 0, 0), new SynapticEvent(2, 1, 0)])
        );
        Assert.Equal("event for synapse group 1: the cell has 1", group.Message);
        var instance = Assert.Throws<ArgumentException>(() =>
            cell.CheckEvents([new SynapticEvent(1, 0, 3)])
        );
        Assert.Equal("event for synapse 3 of group syn (1 synapses)", instance.Message);
        var time = Assert.Throws<ArgumentException>(() =>
            cell.CheckEvents([new SynapticEvent(double.NaN, 0, 0)])
        );
        Assert.Equal("event time NaN is not finite", time.Message);
        cell.CheckEvents([new SynapticEvent(1, 0, 0)]); // a good event passes
    }

    [SkippableTheory]
    [InlineData("ampa_nmda_0p4nS_seg100")]
    [InlineData("ampa_0p4nS_seg100")]
    [InlineData("gaba_a_1nS_seg100")]
    [InlineData("ampa_nmda_0p4nS_seg400")]
    [InlineData("ampa_nmda_4nS_seg100")]
    public void Deviation_from_baseline_matches_neuron(string caseName)
    {
        var json = ProtocolReference.Load("c_single_synapse");
        var c = json.GetProperty("cases")
            .EnumerateArray()
            .Single(x => x.GetProperty("name").GetString() == caseName);
        double gmax = c.GetProperty("gmax_uS").GetDouble();
        int segment = c.GetProperty("segment_index").GetInt32();
        ISynapse mech = c.GetProperty("mechanism").GetString() switch
        {
            "ProbAMPANMDA2" => new AmpaNmdaSynapse() with { GMaxUs = gmax },
            var m when c.GetProperty("synapse_type").GetString() == "AMPA" => new AmpaSynapse() with
            {
                GMaxUs = gmax,
            },
            _ => new GabaASynapse() with { GMaxUs = gmax },
        };
        var bare = ProtocolReference.Bare();
        var disc = bare.Tree.Discretization;
        var seg = disc.DatasetSegments[segment];
        int node = bare.Tree.NodeAt(seg.SectionIndex, seg.X);
        var cell = bare with
        {
            Synapses = [new SynapseGroup("syn", mech, [node], ImmutableArray.Create(gmax))],
        };
        var sim = new Kit.Neuron.Simulation.Simulation(
            cell,
            new SimulationOptions { DtMs = 0.025, Lanes = 2 }
        );
        sim.SetEvents(0, [new SynapticEvent(100, 0, 0)]);
        var result = sim.Run(
            200,
            RecordingPlan.Of(
                -1,
                new Probe("soma", cell.SomaNode, 0.025),
                new Probe("local", node, 0.025)
            )
        );
        var run = ProtocolReference.Run(c.GetProperty("runs"), 0.025);
        foreach (var trace in new[] { "soma", "local" })
        {
            string key = trace + "_v_mV";
            var with = ProtocolReference.Doubles(
                run.GetProperty("traces_with_synapse").GetProperty(key)
            );
            var baseline = ProtocolReference.Doubles(
                run.GetProperty("traces_baseline_no_synapse").GetProperty(key)
            );
            var kitWith = result.Trace(trace, 0);
            var kitBase = result.Trace(trace, 1);
            double refPeak = 0,
                kitPeak = 0,
                maxErr = 0;
            for (int k = 0; k < with.Length; k++)
            {
                double r = with[k] - baseline[k],
                    a = kitWith[k] - kitBase[k];
                if (Math.Abs(r) > Math.Abs(refPeak))
                    refPeak = r;
                if (Math.Abs(a) > Math.Abs(kitPeak))
                    kitPeak = a;
                maxErr = Math.Max(maxErr, Math.Abs(r - a));
            }
            output.WriteLine(
                $"{caseName} {trace}: peak kit {kitPeak:F5} vs NEURON dt 0.025 {refPeak:F5} mV; max trace error {maxErr:E2} mV"
            );
            Assert.True(Math.Abs(kitPeak - refPeak) <= 0.02 * Math.Abs(refPeak), $"{trace} peak");
            Assert.True(
                maxErr <= 0.01 * Math.Abs(refPeak) + 0.001,
                $"{trace} trace error {maxErr}"
            );
        }
    }
}
