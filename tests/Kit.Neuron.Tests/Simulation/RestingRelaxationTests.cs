using Kit.Neuron.Cells;
using Kit.Neuron.Simulation;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>Protocol (a): no input, relaxation from −76 mV (reference/neuron/protocols/a_resting_relaxation.json).</summary>
public sealed class RestingRelaxationTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Matches_neuron_fixed_step_and_cvode()
    {
        var json = ProtocolReference.Load("a_resting_relaxation");
        var cell = ProtocolReference.Bare();
        int soma = cell.SomaNode,
            nexus = ProtocolReference.Node(cell, HayL5pc.NexusSite);
        var sim = new Kit.Neuron.Simulation.Simulation(
            cell,
            new SimulationOptions { DtMs = 0.025 }
        );
        var plan = RecordingPlan.Of(
            -1,
            new Probe("soma", soma, 0.1),
            new Probe("nexus", nexus, 0.1),
            new Probe("cai", soma, 0.1, ProbeQuantity.CaiMm),
            new Probe("eca", soma, 0.1, ProbeQuantity.EcaMv)
        );
        var result = sim.Run(1000, plan);
        var runs = json.GetProperty("runs");
        foreach (double? dt in new double?[] { 0.025, null })
        {
            var traces = ProtocolReference.Run(runs, dt).GetProperty("traces");
            double somaErr = MaxAbs(
                ProtocolReference.Doubles(traces.GetProperty("soma_v_mV")),
                result.Trace("soma")
            );
            double nexusErr = MaxAbs(
                ProtocolReference.Doubles(traces.GetProperty("nexus_v_mV")),
                result.Trace("nexus")
            );
            double caiRel = MaxRel(
                ProtocolReference.Doubles(traces.GetProperty("soma_cai_mM")),
                result.Trace("cai")
            );
            output.WriteLine(
                $"vs {(dt is null ? "CVODE" : $"fixed {dt}")}: soma max|dV| {somaErr:F5} mV, nexus {nexusErr:F5} mV, cai rel {caiRel:E2}"
            );
            Assert.True(somaErr < 0.05, $"soma {somaErr} mV");
            Assert.True(nexusErr < 0.05, $"nexus {nexusErr} mV");
            Assert.True(caiRel < 1e-2, $"cai {caiRel}");
        }
        // docs/numerical-method.md, "Accuracy requirements and reference numbers" (NEURON 8.2, fixed dt 0.025).
        var soma_ = result.Trace("soma");
        Assert.Equal(-78.5476, soma_[100], 2);
        Assert.Equal(-81.2362, soma_[1000], 2);
        Assert.Equal(-81.0614, soma_[5000], 2);
        Assert.Equal(-81.1143, soma_[10000], 2);
        Assert.Equal(119.45, result.Trace("eca")[10000], 1);
        output.WriteLine($"wall {result.Wall.TotalSeconds:F2} s for 1000 ms at dt 0.025");
    }

    internal static double MaxAbs(double[] reference, double[] actual)
    {
        Assert.Equal(reference.Length, actual.Length);
        double m = 0;
        for (int i = 0; i < reference.Length; i++)
            m = Math.Max(m, Math.Abs(reference[i] - actual[i]));
        return m;
    }

    private static double MaxRel(double[] reference, double[] actual)
    {
        Assert.Equal(reference.Length, actual.Length);
        double m = 0;
        for (int i = 0; i < reference.Length; i++)
            m = Math.Max(m, Math.Abs(reference[i] - actual[i]) / Math.Abs(reference[i]));
        return m;
    }
}
