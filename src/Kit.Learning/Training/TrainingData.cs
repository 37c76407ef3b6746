using System.Diagnostics;
using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;

namespace Kit.Learning.Training;

/// <summary>
/// The simulations a fit holds: the validation set, chosen once, and the training working sets
/// (<see cref="WorkingSets"/>), all within <see cref="TrainerConfig.ResidentBytes"/>.
/// <list type="bullet">
/// <item>No validation source and one training block: the block is loaded whole and its last
/// <see cref="TrainerConfig.ValidationFraction"/> of simulations held out (the kit's behaviour for lists).</item>
/// <item>No validation source and several blocks: the last fraction of blocks is held out.</item>
/// <item>The validation set: held-out blocks in a seeded order, taken while they fit
/// <see cref="TrainerConfig.ValidationShare"/> of the budget (always at least one).</item>
/// </list>
/// </summary>
internal sealed class TrainingData : IDisposable
{
    private readonly ISimulationSource trainSource;
    private readonly BlockLoader trainLoader;
    private readonly int[] trainBlocks;
    private readonly long setBudget;
    private readonly string budgetText;
    private readonly TrainerConfig config;

    private TrainingData(
        ISimulationSource trainSource,
        BlockLoader trainLoader,
        int[] trainBlocks,
        List<SimulationRecord> valid,
        IReadOnlyList<string> validBlocks,
        long validBytes,
        long setBudget,
        string budgetText,
        TrainerConfig config,
        ResidentMeter meter,
        WorkingSets? resident
    )
    {
        this.trainSource = trainSource;
        this.trainLoader = trainLoader;
        this.trainBlocks = trainBlocks;
        Valid = valid;
        ValidBlocks = validBlocks;
        ValidBytes = validBytes;
        this.setBudget = setBudget;
        this.budgetText = budgetText;
        this.config = config;
        Meter = meter;
        Train = resident;
    }

    /// <summary>Validation simulations, in source order.</summary>
    public List<SimulationRecord> Valid { get; }

    /// <summary>Names of the blocks the validation set came from.</summary>
    public IReadOnlyList<string> ValidBlocks { get; }

    /// <summary>Resident bytes of the validation set.</summary>
    public long ValidBytes { get; }

    /// <summary>What is held, and the most held at once.</summary>
    public ResidentMeter Meter { get; }

    /// <summary>The training working sets (after <see cref="OpenTraining"/>).</summary>
    public WorkingSets? Train { get; private set; }

    /// <summary>Chooses and loads the validation set; the training sets are opened by <see cref="OpenTraining"/>.</summary>
    public static TrainingData Open(
        ISimulationSource train,
        ISimulationSource? valid,
        TrainerConfig config,
        Action<string> report
    )
    {
        long budget = config.ResidentBytes;
        if (budget <= 0)
            throw new ArgumentException($"ResidentBytes must be positive, got {budget}");
        if (config.WorkingSetRounds <= 0)
            throw new ArgumentException(
                $"WorkingSetRounds must be positive, got {config.WorkingSetRounds}"
            );
        if (config.ValidationShare is not (> 0 and <= 1))
            throw new ArgumentException(
                $"ValidationShare must be in (0, 1], got {config.ValidationShare}"
            );
        if (train.Blocks.Count == 0)
            throw new ArgumentException($"the training set {train.Name} is empty");
        if (valid is { Blocks.Count: 0 })
            valid = null;
        if (valid != null && valid.Channels != train.Channels)
            throw new ArgumentException(
                $"{valid.Name} has {valid.Channels} input channels, the training set {train.Name} has {train.Channels}"
            );
        var meter = new ResidentMeter();
        var trainLoader = new BlockLoader(train, config.WindowMs, meter);
        int n = train.Blocks.Count;

        if (valid == null && n == 1)
            return SplitSingleBlock(train, trainLoader, config, meter, report);

        int[] trainBlocks;
        BlockLoader validLoader;
        int[] validBlocks;
        if (valid == null)
        {
            int nValid = Math.Max(1, (int)Math.Round(n * config.ValidationFraction));
            if (nValid >= n)
                throw new ArgumentException(
                    $"cannot hold out {nValid} validation blocks from the {n} of {train.Name}; pass a validation set"
                );
            trainBlocks = Enumerable.Range(0, n - nValid).ToArray();
            validBlocks = Enumerable.Range(n - nValid, nValid).ToArray();
            validLoader = trainLoader;
        }
        else
        {
            trainBlocks = Enumerable.Range(0, n).ToArray();
            validBlocks = Enumerable.Range(0, valid.Blocks.Count).ToArray();
            validLoader = new BlockLoader(valid, config.WindowMs, meter);
        }

        // Held-out blocks in a seeded order while they fit the validation share (the first always).
        var clock = Stopwatch.StartNew();
        var order = (int[])validBlocks.Clone();
        new Random(WindowSampler.DeriveSeed(config.Seed ^ 0x0F0F_0F0F_0F0FL, 0)).Shuffle(order);
        long share = (long)(config.ValidationShare * budget);
        var taken = new List<(int Block, List<SimulationRecord> Simulations)>();
        long validBytes = 0;
        foreach (int block in order)
        {
            long room = taken.Count == 0 ? budget : share - validBytes;
            var loaded = validLoader.Load(block, room);
            if (loaded.Simulations == null)
            {
                if (taken.Count == 0)
                    throw new InvalidOperationException(
                        $"{validLoader.NameOf(block)} holds {WorkingSets.Describe(loaded.Bytes)} once loaded, more than TrainerConfig.ResidentBytes = {WorkingSets.Describe(budget)}"
                    );
                break;
            }
            taken.Add((block, loaded.Simulations));
            validBytes += loaded.Bytes;
        }
        taken.Sort((a, b) => a.Block.CompareTo(b.Block));
        var names = taken.Select(t => validLoader.NameOf(t.Block)).ToArray();
        report(
            $"validation set: {names.Length} of {validBlocks.Length} blocks, {taken.Sum(t => t.Simulations.Count)} simulations, {WorkingSets.Describe(validBytes)}, loaded in {clock.Elapsed.TotalSeconds:0.0} s"
        );

        int halves = config.PrefetchWorkingSet ? 2 : 1;
        long setBudget = (budget - validBytes) / halves;
        var budgetText =
            $"TrainerConfig.ResidentBytes = {WorkingSets.Describe(budget)}, minus {WorkingSets.Describe(validBytes)} of validation"
            + (halves == 2 ? ", halved for prefetching" : "")
            + $", leaves {WorkingSets.Describe(setBudget)}";
        return new TrainingData(
            train,
            trainLoader,
            trainBlocks,
            taken.SelectMany(t => t.Simulations).ToList(),
            names,
            validBytes,
            setBudget,
            budgetText,
            config,
            meter,
            null
        );
    }

