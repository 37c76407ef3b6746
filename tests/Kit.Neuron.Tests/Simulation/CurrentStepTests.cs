using Kit.Neuron.Cells;
using Kit.Neuron.Simulation;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>Protocol (b): soma IClamp 1 nA, 200–700 ms (reference/neuron/protocols/b_current_step.json).</summary>
public sealed class CurrentStepTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [Trait("Category", "Slow")]
    [InlineData(IntegrationMethod.BackwardEuler, 0.005, 0.5, 1.0)]
    [InlineData(IntegrationMethod.CrankNicolson, 0.025, 0.5, 1.0)]
    public void Nine_spikes_at_the_converged_times(
        IntegrationMethod method,
        double dtMs,
        double burstTolMs,
        double laterTolMs
    )
    {
        var json = ProtocolReference.Load("b_current_step");
        var reference = ProtocolReference.Run(json.GetProperty("runs"), 0.001);
        var refSpikes = ProtocolReference.Doubles(reference.GetProperty("soma_spike_times_ms"));
        var refSoma = ProtocolReference.Doubles(
            reference.GetProperty("traces").GetProperty("soma_v_mV")
        );
        var cell = ProtocolReference.Bare();
        var sim = new Kit.Neuron.Simulation.Simulation(
            cell,
            new SimulationOptions { DtMs = dtMs, Method = method }
        );
        sim.AddStimulus(new CurrentClamp(cell.SomaNode, 1.0, 200, 500));
        var result = sim.Run(
            1000,
            RecordingPlan.Of(cell.SomaNode, new Probe("soma", cell.SomaNode, 0.025))
        );
        var spikes = result.CrossingTimesMs();
        output.WriteLine(
            $"{method} dt {dtMs}: {string.Join(", ", spikes.Select(s => s.ToString("F2")))}"
        );
        output.WriteLine(
            $"reference dt 0.001: {string.Join(", ", refSpikes.Select(s => s.ToString("F2")))}"
        );
        output.WriteLine($"wall {result.Wall.TotalSeconds:F1} s");
        Assert.Equal(9, spikes.Length);
        for (int i = 0; i < 9; i++)
        {
            double tol = i < 4 ? burstTolMs : laterTolMs;
            Assert.True(
                Math.Abs(spikes[i] - refSpikes[i]) <= tol,
                $"spike {i}: {spikes[i]:F3} vs {refSpikes[i]:F3} ms (tolerance {tol})"
            );
        }
        // Sub-threshold 0-200 ms within 0.1 mV of the converged trace.
        double sub = 0;
        for (int k = 0; k <= 8000; k++)
            sub = Math.Max(sub, Math.Abs(result.Trace("soma")[k] - refSoma[k]));
        output.WriteLine($"max |dV| 0-200 ms: {sub:F4} mV");
        Assert.True(sub < 0.1, $"sub-threshold deviation {sub} mV");
    }
}
