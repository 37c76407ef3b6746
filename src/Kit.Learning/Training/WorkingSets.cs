using System.Diagnostics;
using Kit.Neuron.Data;

namespace Kit.Learning.Training;

/// <summary>
/// Where the working sets of a fit are in the block sequence, as stored in a checkpoint: set <paramref name="Index"/>
/// took the blocks at positions [<paramref name="Start"/>, <paramref name="End"/>) of the sequence.
/// </summary>
internal sealed record WorkingSetCursor(int Index, long Start, long End, bool AllResident);

/// <summary>
/// The training working sets of a fit: whole blocks held in memory, at most <c>budget</c> bytes. The blocks are
/// visited in a sequence of seeded permutations (epoch e of the sequence is a shuffle of the training blocks
/// derived from (seed, e)); set k+1 starts where set k stopped, and a set takes blocks in sequence while they fit
/// and until a block would repeat. Each set is therefore a function of the seed, its index and the data, which a
/// checkpoint pins with the cursor of the set in use (so a resumed fit reloads the same set without replaying
/// earlier ones). When the first set holds every block the training set is resident and never reloaded.
/// Within a set, simulations are in source order (blocks by index, then as the block lists them).
/// </summary>
internal sealed class WorkingSets : IDisposable
{
    private readonly BlockLoader? loader;
    private readonly Func<int, string> nameOf;
    private readonly int[] blocks;
    private readonly long budget;
    private readonly string budgetText;
    private readonly long seed;
    private readonly bool prefetch;
    private readonly ResidentMeter meter;
    private readonly Dictionary<int, long> measured = [];
    private readonly Lock gate = new();
    private long permutationEpoch = -1;
    private int[] permutation = [];
    private Formed current;
    private Task<Formed>? pending;

    private sealed record Formed(
        int Index,
        long Start,
        long End,
        int[] Blocks,
        List<SimulationRecord> Simulations,
        long Bytes,
        double Seconds
    );

    private WorkingSets(
        BlockLoader? loader,
        Func<int, string> nameOf,
        int[] blocks,
        long budget,
        string budgetText,
        long seed,
        bool prefetch,
        ResidentMeter meter,
        Formed current
    )
    {
        this.loader = loader;
        this.nameOf = nameOf;
        this.blocks = blocks;
        this.budget = budget;
        this.budgetText = budgetText;
        this.seed = seed;
        this.prefetch = prefetch;
        this.meter = meter;
        this.current = current;
    }

    /// <summary>A training set already loaded and split off its block: resident, never reloaded.</summary>
    public static WorkingSets Resident(
        List<SimulationRecord> simulations,
        string blockName,
        long bytes,
        ResidentMeter meter
    ) =>
        new(
            null,
            _ => blockName,
            [0],
            bytes,
            "",
            0,
            false,
            meter,
            new Formed(0, 0, 1, [0], simulations, bytes, 0)
        );

    /// <summary>
    /// Opens the working set of index <paramref name="index"/>, starting from <paramref name="anchor"/> (a
    /// checkpoint's cursor) when it is that set or the one before, else replaying the sets from the first.
    /// </summary>
    /// <param name="loader">Reader of the training source.</param>
    /// <param name="blocks">Training block indices of the source.</param>
    /// <param name="budget">Most bytes one set may hold.</param>
    /// <param name="budgetText">How error messages explain <paramref name="budget"/>.</param>
    /// <param name="seed">Seed of the block sequence.</param>
    /// <param name="prefetch">Load the next set on a background thread (see <see cref="Prefetch"/>).</param>
    /// <param name="meter">Counts what is held.</param>
    /// <param name="index">The set wanted.</param>
    /// <param name="anchor">A checkpoint's cursor, or null.</param>
    public static WorkingSets Open(
        BlockLoader loader,
        int[] blocks,
        long budget,
        string budgetText,
        long seed,
        bool prefetch,
        ResidentMeter meter,
        int index,
        WorkingSetCursor? anchor
    )
    {
        if (blocks.Length == 0)
            throw new ArgumentException($"{loader.Source.Name}: no training blocks");
        var sets = new WorkingSets(
            loader,
            loader.NameOf,
            blocks,
            budget,
            budgetText,
            seed,
            prefetch,
            meter,
            null!
        );
        (int first, long start) = anchor switch
        {
            { AllResident: true } => (0, 0L),
            { } a when a.Index == index => (a.Index, a.Start),
            { } a when a.Index + 1 == index => (a.Index + 1, a.End),
            _ => (0, 0L),
        };
        sets.current = sets.Form(first, start);
        while (!sets.AllResident && sets.Index < index)
            sets.Advance();
        return sets;
    }

    /// <summary>The set in use holds every training block: it is never reloaded.</summary>
    public bool AllResident => current.Blocks.Length == blocks.Length;

    /// <summary>Index of the set in use.</summary>
    public int Index => current.Index;

    /// <summary>The simulations of the set in use, in source order.</summary>
    public IReadOnlyList<SimulationRecord> Simulations => current.Simulations;

    /// <summary>Simulations in the set in use.</summary>
    public int Count => current.Simulations.Count;

