using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Data.NeuronIo;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;
using Engine = Kit.Neuron.Simulation.Simulation;

namespace Kit.Neuron.Data;

/// <summary>How one <see cref="L5pcDatasetFactory.Run"/> call works (none of it changes the bytes written).</summary>
public sealed record L5pcDatasetRunOptions
{
    /// <summary>Which parts this process writes (default: all).</summary>
    public DatasetShard Shard { get; init; } = DatasetShard.All;

    /// <summary>Worker threads, each with its own engine (default: every core).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Progress sink (default <see cref="Progress.DefaultSink"/>: a console line with ETA).</summary>
    public IProgressSink? Progress { get; init; }

    /// <summary>Cancellation (default <see cref="KitCancellation.Token"/>); checked every simulated ms.</summary>
    public CancellationToken? Cancellation { get; init; }

    /// <summary>Called with the path of each part file after it is in place.</summary>
    public Action<string>? PartWritten { get; init; }
}

/// <summary>What a <see cref="L5pcDatasetFactory.Run"/> call did.</summary>
/// <param name="OutDir">The dataset folder.</param>
/// <param name="Shard">The shard run.</param>
/// <param name="PartsInShard">Parts this shard owns.</param>
/// <param name="PartsAlreadyComplete">Owned parts found complete (and verified) on start.</param>
/// <param name="PartsWritten">Parts written by this call.</param>
/// <param name="SimulationsWritten">Simulations in the parts written by this call.</param>
/// <param name="Wall">Wall time of the call.</param>
/// <param name="PartsPresent">Parts of the whole dataset (all shards) present in the folder after the call.</param>
/// <param name="Parts">Parts of the whole dataset.</param>
/// <param name="StaleTempFilesRemoved">Leftover temporary files of this shard's parts (from a killed write) removed.</param>
public sealed record L5pcDatasetRunSummary(
    string OutDir,
    DatasetShard Shard,
    int PartsInShard,
    int PartsAlreadyComplete,
    int PartsWritten,
    int SimulationsWritten,
    TimeSpan Wall,
    int PartsPresent,
    int Parts,
    int StaleTempFilesRemoved
)
{
    /// <summary>True when every part of the whole dataset is in the folder.</summary>
    public bool DatasetComplete => PartsPresent == Parts;

    /// <summary>True when every owned part was already complete: the call changed nothing.</summary>
    public bool NothingToDo => PartsWritten == 0 && PartsAlreadyComplete == PartsInShard;
}

/// <summary>
/// The L5PC dataset factory (<c>kit simulate l5pc</c>): simulates the Hay L5PC under the paper's random input and
/// writes the kit's dataset format (data/README.md) in part files <c>part-NNNNN.npz</c> of
/// <see cref="L5pcDatasetConfig.SimulationsPerPart"/> simulations beside a <c>manifest.json</c>.
/// </summary>
/// <remarks>
/// <para>Resumable: each part is written atomically once all its simulations are done, so a killed run leaves only
/// complete parts (plus at most stray <c>.part-*.tmp</c> files); a restart verifies the parts present (a corrupt one
/// is an error naming it) and simulates only the missing ones. A run with nothing missing writes nothing.</para>
/// <para>Deterministic: simulation i draws its input from its own stream [seed, i], lane groups are fixed by the
/// config, and zip members carry a fixed timestamp, so a part file is the same bytes whatever the thread count, the
/// sharding or the number of restarts.</para>
/// </remarks>
public sealed class L5pcDatasetFactory
{
    /// <summary>The <c>generator</c> recorded in every part.</summary>
    public const string Generator = "hay-l5pc/beniaguev2021";

    /// <summary>The manifest's file name in the output folder.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>The <c>format</c> of the manifest.</summary>
    public const string ManifestFormat = "neuronkit-dataset-parts";

    /// <summary>How the inputs relate to the paper's (recorded in the config).</summary>
    public const string InputsNote =
        "inputs are statistically the paper's generator, one stream per simulation, not NumPy's bit stream";

    /// <summary>Sampling of the soma trace the output spikes are detected on (ms).</summary>
    public const double SpikeTraceDtMs = 0.125;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly L5pcInputGenerator generator;
    private readonly RecordingPlan plan;
    private readonly int excitatoryGroup,
        inhibitoryGroup;

