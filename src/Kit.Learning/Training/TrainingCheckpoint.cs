using System.Text;
using System.Text.Json;
using Kit.Core;
using Kit.Learning.Models;
using TorchSharp;

namespace Kit.Learning.Training;

/// <summary>Trainer progress as stored in <c>state.json</c> of a checkpoint directory.</summary>
internal sealed record CheckpointState(
    int Version,
    long Step,
    double RoundLossSum,
    int RoundLossCount,
    long BestStep,
    double BestValidLoss,
    double TrainSeconds,
    double TargetOffsetMv,
    string ModelFile,
    string OptimizerFile,
    string ArchitectureJson,
    List<HistoryEntry> History,
    WorkingSetCursor? WorkingSet = null
);

/// <summary>
/// Checkpoint directory layout: <c>state.json</c> (step, running round loss, best so far, history, names of the
/// weight files), <c>model-STEP.bin</c> and <c>optimizer-STEP.bin</c> (TorchSharp state dicts, with the Nadam
/// moments and step counts), <c>best.model.bin</c>. Every file is written atomically; the weight files are
/// written before the <c>state.json</c> that names them, so a crash at any point leaves a consistent set.
/// Window sampling needs no stored RNG state: round r's windows derive from (seed, r) and the working set of
/// round r, whose place in the block sequence <c>state.json</c> stores (<see cref="WorkingSetCursor"/>; absent in
/// checkpoints of fits whose training set was resident, where it is not needed).
/// </summary>
internal static class TrainingCheckpoint
{
    public const string StateFile = "state.json";
    public const string BestFile = "best.model.bin";
    private const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions json = new()
    {
        WriteIndented = true,
        NumberHandling = System
            .Text
            .Json
            .Serialization
            .JsonNumberHandling
            .AllowNamedFloatingPointLiterals,
    };

    public static string ArchitectureJson(CausalNetConfig config) =>
        JsonSerializer.Serialize(config);

    public static void SaveModel(string path, torch.nn.Module module) =>
        AtomicFile.Write(
            path,
            s =>
            {
                using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
                module.save(w);
                w.Flush();
            }
        );

    public static void LoadModel(string path, torch.nn.Module module)
    {
        if (!File.Exists(path))
            throw new CheckpointException(path, "the file is missing");
        try
        {
            using var fs = File.OpenRead(path);
            using var r = new BinaryReader(fs);
            module.load(r);
            if (fs.Position != fs.Length)
                throw new InvalidDataException(
                    $"{fs.Length - fs.Position} unexpected trailing bytes"
                );
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException(path, $"the weights cannot be read ({e.Message})", e);
        }
    }

    public static void Save(string dir, CheckpointState state, CausalNet model, Nadam optimizer)
    {
        Directory.CreateDirectory(dir);
        SaveModel(Path.Combine(dir, state.ModelFile), model);
        AtomicFile.Write(
            Path.Combine(dir, state.OptimizerFile),
            s =>
            {
                using var w = new BinaryWriter(s, Encoding.UTF8, leaveOpen: true);
                optimizer.Save(w);
                w.Flush();
            }
        );
        AtomicFile.WriteAllText(
            Path.Combine(dir, StateFile),
            JsonSerializer.Serialize(state, json)
        );
        // Older weight files are no longer named by state.json.
        foreach (var f in Directory.EnumerateFiles(dir, "*-*.bin"))
        {
            var name = Path.GetFileName(f);
            if (name != state.ModelFile && name != state.OptimizerFile)
                File.Delete(f);
        }
    }

    /// <summary>Reads state.json, or null when the directory holds no checkpoint.</summary>
    public static CheckpointState? TryLoadState(string dir)
    {
        var path = Path.Combine(dir, StateFile);
        if (!File.Exists(path))
            return null;
        CheckpointState? state;
        try
        {
            state = JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path), json);
        }
        catch (JsonException e)
        {
            throw new CheckpointException(path, $"invalid JSON ({e.Message})", e);
        }
        if (
            state is null
            || state.ModelFile is null
            || state.OptimizerFile is null
            || state.History is null
        )
            throw new CheckpointException(path, "required fields are missing");
        if (state.Version != CurrentVersion)
            throw new CheckpointException(
                path,
                $"version {state.Version}, this kit reads version {CurrentVersion}"
            );
        return state;
    }

    public static void LoadOptimizer(string path, Nadam optimizer)
    {
        if (!File.Exists(path))
            throw new CheckpointException(path, "the file is missing");
        try
        {
            using var fs = File.OpenRead(path);
            using var r = new BinaryReader(fs);
            optimizer.Load(r);
        }
        catch (Exception e) when (e is not CheckpointException)
        {
            throw new CheckpointException(
                path,
                $"the optimizer state cannot be read ({e.Message})",
                e
            );
        }
    }

    public static CheckpointState NewState(
        long step,
        double roundLossSum,
        int roundLossCount,
        long bestStep,
        double bestValid,
        double trainSeconds,
        double offset,
        CausalNetConfig config,
        List<HistoryEntry> history,
        WorkingSetCursor? workingSet
    ) =>
        new(
            CurrentVersion,
            step,
            roundLossSum,
            roundLossCount,
            bestStep,
            bestValid,
            trainSeconds,
            offset,
            $"model-{step}.bin",
            $"optimizer-{step}.bin",
            ArchitectureJson(config),
            history,
            workingSet
        );
}
