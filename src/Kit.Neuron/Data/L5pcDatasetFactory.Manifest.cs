using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Neuron.Data.Sources;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Data;

// The dataset's description on disk: the generating config, the part metadata, the manifest (written once,
// checked on every later run), the verification of parts present and the reading of a whole folder.
public sealed partial class L5pcDatasetFactory
{
    /// <summary>The manifest's file name in the output folder.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The <c>format</c> of the manifest.</summary>
    public const string ManifestFormat = "neuronkit-dataset-parts";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The generating config as JSON (key order fixed), recorded in the manifest and, with <c>part</c> added, in
    /// every part's metadata.
    /// </summary>
    public JsonObject ConfigJson(int? part = null) => ConfigJson(Config, part);

    /// <summary><see cref="ConfigJson(int?)"/> of another config of this cell (e.g. another simulation count).</summary>
    private JsonObject ConfigJson(L5pcDatasetConfig c, int? part)
    {
        var input = c.InputConfig;
        var o = new JsonObject
        {
            ["cell"] = "hay-l5pc",
            ["biophysics"] = "L5PCbiophys5b",
            ["synapses"] = c.SynapsesName,
            ["input_config"] = input.Name,
            ["simulations"] = c.Simulations,
            ["duration_ms"] = c.DurationMs,
            ["seed"] = c.Seed,
            ["dt_ms"] = c.Simulation.DtMs,
            ["method"] = c.Simulation.Method.ToString(),
            ["refinement"] = c.Simulation.Refinement is { } r
                ? new JsonObject
                {
                    ["factor"] = r.Factor,
                    ["above_mv"] = r.AboveMv,
                    ["hold_ms"] = r.HoldMs,
                    ["note"] =
                        c.Engine == SimulationEngine.Cpu
                            ? "a step is refined when any lane of its lane group needs it: the lane groups are part of the dataset's identity"
                            : "each simulation refines its own steps (GPU engine, one thread per simulation)",
                }
                : null,
            ["rate_tables"] = c.Simulation.UseRateTables,
            ["lanes"] = c.Lanes,
            ["simulations_per_part"] = c.SimulationsPerPart,
            ["morphology"] = Path.GetFileName(MorphologyPath),
            ["morphology_sha256"] = MorphologySha256,
            ["segments"] = generator.Segments,
            ["recorded"] =
                "soma(0.5) and nexus apic[50](0.9) voltage at integer ms (1 ms bins, bin k = voltage at k ms)",
            ["output_spike_rule"] =
                "strict local maxima above -25 mV of the 0.125 ms soma trace (the dataset rule)",
            ["inputs"] = InputsNote,
            ["input_stream"] =
                "simulation i draws from NumPy's legacy generator seeded with init_by_array([seed, i])",
            ["input_protocol"] = JsonSerializer.SerializeToNode(input),
        };
        // Absent means the CPU engine (datasets written before the GPU engine keep their manifests and parts).
        if (c.Engine != SimulationEngine.Cpu)
            o["engine"] = SimulationEngines.Name(c.Engine);
        if (part is { } p)
        {
            var (first, count) = c.PartRange(p);
            o["part"] = new JsonObject
            {
                ["index"] = p,
                ["first_simulation"] = first,
                ["simulations"] = count,
            };
        }
        return o;
    }

    /// <summary>The NeuronIO channel layout text of the metadata.</summary>
    public string ChannelLayout =>
        "NeuronIO order: channel k < "
        + generator.Segments.ToString(CultureInfo.InvariantCulture)
        + " is the excitatory synapse of dataset segment k (basal dend[0..] then apical apic[0..], segments in "
        + "order within a section), channel "
        + generator.Segments.ToString(CultureInfo.InvariantCulture)
        + " + k its inhibitory synapse; 1 ms bins";

    /// <summary>The metadata of part <paramref name="part"/>.</summary>
    public DatasetMetadata PartMetadata(int part) =>
        new(
            Generator,
            Config.Seed,
            KitInfo.Version,
            generator.Segments,
            ConfigJson(part).ToJsonString()
        )
        {
            ChannelLayout = ChannelLayout,
        };

    /// <summary>
    /// Reads every part of a complete dataset folder, in order, as one dataset (the metadata of part 0 with its
    /// <c>part</c> entry removed).
    /// </summary>
    /// <exception cref="InvalidDataException">A part is missing or corrupt (the message names it).</exception>
    public static SpikeDataset ReadAll(string outDir)
    {
        var manifestPath = Path.Combine(outDir, ManifestFileName);
        if (!File.Exists(manifestPath))
            throw new InvalidDataException($"{manifestPath}: manifest not found");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        int parts = manifest["parts"]!.GetValue<int>();
        var sims = new List<SimulationRecord>();
        DatasetMetadata? meta = null;
        for (int p = 0; p < parts; p++)
        {
            var path = Path.Combine(outDir, L5pcDatasetConfig.PartFileName(p));
            if (!File.Exists(path))
                throw new InvalidDataException(
                    $"{path}: part {p} of {parts} is missing (the dataset is incomplete; run kit simulate again)"
                );
            var d = DatasetFile.Read(path);
            if (meta == null)
            {
                var config = JsonNode.Parse(d.Metadata.ConfigJson)!.AsObject();
                config.Remove("part");
                meta = d.Metadata with { ConfigJson = config.ToJsonString() };
            }
            sims.AddRange(d.Simulations);
        }
        return new SpikeDataset(meta!, sims);
    }