    /// <summary>Fills <paramref name="buffer"/> with <paramref name="windows"/> of the set in use (see <see cref="WindowBatchBuffer.Fill"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(
        System.Runtime.CompilerServices.MethodImplOptions.NoInlining
    )]
    public WindowBatch Fill(
        WindowBatchBuffer buffer,
        IReadOnlyList<Window> windows,
        TargetTransform target,
        TargetTransform? dendriticTarget = null
    ) => buffer.Fill(current.Simulations, windows, target, dendriticTarget);

    /// <summary>Resident bytes of the set in use.</summary>
    public long Bytes => current.Bytes;

    /// <summary>The cursor a checkpoint stores.</summary>
    public WorkingSetCursor Cursor => new(current.Index, current.Start, current.End, AllResident);

    /// <summary>What the set in use is, for <see cref="FitResult.WorkingSets"/> (<paramref name="round"/>: first round on it).</summary>
    public WorkingSetLoad Describe(int round, double waitSeconds) =>
        new(
            current.Index,
            round,
            current.Blocks.Select(nameOf).ToArray(),
            current.Simulations.Count,
            current.Bytes,
            current.Seconds,
            waitSeconds,
            AllResident
        );

    /// <summary>
    /// Makes set <paramref name="index"/> the one in use (the next one; the set in use is let go first unless it
    /// was prefetched) and returns how long training waited for it, or null when nothing changed (the same set, or
    /// a resident training set).
    /// </summary>
    public double? MoveTo(int index)
    {
        if (AllResident || index == current.Index)
            return null;
        if (index != current.Index + 1)
            throw new InvalidOperationException(
                $"working set {index} requested after set {current.Index}; sets advance one at a time"
            );
        var clock = Stopwatch.StartNew();
        if (pending != null)
        {
            var task = pending;
            pending = null;
            var next = task.GetAwaiter().GetResult();
            Release(current);
            current = next;
        }
        else
            Advance();
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Starts loading the set after the one in use on a background thread, when prefetching is on and
    /// <paramref name="lastIndex"/> (the last set the schedule needs) is not reached. The set is the same as a
    /// foreground load would make: its composition depends on the block sequence and the budget only.
    /// </summary>
    public void Prefetch(int lastIndex)
    {
        if (!prefetch || AllResident || pending != null || current.Index >= lastIndex)
            return;
        int index = current.Index + 1;
        long start = current.End;
        pending = Task.Run(() => Form(index, start));
    }

    /// <summary>Waits for a prefetch in flight and lets go of everything held.</summary>
    public void Dispose()
    {
        if (pending != null)
        {
            try
            {
                Release(pending.GetAwaiter().GetResult());
            }
            catch (Exception)
            {
                // The load failed; what it held was already let go, and the fit is ending anyway.
            }
            pending = null;
        }
        Release(current);
        current = current with { Simulations = [], Bytes = 0 };
    }

    /// <summary>Lets go of the set in use, then loads the next one.</summary>
    private void Advance()
    {
        Release(current);
        current = current with { Simulations = [], Bytes = 0 };
        current = Form(current.Index + 1, current.End);
    }

    private void Release(Formed set) => meter.Release(set.Bytes);

    /// <summary>Block at position <paramref name="position"/> of the sequence of seeded permutations.</summary>
    private int BlockAt(long position)
    {
        long epoch = position / blocks.Length;
        lock (gate)
        {
            if (epoch != permutationEpoch)
            {
                permutation = (int[])blocks.Clone();
                new Random(WindowSampler.DeriveSeed(seed ^ 0x3C3C_3C3C_3C3CL, (int)epoch)).Shuffle(
                    permutation
                );
                permutationEpoch = epoch;
            }
            return permutation[(int)(position % blocks.Length)];
        }
    }

    /// <summary>Loads set <paramref name="index"/>: blocks from position <paramref name="start"/> while they fit.</summary>
    private Formed Form(int index, long start)
    {
        var clock = Stopwatch.StartNew();
        var taken = new List<(int Block, List<SimulationRecord> Simulations)>();
        long total = 0;
        long position = start;
        try
        {
            while (taken.Count < blocks.Length)
            {
                int block = BlockAt(position);
                if (taken.Exists(t => t.Block == block))
                    break;
                long? known;
                lock (gate)
                    known = measured.TryGetValue(block, out var k) ? k : null;
                if (known is { } size && total + size > budget)
                {
                    if (taken.Count == 0)
                        throw TooLarge(block, size);
                    break;
                }
                var loaded = loader!.Load(block, budget - total);
                lock (gate)
                    measured[block] = loaded.Bytes;
                if (loaded.Simulations == null)
                {
                    if (taken.Count == 0)
                        throw TooLarge(block, loaded.Bytes);
                    break;
                }
                taken.Add((block, loaded.Simulations));
                total += loaded.Bytes;
                position++;
            }
        }
        catch
        {
            meter.Release(total);
            throw;
        }
        taken.Sort((a, b) => a.Block.CompareTo(b.Block));
        return new Formed(
            index,
            start,
            position,
            taken.Select(t => t.Block).ToArray(),
            taken.SelectMany(t => t.Simulations).ToList(),
            total,
            clock.Elapsed.TotalSeconds
        );
    }

    private InvalidOperationException TooLarge(int block, long bytes) =>
        new(
            $"{nameOf(block)} holds {Describe(bytes)} once loaded, more than a training working set may hold: {budgetText}"
        );

    /// <summary>A byte count for messages: "6,291,456 bytes (6.0 MiB)".</summary>
    internal static string Describe(long bytes) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{bytes:N0} bytes ({bytes / 1048576.0:0.0} MiB)"
        );
}
