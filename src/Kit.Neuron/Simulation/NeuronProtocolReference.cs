using System.Text.Json;

namespace Kit.Neuron.Simulation;

/// <summary>
/// NEURON runs of a protocol from a reference file (reference/neuron/protocols/*.json of the shared reference
/// folder, <see cref="Kit.Core.KitPaths.Shared"/>): one
/// <see cref="ProtocolRun"/> per run, named by condition and method ("soma_pulse_only, fixed dt 0.001").
/// </summary>
public static class NeuronProtocolReference
{
    /// <summary>Reads every run of <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a protocol reference (names the file and field).</exception>
    public static IReadOnlyList<ProtocolRun> Load(string path)
    {
        using (var doc = ReferenceJson.Parse(path))
        {
            var root = doc.RootElement;
            double dt = Get(root, "sampling_interval_ms", path).GetDouble();
            var runs = new List<ProtocolRun>();
            foreach (var run in Get(root, "runs", path).EnumerateArray())
            {
                var method = Get(run, "method", path);
                string type = Get(method, "type", path).GetString() ?? "";
                string label =
                    type == "fixed" && method.TryGetProperty("dt_ms", out var d)
                        ? $"fixed dt {d.GetDouble()}"
                        : type;
                string condition = run.TryGetProperty("condition", out var c)
                    ? c.GetString() ?? ""
                    : "";
                var traces = Get(run, "traces", path);
                runs.Add(
                    new ProtocolRun(
                        string.IsNullOrEmpty(condition) ? label : $"{condition}, {label}",
                        dt,
                        Doubles(Get(traces, "soma_v_mV", path)),
                        Doubles(Get(traces, "nexus_v_mV", path)),
                        run.TryGetProperty("soma_spike_times_ms", out var s) ? Doubles(s) : []
                    )
                );
            }
            return runs;
        }
    }

    private static JsonElement Get(JsonElement e, string name, string path) =>
        ReferenceJson.Get(e, name, path);

    private static double[] Doubles(JsonElement array) => ReferenceJson.Doubles(array);
}