    /// <summary>Loads the morphology, hashes it and builds the cell (once; engines are created per lane group).</summary>
    /// <param name="config">What to make.</param>
    /// <param name="morphologyPathOrName">The reconstruction: a <c>.asc</c>/<c>.swc</c> path or a catalog name (<c>Hay2011</c>).</param>
    /// <exception cref="FileNotFoundException">The morphology file is absent (the message names it).</exception>
    /// <exception cref="ArgumentException">A config field is out of range.</exception>
    public L5pcDatasetFactory(L5pcDatasetConfig config, string morphologyPathOrName)
    {
        config.Validate();
        Config = config;
        var path = MorphologyCatalog.IsCatalogName(morphologyPathOrName)
            ? MorphologyCatalog.Resolve(morphologyPathOrName)
            : Path.GetFullPath(morphologyPathOrName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"morphology file '{path}' not found (give the reconstruction, e.g. cell1.asc of Hay et al. 2011, "
                    + "with --morphology)",
                path
            );
        MorphologyPath = path;
        MorphologySha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        Cell = new HayL5pc(
            global::Kit.Neuron.Morphology.Morphology.Load(path),
            Mechanisms.L5pcBiophysics.Biophys5b,
            config.Synapses
        ).Build();
        generator = L5pcInputGenerator.ForCell(config.InputConfig, Cell.Tree.Discretization);
        plan = HayL5pcRecording.Plan(Cell);
        excitatoryGroup = Cell.SynapseGroupIndex(HayL5pc.ExcitatoryGroup);
        inhibitoryGroup = Cell.SynapseGroupIndex(HayL5pc.InhibitoryGroup);
    }

    /// <summary>What is made.</summary>
    public L5pcDatasetConfig Config { get; }

    /// <summary>Full path of the morphology file.</summary>
    public string MorphologyPath { get; }

    /// <summary>SHA-256 (lower-case hex) of the morphology file.</summary>
    public string MorphologySha256 { get; }

    /// <summary>The simulated cell.</summary>
    public CellModel Cell { get; }

    /// <summary>Input channels: 2 × dataset segments (1278 for cell1).</summary>
    public int Channels => 2 * generator.Segments;

