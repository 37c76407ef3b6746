using System.Text.Json;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests;

/// <summary>One simulation of shared/reference/integrate_and_fire/if_fixture.json (reference/README.md §3).</summary>
internal sealed record IfFixtureSimulation(
    int[] Rows,
    int[] Times,
    int K,
    int Sigma,
    int RateSamples,
    int[] OutputBins,
    double[] Voltage64,
    float[] Voltage32Clipped
);

internal static class IfFixture
{
    public const string RelativePath = "reference/integrate_and_fire/if_fixture.json";

    private static IReadOnlyList<IfFixtureSimulation>? cache;

    /// <summary>The fixture's simulations, or skips the test when ../shared is absent.</summary>
    public static IReadOnlyList<IfFixtureSimulation> Load()
    {
        var path = SharedData.RequireFile(RelativePath);
        return cache ??= Parse(path);
    }

    private static List<IfFixtureSimulation> Parse(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var list = new List<IfFixtureSimulation>();
        foreach (var s in doc.RootElement.GetProperty("simulations").EnumerateArray())
        {
            var p = s.GetProperty("drawn_input_parameters");
            list.Add(
                new IfFixtureSimulation(
                    Ints(s.GetProperty("input_spike_rows")),
                    Ints(s.GetProperty("input_spike_times_ms")),
                    p.GetProperty("keep_inst_rate_const_for_ms").GetInt32(),
                    p.GetProperty("temporal_inst_rate_smoothing_sigma").GetInt32(),
                    p.GetProperty("num_inst_rate_samples").GetInt32(),
                    Ints(s.GetProperty("output_spike_bins_ms")),
                    s.GetProperty("soma_voltage_mV_float64_unclipped")
                        .EnumerateArray()
                        .Select(e => e.GetDouble())
                        .ToArray(),
                    s.GetProperty("soma_voltage_mV_float32_clipped")
                        .EnumerateArray()
                        .Select(e => e.GetSingle())
                        .ToArray()
                )
            );
        }
        return list;
    }

    private static int[] Ints(JsonElement e) =>
        e.EnumerateArray().Select(x => x.GetInt32()).ToArray();
}
