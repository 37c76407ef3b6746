using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kit.Neuron.Data.Sources;

/// <summary>
/// A kit dataset folder as written by <c>kit simulate l5pc</c> (<see cref="L5pcDatasetFactory"/>):
/// <c>manifest.json</c> plus <c>part-00000.npz, ...</c>, one block per part file, read a part at a time.
/// Opening it reads the manifest and the first part's <c>metadata.json</c> only.
/// </summary>
public sealed class KitDatasetSource : ISimulationSource
{
    private readonly string[] parts;
    private readonly int[]? partSimulations;

    /// <summary>Opens the dataset folder <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The folder is missing, holds no manifest, the manifest is not a kit manifest, or a part named by it is
    /// missing (the dataset is incomplete); the message names the path.
    /// </exception>
    public KitDatasetSource(string folder)
    {
        if (!Directory.Exists(folder))
            throw new InvalidDataException(
                File.Exists(folder)
                    ? $"{folder}: a file, not a kit dataset folder"
                    : $"{folder}: dataset folder not found"
            );
        Folder = folder;
        var manifestPath = Path.Combine(folder, L5pcDatasetFactory.ManifestFileName);
        if (!File.Exists(manifestPath))
            throw new InvalidDataException(
                $"{folder}: not a kit dataset folder (no {L5pcDatasetFactory.ManifestFileName}; "
                    + "kit simulate l5pc writes one)"
            );
        Manifest = ReadManifest(manifestPath);
        int count = Int(Manifest, "parts", manifestPath);
        Simulations = Int(Manifest, "simulations", manifestPath);
        Generator =
            Manifest["generator"] is JsonValue g && g.TryGetValue(out string? gen)
                ? gen
                : throw new InvalidDataException($"{manifestPath}: key 'generator' missing");
        (parts, partSimulations) = PartFiles(manifestPath, count);

        var blocks = new SimulationBlock[parts.Length];
        for (int p = 0; p < parts.Length; p++)
        {
            var info = new FileInfo(parts[p]);
            if (!info.Exists)
                throw new InvalidDataException(
                    $"{parts[p]}: part {p} of {parts.Length} is missing (incomplete dataset, run kit simulate again)"
                );
            blocks[p] = new SimulationBlock(parts[p], info.Length);
        }
        Blocks = blocks;

        var header = Read(0, DatasetFile.ReadHeader);
        Channels = header.Channels;
        DurationMs = header.DurationMs;
        // As L5pcDatasetFactory.ReadAll: the first part's metadata without its 'part' entry.
        var config = ParseConfig(header.Metadata.ConfigJson, parts[0]);
        config?.Remove("part");
        Metadata = header.Metadata with { ConfigJson = config?.ToJsonString() ?? "" };
    }

    /// <summary>The dataset folder.</summary>
    public string Folder { get; }

    /// <inheritdoc/>
    public string Name => Folder;

    /// <inheritdoc/>
    public int Channels { get; }

    /// <summary>Length of the simulations (1 ms bins), from the first part.</summary>
    public int DurationMs { get; }

    /// <summary>Simulations in the whole dataset (the manifest's count).</summary>
    public int Simulations { get; }

    /// <summary>The generator of the dataset (e.g. <c>hay-l5pc/beniaguev2021</c>), from the manifest.</summary>
    public string Generator { get; }

    /// <summary>
    /// What the dataset records about how it was made: the first part's metadata with its <c>part</c> entry removed
    /// (the same as <see cref="L5pcDatasetFactory.ReadAll"/>'s). <c>ConfigJson</c> holds the generating config
    /// (for the L5PC: <c>synapses</c> <c>ampa-nmda</c> or <c>ampa</c>, morphology and its SHA-256, seed, method).
    /// </summary>
    public DatasetMetadata Metadata { get; }

    /// <summary>The manifest as read (a copy is not made: do not modify it).</summary>
    public JsonObject Manifest { get; }

    /// <summary>The generating config as a JSON object (a fresh copy each call), or null when the dataset has none.</summary>
    public JsonObject? Config =>
        string.IsNullOrEmpty(Metadata.ConfigJson)
            ? null
            : JsonNode.Parse(Metadata.ConfigJson)?.AsObject();

