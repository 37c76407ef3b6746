using System.Text.Json;
using Kit.Neuron.Simulation;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests.Branco;

/// <summary>
/// NEURON's results for the Branco et al. (2010) branch (shared/reference/l23_branco/branco2010_peaks.json) and the
/// cell, built once.
/// </summary>
internal static class BrancoReference
{
    private static readonly Lazy<BrancoBranch> Cell = new(() => new BrancoBranch());

    /// <summary>The built-in cell (no shared data needed).</summary>
    public static BrancoBranch Branch => Cell.Value;

    /// <summary>The parsed peaks file (skips when ../shared is absent).</summary>
    public static JsonElement Peaks()
    {
        var path = SharedData.RequireFile("reference/l23_branco/branco2010_peaks.json");
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    /// <summary>The reference run of one sequence and interval: (soma peak mV, dend[13](0.5) peak mV).</summary>
    public static (double SomaMv, double DendriteMv) Run(
        JsonElement peaks,
        string sequence,
        int intervalMs
    )
    {
        foreach (var r in peaks.GetProperty("peaks").EnumerateArray())
            if (
                r.GetProperty("sequence").GetString() == sequence
                && r.GetProperty("interval_ms").GetInt32() == intervalMs
            )
                return (
                    r.GetProperty("peak_soma_depolarisation_mV").GetDouble(),
                    r.GetProperty("peak_dend13_0p5_depolarisation_mV").GetDouble()
                );
        throw new KeyNotFoundException($"no reference run {sequence} at {intervalMs} ms");
    }

    /// <summary>Single-synapse somatic peaks (mV), by synapse index.</summary>
    public static double[] SinglePeaks(JsonElement peaks) =>
        [
            .. peaks
                .GetProperty("summary")
                .GetProperty("single_synapse_peak_soma_depolarisation_mV")
                .EnumerateArray()
                .OrderBy(e => e.GetProperty("synapse").GetInt32())
                .Select(e => e.GetProperty("peak_soma_depolarisation_mV").GetDouble()),
        ];
}
