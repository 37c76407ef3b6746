using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Kit.Core;
using Kit.Learning.Training;
using TorchSharp;

namespace Kit.Learning.Models;

/// <summary>
/// A trained network on disk, as <c>kit evaluate</c> and notebooks load it: a folder holding <c>model.json</c>
/// (format <c>neuronkit-model</c>, version 1: the architecture, the voltage target transform, the input channels,
/// the kit version, the parameter count and a free-form <c>training</c> object) and <c>weights.bin</c> (the
/// TorchSharp state dict: parameters and BatchNorm statistics).
/// </summary>
/// <remarks>
/// The architecture is the <see cref="CausalNetConfig"/> serialised property by property (snake_case names, enums
/// by name), so a property added to the config is saved and read back without changes here; a property this kit
/// does not know (a model saved by a newer kit) is an error rather than silently dropped.
/// </remarks>
public static class ModelFolder
{
    /// <summary>The <c>format</c> of model.json.</summary>
    public const string FormatName = "neuronkit-model";

    /// <summary>The <c>format_version</c> this kit writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The description file's name.</summary>
    public const string ModelFile = "model.json";

    /// <summary>The weights file's name.</summary>
    public const string WeightsFile = "weights.bin";

    private static readonly JsonSerializerOptions ArchitectureOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>
    /// Writes <paramref name="model"/> to the folder <paramref name="folder"/> (created if needed): weights first,
    /// <c>model.json</c> last, each atomically, after removing an older <c>model.json</c>; so an interrupted save
    /// never leaves a folder that loads with mismatched parts. Other files in the folder are left alone.
    /// </summary>
    /// <param name="folder">The model folder.</param>
    /// <param name="model">The trained network.</param>
    /// <param name="target">The voltage target it was trained with; its offset must be resolved.</param>
    /// <param name="training">How it was trained (profile, data, train seconds, ...), copied into model.json.</param>
    /// <exception cref="ArgumentException">The target's offset is unresolved.</exception>
    public static void Save(
        string folder,
        CausalNet model,
        TargetTransform target,
        JsonObject? training = null
    )
    {
        if (target.OffsetMv is not { } offset)
            throw new ArgumentException(
                "the target's voltage offset is unresolved (TargetTransform.Resolve); a saved model needs it",
                nameof(target)
            );
        var json = new JsonObject
        {
            ["format"] = FormatName,
            ["format_version"] = FormatVersion,
            ["kit_version"] = KitInfo.Version,
            ["architecture"] = ArchitectureToJson(model.Config),
            ["target"] = new JsonObject { ["clip_mv"] = target.ClipMv, ["offset_mv"] = offset },
            ["input_channels"] = model.Config.Channels,
            ["history_ms"] = model.Config.HistoryMs,
            ["parameter_count"] = model.ParameterCount(),
            ["weights"] = WeightsFile,
            ["weights_format"] =
                "TorchSharp Module.save state dict (parameters and BatchNorm statistics, float32)",
            ["training"] = training?.DeepClone(),
        };
        Directory.CreateDirectory(folder);
        var modelPath = Path.Combine(folder, ModelFile);
        File.Delete(modelPath);
        TrainingCheckpoint.SaveModel(Path.Combine(folder, WeightsFile), model);
        AtomicFile.WriteAllText(modelPath, json.ToJsonString(Indented) + "\n");
    }