    /// <inheritdoc/>
    public IReadOnlyList<SimulationBlock> Blocks { get; }

    /// <inheritdoc/>
    public void ForEach(int block, Action<SimulationRecord> onSimulation)
    {
        var data = Read(block, DatasetFile.Read);
        var path = parts[block];
        if (partSimulations is { } expected && data.Simulations.Count != expected[block])
            throw new InvalidDataException(
                $"{path}: holds {data.Simulations.Count} simulations, the manifest says {expected[block]}"
            );
        for (int i = 0; i < data.Simulations.Count; i++)
            if (data.Simulations[i].Channels != Channels)
                throw new InvalidDataException(
                    $"{path}: simulation {i} has {data.Simulations[i].Channels} channels, "
                        + $"{parts[0]} has {Channels} (parts of different datasets?)"
                );
        foreach (var s in data.Simulations)
            onSimulation(s);
    }

    /// <summary>Runs <paramref name="read"/> on part <paramref name="block"/>; every failure names the part file.</summary>
    private T Read<T>(int block, Func<string, T> read)
    {
        if ((uint)block >= (uint)parts.Length)
            throw new ArgumentOutOfRangeException(
                nameof(block),
                block,
                $"{Folder} has blocks 0..{parts.Length - 1}"
            );
        var path = parts[block];
        try
        {
            return read(path);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidDataException(
                $"{path}: part {block} of {parts.Length} is missing (incomplete dataset, run kit simulate again)",
                e
            );
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: corrupt part file: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"{path}: unreadable part file: {e.Message}", e);
        }
    }

    /// <summary>A dataset folder's <c>manifest.json</c>, checked to be one of format version 1 (also the factory's reader).</summary>
    /// <exception cref="InvalidDataException">Not JSON, not a kit dataset manifest, or another version (naming the file).</exception>
    internal static JsonObject ReadManifest(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
        }
        if (
            node is not JsonObject o
            || o["format"] is not JsonValue f
            || !f.TryGetValue(out string? format)
            || format != L5pcDatasetFactory.ManifestFormat
        )
            throw new InvalidDataException(
                $"{path}: not a kit dataset manifest (expected format '{L5pcDatasetFactory.ManifestFormat}')"
            );
        int version = Int(o, "format_version", path);
        if (version != 1)
            throw new InvalidDataException(
                $"{path}: format_version {version}, this kit reads version 1"
            );
        return o;
    }

    /// <summary>The part files: the manifest's table when present (file names only), else part-NNNNN.npz.</summary>
    private (string[] Files, int[]? Counts) PartFiles(string manifestPath, int count)
    {
        if (count <= 0)
            throw new InvalidDataException(
                $"{manifestPath}: 'parts' is {count}; a dataset has at least one part"
            );
        if (Manifest["part_files"] is not JsonArray table)
            return (
                [
                    .. Enumerable
                        .Range(0, count)
                        .Select(p => Path.Combine(Folder, L5pcDatasetConfig.PartFileName(p))),
                ],
                null
            );
        if (table.Count != count)
            throw new InvalidDataException(
                $"{manifestPath}: 'part_files' lists {table.Count} parts, 'parts' says {count}"
            );
        var files = new string[count];
        var counts = new int[count];
        for (int p = 0; p < count; p++)
        {
            var entry =
                table[p] as JsonObject
                ?? throw new InvalidDataException(
                    $"{manifestPath}: part_files[{p}] is not an object"
                );
            var name = entry["file"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
            if (string.IsNullOrEmpty(name) || Path.GetFileName(name) != name)
                throw new InvalidDataException(
                    $"{manifestPath}: part_files[{p}].file must be a file name in the folder, got '{name}'"
                );
            files[p] = Path.Combine(Folder, name);
            counts[p] = Int(entry, "simulations", $"{manifestPath}: part_files[{p}]");
        }
        return (files, counts);
    }

    private static int Int(JsonObject o, string key, string where)
    {
        try
        {
            return o[key]?.GetValue<int>()
                ?? throw new InvalidDataException($"{where}: key '{key}' missing");
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{where}: key '{key}' should be an integer", e);
        }
    }

    private static JsonObject? ParseConfig(string json, string path)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: config in metadata.json is not JSON", e);
        }
    }
}
