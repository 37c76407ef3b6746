using System.Text.Json.Nodes;
using Kit.Neuron.Data;

namespace Kit.Neuron.Tests.Sources;

/// <summary>
/// Writes small kit dataset folders as <c>kit simulate l5pc</c> lays them out (manifest.json with its part table,
/// part-NNNNN.npz whose config names the part), from synthetic records.
/// </summary>
internal static class KitFolder
{
    /// <summary>
    /// <paramref name="count"/> random simulations of <paramref name="channels"/> x <paramref name="durationMs"/>;
    /// simulation i's first soma bin is i (mV), so order and identity are visible.
    /// </summary>
    public static SimulationRecord[] Records(
        int count,
        int channels = 6,
        int durationMs = 30,
        int seed = 1,
        bool nexus = true
    )
    {
        var rng = new System.Random(seed);
        var records = new SimulationRecord[count];
        for (int i = 0; i < count; i++)
        {
            var spikes = new SortedSet<(int T, int C)>();
            int n = rng.Next(0, 3 * durationMs);
            for (int k = 0; k < n; k++)
                spikes.Add((rng.Next(durationMs), rng.Next(channels)));
            var soma = new float[durationMs];
            for (int t = 0; t < durationMs; t++)
                soma[t] = -70f + 20f * (float)rng.NextDouble();
            soma[0] = i;
            double[] outputs =
            [
                .. Enumerable
                    .Range(0, rng.Next(0, 4))
                    .Select(_ => rng.Next(durationMs * 8) / 8.0)
                    .Distinct()
                    .Order(),
            ];
            float[]? nex = nexus
                ? [.. Enumerable.Range(0, durationMs).Select(_ => (float)rng.NextDouble())]
                : null;
            records[i] = new SimulationRecord(
                channels,
                durationMs,
                [.. spikes.Select(s => s.C)],
                [.. spikes.Select(s => s.T)],
                soma,
                outputs,
                nex
            );
        }
        return records;
    }

    /// <summary>Writes <paramref name="records"/> into <paramref name="dir"/> in parts of <paramref name="perPart"/>.</summary>
    public static void Write(
        string dir,
        IReadOnlyList<SimulationRecord> records,
        int perPart,
        string synapses = "ampa-nmda"
    )
    {
        Directory.CreateDirectory(dir);
        int parts = (records.Count + perPart - 1) / perPart;
        var table = new JsonArray();
        for (int p = 0; p < parts; p++)
        {
            int first = p * perPart,
                n = Math.Min(perPart, records.Count - first);
            var name = L5pcDatasetConfig.PartFileName(p);
            var config = Config(records.Count, perPart, synapses);
            config["part"] = new JsonObject
            {
                ["index"] = p,
                ["first_simulation"] = first,
                ["simulations"] = n,
            };
            DatasetFile.Write(
                Path.Combine(dir, name),
                new SpikeDataset(
                    new DatasetMetadata(
                        L5pcDatasetFactory.Generator,
                        17,
                        "test",
                        records[0].Channels / 2,
                        config.ToJsonString()
                    )
                    {
                        ChannelLayout = "test layout",
                    },
                    [.. records.Skip(first).Take(n)]
                )
            );
            table.Add(
                new JsonObject
                {
                    ["file"] = name,
                    ["first_simulation"] = first,
                    ["simulations"] = n,
                }
            );
        }
        var manifest = new JsonObject
        {
            ["format"] = L5pcDatasetFactory.ManifestFormat,
            ["format_version"] = 1,
            ["generator"] = L5pcDatasetFactory.Generator,
            ["kit_version"] = "test",
            ["simulations"] = records.Count,
            ["parts"] = parts,
            ["config"] = Config(records.Count, perPart, synapses),
            ["part_files"] = table,
        };
        File.WriteAllText(
            Path.Combine(dir, L5pcDatasetFactory.ManifestFileName),
            manifest.ToJsonString()
        );
    }

    private static JsonObject Config(int simulations, int perPart, string synapses) =>
        new()
        {
            ["cell"] = "hay-l5pc",
            ["synapses"] = synapses,
            ["simulations"] = simulations,
            ["simulations_per_part"] = perPart,
            ["seed"] = 17,
        };
}
