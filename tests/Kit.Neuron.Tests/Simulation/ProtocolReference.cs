using System.Text.Json;
using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;
using Kit.Neuron.Tests.Morphology;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>Readers for the NEURON protocol references (shared/reference/neuron/protocols/*.json) and the bare Hay cell.</summary>
internal static class ProtocolReference
{
    private static readonly Lazy<CellModel> BareCell = new(() =>
        new HayL5pc(HayCell.Require(), L5pcBiophysics.Biophys5b) { WithSynapses = false }.Build()
    );

    /// <summary>The Hay L5PC without synapses (skips when ../shared is absent).</summary>
    public static CellModel Bare()
    {
        HayCell.Require();
        return BareCell.Value;
    }

    /// <summary>The parsed protocol file (skips when absent).</summary>
    public static JsonElement Load(string name)
    {
        var path = SharedData.RequireFile($"reference/neuron/protocols/{name}.json");
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    /// <summary>The run of <paramref name="runs"/> whose method is fixed-step (dtMs) or CVODE (null).</summary>
    public static JsonElement Run(JsonElement runs, double? dtMs)
    {
        foreach (var r in runs.EnumerateArray())
        {
            var m = r.GetProperty("method");
            string type = m.GetProperty("type").GetString()!;
            if (dtMs is null && type == "cvode")
                return r;
            if (
                dtMs is { } dt
                && type == "fixed"
                && Math.Abs(m.GetProperty("dt_ms").GetDouble() - dt) < 1e-12
            )
                return r;
        }
        throw new InvalidOperationException(
            $"no run with method dt = {dtMs?.ToString() ?? "cvode"}"
        );
    }

    public static double[] Doubles(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static int Node(CellModel cell, (string Section, double X) site) =>
        cell.Tree.NodeAt(site.Section, site.X);
}