    /// <summary>
    /// Opens the training working set of index <paramref name="index"/> (from a checkpoint's
    /// <paramref name="anchor"/> when given); no-op for a resident training set split off a single block.
    /// </summary>
    public WorkingSets OpenTraining(int index, WorkingSetCursor? anchor)
    {
        Train ??= WorkingSets.Open(
            trainLoader,
            trainBlocks,
            setBudget,
            budgetText,
            config.Seed,
            config.PrefetchWorkingSet,
            Meter,
            index,
            anchor
        );
        return Train;
    }

    /// <summary>
    /// The target with a null offset resolved to the mean clipped voltage of the training set: from the resident
    /// set when it is the whole training set, else by reading every training block once (keeping none).
    /// </summary>
    public TargetTransform ResolveTarget(TargetTransform target, Action<string> report)
    {
        if (target.OffsetMv != null)
            return target;
        if (Train is { AllResident: true })
            return target.Resolve(Train.Simulations);
        var mean = new ClippedMean(target.ClipMv);
        var clock = Stopwatch.StartNew();
        foreach (int block in trainBlocks)
        {
            report($"voltage offset: reading {trainLoader.NameOf(block)}");
            trainLoader.Scan(block, mean.Add);
        }
        report(
            $"voltage offset: mean over {trainBlocks.Length} blocks of {trainSource.Name} in {clock.Elapsed.TotalSeconds:0.0} s"
        );
        return target with { OffsetMv = mean.Mean };
    }

    /// <summary>Lets go of everything held (and waits for a prefetch in flight).</summary>
    public void Dispose()
    {
        Train?.Dispose();
        Meter.Release(ValidBytes);
    }

    private static TrainingData SplitSingleBlock(
        ISimulationSource train,
        BlockLoader loader,
        TrainerConfig config,
        ResidentMeter meter,
        Action<string> report
    )
    {
        var clock = Stopwatch.StartNew();
        long budget = config.ResidentBytes;
        var loaded = loader.Load(0, budget);
        var name = loader.NameOf(0);
        if (loaded.Simulations == null)
            throw new InvalidOperationException(
                $"{name} holds {WorkingSets.Describe(loaded.Bytes)} once loaded, more than TrainerConfig.ResidentBytes = {WorkingSets.Describe(budget)}; pass a validation set or a source of smaller blocks"
            );
        var all = loaded.Simulations;
        if (all.Count == 0)
            throw new ArgumentException($"the training set {train.Name} is empty");
        int nValid = Math.Max(1, (int)Math.Round(all.Count * config.ValidationFraction));
        if (nValid >= all.Count)
            throw new ArgumentException(
                $"cannot hold out {nValid} validation simulations from {all.Count}; pass a validation set"
            );
        var trainPart = all.Take(all.Count - nValid).ToList();
        var validPart = all.Skip(all.Count - nValid).ToList();
        long validBytes = validPart.Sum(InMemorySource.ResidentBytes);
        report(
            $"{name}: {all.Count} simulations, {WorkingSets.Describe(loaded.Bytes)}, the last {nValid} held out for validation, loaded in {clock.Elapsed.TotalSeconds:0.0} s"
        );
        return new TrainingData(
            train,
            loader,
            [0],
            validPart,
            [name],
            validBytes,
            budget,
            "",
            config,
            meter,
            WorkingSets.Resident(trainPart, name, loaded.Bytes - validBytes, meter)
        );
    }
}