    /// <summary>
    /// The generating config as JSON (key order fixed), recorded in the manifest and, with <c>part</c> added, in
    /// every part's metadata.
    /// </summary>
    public JsonObject ConfigJson(int? part = null)
    {
        var c = Config;
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
    /// Simulates simulations [<paramref name="first"/>, first + count) as the lanes of one engine and returns their
    /// records (NeuronIO channel order, soma and nexus at 1 ms, output spikes by the dataset rule).
    /// </summary>
    public SimulationRecord[] SimulateLaneGroup(
        int first,
        int count,
        ProgressReporter? progress = null
    )
    {
        int d = Config.DurationMs;
        var engine = new Engine(Cell, Config.Simulation with { Lanes = count });
        var inputs = new L5pcInput[count];
        for (int l = 0; l < count; l++)
        {
            inputs[l] = generator.Generate(Config.Seed, first + l);
            engine.SetEvents(
                l,
                NeuronIoValidation.Events(AsNeuronIo(inputs[l]), excitatoryGroup, inhibitoryGroup)
            );
        }
        var result = engine.Run(d, plan, progress);
        var records = new SimulationRecord[count];
        for (int l = 0; l < count; l++)
        {
            var spikes = SpikeRules
                .DatasetLocalMaxima(result.Trace(HayL5pcRecording.SomaHighRes, l), SpikeTraceDtMs)
                .Where(t => t < d)
                .ToArray();
            records[l] = new SimulationRecord(
                Channels,
                d,
                inputs[l].SpikeChannels,
                inputs[l].SpikeTimesMs,
                OneMs(result.Trace(HayL5pcRecording.SomaLowRes, l), d),
                spikes,
                OneMs(result.Trace(HayL5pcRecording.NexusLowRes, l), d)
            );
        }
        return records;
    }

    /// <summary>
    /// Writes the parts of <see cref="L5pcDatasetRunOptions.Shard"/> that are missing in <paramref name="outDir"/>
    /// (creating it and its manifest), verifying the parts already present.
    /// </summary>
    /// <exception cref="InvalidDataException">A part present is corrupt or belongs to another dataset (the message names it).</exception>
    /// <exception cref="InvalidOperationException">The folder's manifest describes a different dataset.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; every part completed before is kept.</exception>
    public L5pcDatasetRunSummary Run(string outDir, L5pcDatasetRunOptions? options = null)
    {
        options ??= new();
        var ct = options.Cancellation ?? KitCancellation.Token;
        var shard = options.Shard;
        if (options.Threads <= 0)
            throw new ArgumentException($"threads {options.Threads} must be positive");
        var wall = Stopwatch.StartNew();
        outDir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(outDir);
        WriteOrCheckManifest(outDir);

        var owned = Enumerable.Range(0, Config.Parts).Where(shard.Owns).ToArray();
        int staleRemoved = RemoveStaleTempFiles(outDir, owned);
        var pending = new List<int>();
        int complete = 0;
        foreach (int p in owned)
        {
            var path = Path.Combine(outDir, L5pcDatasetConfig.PartFileName(p));
            if (File.Exists(path))
            {
                VerifyPart(path, p);
                complete++;
            }
            else
                pending.Add(p);
        }
        if (pending.Count == 0)
            return Summary(0, 0);

        // Lane groups, in part order; a part is written by whichever worker finishes its last group.
        var groups = new List<(int Pending, int Slot, int First, int Count)>();
        var slots = new SimulationRecord[pending.Count][];
        var remaining = new int[pending.Count];
        for (int i = 0; i < pending.Count; i++)
        {
            var (first, count) = Config.PartRange(pending[i]);
            slots[i] = new SimulationRecord[count];
            for (int g = 0; g < count; g += Config.Lanes)
            {
                groups.Add((i, g, first + g, Math.Min(Config.Lanes, count - g)));
                remaining[i]++;
            }
        }
        long totalMs = (long)pending.Sum(p => Config.PartRange(p).Count) * Config.DurationMs;
        int written = 0,
            simulationsWritten = 0;
        using var reporter = new ProgressReporter(
            $"simulate l5pc {shard}",
            totalMs,
            options.Progress ?? Progress.DefaultSink()
        );
        reporter.SetDone(0, $"0/{pending.Count} parts");
        try
        {
            Parallel.ForEach(
                Partitioner.Create(groups, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions
                {
                    MaxDegreeOfParallelism = options.Threads,
                    CancellationToken = ct,
                },
                group =>
                {
                    var forward = new LaneGroupProgress(reporter, group.Count, ct);
                    SimulationRecord[] records;
                    using (var inner = new ProgressReporter(reporter.Task, totalMs, forward))
                        records = SimulateLaneGroup(group.First, group.Count, inner);
                    Array.Copy(records, 0, slots[group.Pending], group.Slot, records.Length);
                    if (Interlocked.Decrement(ref remaining[group.Pending]) != 0)
                        return;
                    // Written even when cancellation came meanwhile: finished work is never thrown away.
                    int part = pending[group.Pending];
                    var path = Path.Combine(outDir, L5pcDatasetConfig.PartFileName(part));
                    DatasetFile.Write(
                        path,
                        new SpikeDataset(PartMetadata(part), slots[group.Pending])
                    );
                    Interlocked.Add(ref simulationsWritten, slots[group.Pending].Length);
                    slots[group.Pending] = [];
                    int w = Interlocked.Increment(ref written);
                    reporter.Advance(0, $"{w}/{pending.Count} parts");
                    options.PartWritten?.Invoke(path);
                }
            );
        }
        catch (AggregateException e)
        {
            var inner = e.Flatten().InnerExceptions;
            var first = inner.FirstOrDefault(x => x is not OperationCanceledException);
            if (first != null)
                ExceptionDispatchInfo.Throw(first);
            throw new OperationCanceledException(
                $"cancelled: {written} part(s) written; run the same command again to continue",
                e,
                ct
            );
        }
        catch (OperationCanceledException e)
        {
            throw new OperationCanceledException(
                $"cancelled: {written} part(s) written; run the same command again to continue",
                e,
                ct
            );
        }
        return Summary(written, simulationsWritten);

        L5pcDatasetRunSummary Summary(int partsWritten, int sims) =>
            new(
                outDir,
                shard,
                owned.Length,
                complete,
                partsWritten,
                sims,
                wall.Elapsed,
                Enumerable
                    .Range(0, Config.Parts)
                    .Count(p =>
                        File.Exists(Path.Combine(outDir, L5pcDatasetConfig.PartFileName(p)))
                    ),
                Config.Parts,
                staleRemoved
            );
    }

    /// <summary>
    /// Removes temporary files (<c>.part-NNNNN.npz.*.tmp</c>, left by a write that was killed) of the parts in
    /// <paramref name="owned"/> that are older than <see cref="StaleTempAge"/> (a write in flight, e.g. of a
    /// second process on the same shard, is seconds old).
    /// </summary>
    private static int RemoveStaleTempFiles(string outDir, IEnumerable<int> owned)
    {
        var names = owned.Select(L5pcDatasetConfig.PartFileName).ToHashSet(StringComparer.Ordinal);
        int removed = 0;
        foreach (var tmp in Directory.EnumerateFiles(outDir, ".part-*.tmp"))
        {
            var name = Path.GetFileName(tmp);
            int end = name.IndexOf(".npz.", StringComparison.Ordinal);
            if (end < 0 || !names.Contains(name[1..(end + 4)]))
                continue;
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(tmp) < StaleTempAge)
                continue;
            try
            {
                File.Delete(tmp);
                removed++;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    /// <summary>Age after which a part's temporary file is taken for the remains of a killed write.</summary>
    public static TimeSpan StaleTempAge { get; } = TimeSpan.FromMinutes(10);

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
            JsonNode? existing;
            try
            {
                existing = JsonNode.Parse(File.ReadAllText(path));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(
                    $"{path}: not valid JSON ({e.Message}); delete it to start this folder afresh",
                    e
                );
            }
            var old = existing?["config"] as JsonObject;
            if (old == null || existing?["format"]?.GetValue<string>() != ManifestFormat)
                throw new InvalidDataException(
                    $"{path}: not a {ManifestFormat} manifest (no 'config' object)"
                );
            var differing = config
                .Select(kv => kv.Key)
                .Union(old.Select(kv => kv.Key))
                .Where(k => !JsonNode.DeepEquals(config[k], old[k]))
                .ToArray();
            if (differing.Length > 0)
                throw new InvalidOperationException(
                    $"{outDir} already holds a different dataset ({path}): "
                        + string.Join(
                            "; ",
                            differing.Select(k =>
                                $"{k} {old[k]?.ToJsonString() ?? "absent"} there, {config[k]?.ToJsonString() ?? "absent"} now"
                            )
                        )
                        + ". Use another --out folder."
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

    private void VerifyPart(string path, int part)
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
        var expected = ConfigJson(part);
        JsonNode? found;
        try
        {
            found = JsonNode.Parse(d.Metadata.ConfigJson);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: config in metadata.json is not JSON", e);
        }
        var (_, count) = Config.PartRange(part);
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
    }

    private static float[] OneMs(double[] trace, int durationMs)
    {
        var v = new float[durationMs];
        for (int k = 0; k < durationMs; k++)
            v[k] = (float)trace[k];
        return v;
    }

    /// <summary>The drawn input as the NeuronIO per-segment spike-time maps the engine's event helper takes.</summary>
    private static NeuronIoSimulation AsNeuronIo(L5pcInput input) =>
        new()
        {
            ExcitatoryInputSpikeTimesMs = Times(input.InputSpikesPerSegment(inhibitory: false)),
            InhibitoryInputSpikeTimesMs = Times(input.InputSpikesPerSegment(inhibitory: true)),
        };

    private static Dictionary<int, double[]> Times(IReadOnlyDictionary<int, int[]> perSegment) =>
        perSegment.ToDictionary(kv => kv.Key, kv => kv.Value.Select(t => (double)t).ToArray());

    /// <summary>Forwards one lane group's simulated ms (× lanes) to the overall reporter and observes cancellation.</summary>
    private sealed class LaneGroupProgress(ProgressReporter outer, int lanes, CancellationToken ct)
        : IProgressSink
    {
        private long last;

        public void Report(ProgressUpdate update)
        {
            ct.ThrowIfCancellationRequested();
            long delta = update.Done - last;
            if (delta <= 0)
                return;
            last = update.Done;
            outer.Advance(delta * lanes);
        }

        public void Complete(ProgressUpdate final) { }
    }
}