    private void WriteOrCheckManifest(string outDir)
    {
        var path = Path.Combine(outDir, ManifestFileName);
        var config = ConfigJson();
        if (File.Exists(path))
        {
            var old = ReadManifestConfig(path, "delete it to start this folder afresh");
            if (Differences(old, config, "now") is { } differences)
                throw new InvalidOperationException(
                    $"{outDir} already holds a different dataset ({path}): {differences}. Use another --out folder."
                );
            return;
        }
        var partsTable = new JsonArray();
        for (int p = 0; p < Config.Parts; p++)
        {
            var (first, count) = Config.PartRange(p);
            partsTable.Add(
                new JsonObject
                {
                    ["file"] = L5pcDatasetConfig.PartFileName(p),
                    ["first_simulation"] = first,
                    ["simulations"] = count,
                }
            );
        }
        var manifest = new JsonObject
        {
            ["format"] = ManifestFormat,
            ["format_version"] = 1,
            ["generator"] = Generator,
            ["kit_version"] = KitInfo.Version,
            ["simulations"] = Config.Simulations,
            ["parts"] = Config.Parts,
            ["sharding"] =
                "shard i/n (0-based) writes parts i, i+n, i+2n, ...; shards may run at once into one folder; "
                + "a part is complete when its file exists (files are renamed into place when whole)",
            ["config"] = config,
            ["part_files"] = partsTable,
        };
        AtomicFile.WriteAllText(path, manifest.ToJsonString(Indented) + "\n");
    }

    /// <summary>The <c>config</c> object of the manifest at <paramref name="path"/> (read by <see cref="KitDatasetSource"/>'s reader).</summary>
    /// <param name="path">A <c>manifest.json</c>.</param>
    /// <param name="remedy">What the error tells the reader to do.</param>
    /// <exception cref="InvalidDataException">Not JSON, not a dataset-parts manifest or without a config (naming the file).</exception>
    private static JsonObject ReadManifestConfig(string path, string remedy)
    {
        JsonObject manifest;
        try
        {
            manifest = KitDatasetSource.ReadManifest(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message}; {remedy}", e);
        }
        return manifest["config"] as JsonObject
            ?? throw new InvalidDataException(
                $"{path}: not a {ManifestFormat} manifest (no 'config' object); {remedy}"
            );
    }

    /// <summary>
    /// What differs between a config found on disk and this run's, key by key (<c>seed 17 there, 18 now</c>; a key
    /// absent on one side differs), or null when they are the same.
    /// </summary>
    /// <param name="there">The config on disk.</param>
    /// <param name="here">This run's.</param>
    /// <param name="hereWord">What the message calls this run's value (<c>now</c>, <c>here</c>).</param>
    private static string? Differences(JsonObject there, JsonObject here, string hereWord)
    {
        var keys = there
            .Select(kv => kv.Key)
            .Union(here.Select(kv => kv.Key))
            .Where(k => !JsonNode.DeepEquals(there[k], here[k]))
            .ToArray();
        return keys.Length == 0
            ? null
            : string.Join(
                "; ",
                keys.Select(k =>
                    $"{k} {there[k]?.ToJsonString() ?? "absent"} there, {here[k]?.ToJsonString() ?? "absent"} {hereWord}"
                )
            );
    }

    private void VerifyPart(string path, int part) => ReadVerifiedPart(path, Config, part);

    /// <summary>Reads part <paramref name="part"/> of a dataset of config <paramref name="c"/> and checks it is one.</summary>
    /// <exception cref="InvalidDataException">Corrupt, of another dataset or of another kit version (naming the file).</exception>
    private SpikeDataset ReadVerifiedPart(string path, L5pcDatasetConfig c, int part)
    {
        SpikeDataset d;
        try
        {
            d = DatasetFile.Read(path);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException(
                $"{path}: corrupt part file ({e.Message}); delete it and run again to regenerate it",
                e
            );
        }
        var expected = ConfigJson(c, part);
        JsonNode? found;
        try
        {
            found = JsonNode.Parse(d.Metadata.ConfigJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: config in metadata.json is not JSON", e);
        }
        var (_, count) = c.PartRange(part);
        if (
            d.Metadata.Generator != Generator
            || !JsonNode.DeepEquals(found, expected)
            || d.Simulations.Count != count
        )
            throw new InvalidDataException(
                $"{path}: part of a different dataset (its generator or config differ from this run's); "
                    + "delete it or use another --out folder"
            );
        if (d.Metadata.KitVersion != KitInfo.Version)
            throw new InvalidDataException(
                $"{path}: written by kit {d.Metadata.KitVersion}, this is kit {KitInfo.Version}; finish the dataset "
                    + "with the same version or use another --out folder"
            );
        return d;
    }
}
