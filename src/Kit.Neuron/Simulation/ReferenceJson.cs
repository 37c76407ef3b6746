using System.Text.Json;

namespace Kit.Neuron.Simulation;

/// <summary>
/// Reading NEURON's JSON reference files (protocol runs, the burst case): every failure names the file and the
/// missing field, as an <see cref="InvalidDataException"/>.
/// </summary>
internal static class ReferenceJson
{
    /// <summary>Parses <paramref name="path"/>; a file that is not JSON fails naming it.</summary>
    public static JsonDocument Parse(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            return JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not JSON ({e.Message})", e);
        }
    }

    /// <summary>Field <paramref name="name"/> of object <paramref name="e"/>, or an error naming file and field.</summary>
    public static JsonElement Get(JsonElement e, string name, string path) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v
            : throw new InvalidDataException($"{path}: missing field '{name}'");

    /// <summary>A JSON array of numbers.</summary>
    public static double[] Doubles(JsonElement array) =>
        [.. array.EnumerateArray().Select(x => x.GetDouble())];
}