    /// <summary>
    /// Reads the model folder <paramref name="folder"/>: the network (eval mode) on <paramref name="device"/>
    /// (default: the CPU), its architecture, target and training record. The torch random state is left as it was.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The folder, <c>model.json</c> or <c>weights.bin</c> is missing, model.json is not a <c>neuronkit-model</c>
    /// (or is newer than this kit), the architecture is invalid, or the weights are truncated or do not fit the
    /// architecture; the message names the file and the field.
    /// </exception>
    /// <exception cref="DeviceUnavailableException"><paramref name="device"/> is <c>cuda</c> and there is no GPU.</exception>
    public static SavedModel Load(string folder, DeviceSetting? device = null)
    {
        var torchDevice = (device ?? DeviceSetting.Cpu).Resolve();
        if (!Directory.Exists(folder))
            throw new InvalidDataException(
                File.Exists(folder)
                    ? $"{folder}: a file, not a model folder"
                    : $"{folder}: model folder not found"
            );
        var modelPath = Path.Combine(folder, ModelFile);
        var weightsPath = Path.Combine(folder, WeightsFile);
        if (!File.Exists(modelPath))
            throw new InvalidDataException(
                File.Exists(Path.Combine(folder, TrainingCheckpoint.StateFile))
                    ? $"{modelPath}: missing; {folder} is a training checkpoint folder, not a model folder "
                        + "(ModelFolder.Save writes one)"
                    : $"{modelPath}: missing; {folder} is not a model folder (ModelFolder.Save writes one)"
            );
        if (!File.Exists(weightsPath))
            throw new InvalidDataException(
                $"{weightsPath}: missing (the model folder is incomplete)"
            );

        var json = ReadModelJson(modelPath);
        var config = ReadArchitecture(json, modelPath);
        var target = new TargetTransform(
            Number(json, "target", "clip_mv", modelPath),
            Number(json, "target", "offset_mv", modelPath)
        );
        int channels = Field(json, "input_channels", modelPath, n => n.GetValue<int>());
        if (channels != config.Channels)
            throw new InvalidDataException(
                $"{modelPath}: input_channels {channels} differs from architecture.channels {config.Channels}"
            );
        var kitVersion = Field(json, "kit_version", modelPath, n => n.GetValue<string>());
        var training = json["training"] switch
        {
            null => null,
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw new InvalidDataException(
                $"{modelPath}: field 'training' should be an object or null"
            ),
        };

        var model = BuildUntouchedRandomState(config);
        try
        {
            try
            {
                TrainingCheckpoint.LoadModel(weightsPath, model);
            }
            catch (CheckpointException e)
            {
                throw new InvalidDataException(
                    e.InnerException is EndOfStreamException
                        ? $"{weightsPath}: truncated (it ends before the last tensor of the architecture in {ModelFile})"
                        : $"{weightsPath}: the weights do not fit the architecture in {ModelFile} or are damaged: "
                            + (e.InnerException?.Message ?? e.Message),
                    e
                );
            }
            long parameters = Field(json, "parameter_count", modelPath, n => n.GetValue<long>());
            if (parameters != model.ParameterCount())
                throw new InvalidDataException(
                    $"{modelPath}: parameter_count {parameters}, but the architecture has {model.ParameterCount()}"
                );
            model.eval();
            model.to(torchDevice);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return new SavedModel(folder, model, config, target, training, kitVersion, torchDevice);
    }

    /// <summary>The architecture as model.json stores it (every public property, snake_case).</summary>
    internal static JsonObject ArchitectureToJson(CausalNetConfig config) =>
        JsonSerializer.SerializeToNode(config, ArchitectureOptions)!.AsObject();

    /// <summary>The architecture from model.json's form; <see cref="JsonException"/> when it does not fit.</summary>
    internal static CausalNetConfig ArchitectureFromJson(JsonNode node) =>
        node.Deserialize<CausalNetConfig>(ArchitectureOptions)
        ?? throw new JsonException("the architecture is null");

    private static JsonObject ReadModelJson(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"{path}: not valid JSON ({e.Message}); not a {FormatName} file",
                e
            );
        }
        if (node is not JsonObject o)
            throw new InvalidDataException(
                $"{path}: not a {FormatName} file (expected a JSON object)"
            );
        var format = o["format"] is JsonValue f && f.TryGetValue(out string? s) ? s : null;
        if (format != FormatName)
            throw new InvalidDataException(
                format == null
                    ? $"{path}: field 'format' missing; not a {FormatName} file"
                    : $"{path}: field 'format' is '{format}', expected '{FormatName}'"
            );
        int version = Field(o, "format_version", path, n => n.GetValue<int>());
        if (version > FormatVersion)
            throw new InvalidDataException(
                $"{path}: field 'format_version' is {version}, newer than this kit reads ({FormatVersion}); "
                    + "update the kit"
            );
        if (version < 1)
            throw new InvalidDataException(
                $"{path}: field 'format_version' is {version}; versions start at 1"
            );
        return o;
    }

    private static CausalNetConfig ReadArchitecture(JsonObject json, string path)
    {
        var node =
            json["architecture"]
            ?? throw new InvalidDataException($"{path}: field 'architecture' missing");
        CausalNetConfig config;
        try
        {
            config = ArchitectureFromJson(node);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: field 'architecture': {e.Message}", e);
        }
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(
                $"{path}: field 'architecture' is invalid: {e.Message}",
                e
            );
        }
        return config;
    }

    private static T Field<T>(
        JsonObject o,
        string key,
        string path,
        Func<JsonNode, T> get,
        string? name = null
    )
    {
        name ??= key;
        var node = o[key] ?? throw new InvalidDataException($"{path}: field '{name}' missing");
        try
        {
            return get(node);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException(
                $"{path}: field '{name}' should be a {typeof(T).Name}: {e.Message}",
                e
            );
        }
    }

    private static double Number(JsonObject o, string obj, string key, string path)
    {
        var inner =
            o[obj] as JsonObject
            ?? throw new InvalidDataException($"{path}: field '{obj}' missing or not an object");
        return Field(inner, key, path, n => n.GetValue<double>(), $"{obj}.{key}");
    }

    /// <summary>Builds the network without moving torch's global random stream (its weights are loaded next).</summary>
    private static CausalNet BuildUntouchedRandomState(CausalNetConfig config)
    {
        using var state = torch.random.get_rng_state();
        try
        {
            return CausalNet.Build(config);
        }
        finally
        {
            torch.random.set_rng_state(state);
        }
    }
}
