using System.Text.Json;
using Kit.Neuron.Inputs;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests;

/// <summary>One simulation of shared/reference/neuron/l5pc_fixture_input_params.json (reference/README.md §1).</summary>
internal sealed record L5pcFixtureSimulation(
    string File,
    int Seed,
    int SimIndex,
    L5pcInputParameters Parameters,
    int ExcitatorySpikes,
    int InhibitorySpikes,
    int ExcitatoryAtT0,
    int InhibitoryAtT0
);

internal static class L5pcInputFixture
{
    public const string RelativePath = "reference/neuron/l5pc_fixture_input_params.json";

    private static IReadOnlyList<L5pcFixtureSimulation>? cache;

    /// <summary>All three fixture simulations (NMDA 0, NMDA 1, AMPA 0), or skips the test when ../shared is absent.</summary>
    public static IReadOnlyList<L5pcFixtureSimulation> Load()
    {
        var path = SharedData.RequireFile(RelativePath);
        return cache ??= Parse(path);
    }

    private static List<L5pcFixtureSimulation> Parse(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var list = new List<L5pcFixtureSimulation>();
        foreach (var file in doc.RootElement.GetProperty("fixtures").EnumerateObject())
        {
            int seed = file.Value.GetProperty("randomSeed").GetInt32();
            foreach (var s in file.Value.GetProperty("simulations").EnumerateArray())
            {
                double[] Row(string name) =>
                    [.. s.GetProperty(name).EnumerateArray().Select(e => e.GetDouble())];
                var p = new L5pcInputParameters(
                    s.GetProperty("hold_interval_K_ms").GetInt32(),
                    s.GetProperty("smoothing_sigma_ms").GetInt32(),
                    Row("coarse_Eb"),
                    Row("coarse_Ib"),
                    Row("coarse_Ea"),
                    Row("coarse_Ia")
                );
                Assert.Equal(s.GetProperty("num_coarse_samples_S").GetInt32(), p.RateSamples);
                list.Add(
                    new L5pcFixtureSimulation(
                        file.Name,
                        seed,
                        s.GetProperty("sim_index").GetInt32(),
                        p,
                        s.GetProperty("num_exc_input_spikes").GetInt32(),
                        s.GetProperty("num_inh_input_spikes").GetInt32(),
                        s.GetProperty("num_exc_synapses_with_spike_at_t0").GetInt32(),
                        s.GetProperty("num_inh_synapses_with_spike_at_t0").GetInt32()
                    )
                );
            }
        }
        return list;
    }
}
