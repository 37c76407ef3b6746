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

    [SkippableFact]
    public void First_second_of_the_nmda_fixture_agrees_and_reports_json()
    {
        var path = SharedData.RequireFile("reference/neuron/l5pc_nmda_fixture.p");
        var report = NeuronIoValidation.Run(
            path,
            HayCell.Require(),
            new NeuronIoValidationOptions { MaxDurationMs = 1000 }
        );
        var r = report.Rows[1];
        output.WriteLine(
            $"first 1000 ms: rms {report.SomaRmsMv:F3} mV, ref [{string.Join(", ", r.ReferenceSpikeTimesMs)}], kit [{string.Join(", ", r.KitSpikeTimesMs)}]"
        );
        Assert.Equal(2, report.Simulations);
        // NMDA sim 0 fires once (301.25 ms), sim 1 six times before 1000 ms.
        Assert.Equal(new[] { 301.25 }, report.Rows[0].ReferenceSpikeTimesMs.ToArray());
        Assert.Equal(6, r.ReferenceSpikes);
        Assert.Equal(1.0, report.SpikeMatchFraction);
        Assert.True(report.SomaRmsMv < 0.1, $"soma RMS {report.SomaRmsMv} mV");
        using var json = System.Text.Json.JsonDocument.Parse(report.ToJson());
        foreach (
            var key in new[]
            {
                "soma_rms_mv",
                "spike_match_fraction",
                "simulations",
                "reference_spikes",
                "kit_spikes",
                "rows",
            }
        )
            Assert.True(json.RootElement.TryGetProperty(key, out _), key);
        Assert.Equal("CrankNicolson", json.RootElement.GetProperty("method").GetString());
    }
}
