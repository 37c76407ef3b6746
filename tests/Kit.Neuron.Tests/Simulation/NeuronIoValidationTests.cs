using Kit.Neuron.Simulation;
using Kit.Neuron.Tests.Morphology;
using Kit.Tests.Shared;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>Issue 3 acceptance: re-simulating the NeuronIO fixtures (minutes each in Release).</summary>
public sealed class NeuronIoValidationTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [Trait("Category", "Slow")]
    [InlineData("l5pc_ampa_fixture.p", IntegrationMethod.BackwardEuler, 0.005)]
    [InlineData("l5pc_nmda_fixture.p", IntegrationMethod.BackwardEuler, 0.005)]
    [InlineData("l5pc_ampa_fixture.p", IntegrationMethod.CrankNicolson, 0.025)]
    [InlineData("l5pc_nmda_fixture.p", IntegrationMethod.CrankNicolson, 0.025)]
    public void Fixture_soma_rms_and_spike_match(string file, IntegrationMethod method, double dtMs)
    {
        var path = SharedData.RequireFile($"reference/neuron/{file}");
        var options = new NeuronIoValidationOptions
        {
            Simulation = new SimulationOptions { DtMs = dtMs, Method = method },
        };
        var report = NeuronIoValidation.Run(path, HayCell.Require(), options);
        foreach (var r in report.Rows)
            output.WriteLine(
                $"sim {r.Simulation}: rms {r.SomaRmsMv:F3} mV, spikes ref {r.ReferenceSpikes} kit {r.KitSpikes} matched {r.MatchedSpikes}\n"
                    + $"  ref [{string.Join(", ", r.ReferenceSpikeTimesMs.Select(t => t.ToString("F3")))}]\n"
                    + $"  kit [{string.Join(", ", r.KitSpikeTimesMs.Select(t => t.ToString("F3")))}]"
            );
        output.WriteLine(
            $"{file}: soma_rms_mv {report.SomaRmsMv:F3}, spike_match_fraction {report.SpikeMatchFraction:F3}, "
                + $"wall {report.WallSeconds:F0} s at dt {report.DtMs} ({report.Method})"
        );
        Assert.True(report.SomaRmsMv <= 0.5, $"soma RMS {report.SomaRmsMv} mV");
        Assert.True(report.SpikeMatchFraction >= 0.95, $"spike match {report.SpikeMatchFraction}");
    }
}
