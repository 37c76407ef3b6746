using System.Collections.Immutable;
using Kit.Core;
using Kit.Neuron.Data;

namespace Kit.Neuron.Simulation;

/// <summary>One ordered sequence of the Branco protocol and the branch's response to it.</summary>
/// <param name="Order">Synapse indices in activation order (0 most distal, 8 most proximal).</param>
/// <param name="IntervalMs">Interval between consecutive activations (ms).</param>
/// <param name="Trace">The simulated run (soma and dend[13](0.5) at 1 ms; peaks over every step).</param>
public sealed record BrancoSequenceRun(
    ImmutableArray<int> Order,
    double IntervalMs,
    BrancoBranchTrace Trace
)
{
    /// <summary>The order's <see cref="BrancoSequences.DirectionalityIndex"/> (pairs in IN order, IN = +1, OUT = −1).</summary>
    public double DirectionalityIndex => BrancoSequences.DirectionalityIndex(Order);

    /// <summary>The order's <see cref="BrancoSequences.ConsecutiveStepIndex"/> (consecutive steps towards the soma).</summary>
    public double StepIndex => BrancoSequences.ConsecutiveStepIndex(Order);

    /// <summary>Peak somatic depolarisation (mV above −75), Branco's measure.</summary>
    public double PeakSomaMv => Trace.PeakSomaDepolarisationMv;

    /// <summary>The activations of this sequence (first at <see cref="BrancoBranch.SequenceStartMs"/>).</summary>
    public BrancoBranchInput Input() => BrancoBranchInput.Sequence(Order, IntervalMs);

    /// <summary>"IN", "OUT" or the order's digits (e.g. "041238576").</summary>
    public string Name =>
        Order.SequenceEqual(BrancoBranch.InOrder) ? "IN"
        : Order.SequenceEqual(BrancoBranch.OutOrder) ? "OUT"
        : string.Concat(Order);
}

/// <summary>
/// Branco et al.'s ordered sequences (docs/l23-branch.md, "Sequences"): IN and OUT at any interval, random permutations
/// of the activation order, and a per-sequence directionality index.
/// </summary>
public static class BrancoSequences
{
    /// <summary>Length of each sequence run (ms), as the reference protocol.</summary>
    public const int RunMs = 200;

    /// <summary>
    /// The directionality index of an activation order: over every pair of synapses, (pairs activated in the IN
    /// order, the more distal first − pairs activated in the OUT order) / pairs; Kendall's τ between activation
    /// position and synapse index. IN = +1, OUT = −1, a random order near 0. Branco et al. (2010) scored random
    /// activation orders of one branch with a directionality index; their per-sequence formula is not in our
    /// specification (biophysics/09 §8 gives only the IN/OUT curve ratio), so this is the kit's definition
    /// (docs/l23-branch.md, "Directionality index"): how consistently the whole sequence moves towards the soma.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two synapses, or a repeated synapse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A synapse index outside 0..8.</exception>
    public static double DirectionalityIndex(IReadOnlyList<int> order)
    {
        CheckOrder(order);
        int n = order.Count,
            sum = 0;
        for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            sum += Math.Sign(order[j] - order[i]);
        return sum / (n * (n - 1) / 2.0);
    }

    /// <summary>
    /// A local variant of <see cref="DirectionalityIndex"/>: (consecutive steps towards the soma − steps away) /
    /// steps, a step towards the soma being a move to a higher synapse index. IN = +1, OUT = −1. It sees only
    /// neighbouring activations, so an order that jumps back and forth scores near 0 however its halves are ordered.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two synapses, or a repeated synapse.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A synapse index outside 0..8.</exception>
    public static double ConsecutiveStepIndex(IReadOnlyList<int> order)
    {
        CheckOrder(order);
        int towards = 0;
        for (int k = 1; k < order.Count; k++)
            towards += Math.Sign(order[k] - order[k - 1]);
        return towards / (double)(order.Count - 1);
    }

    /// <summary>
    /// Branco's whole-curve selectivity (biophysics/09 §8, "ratio of sums over Δt = 1…8 ms"): the sum of the IN peaks
    /// over the intervals above 0 ms divided by the sum of the OUT peaks there (1.206 in NEURON for 1-8 ms); NaN when
    /// no interval is above 0 ms.
    /// </summary>
    /// <param name="intervalsMs">Interval of each pair of peaks (ms).</param>
    /// <param name="inPeaksMv">IN peak at each interval (mV above rest), from the cell or from a prediction.</param>
    /// <param name="outPeaksMv">OUT peak at each interval.</param>
    /// <exception cref="ArgumentException">The three lists differ in length.</exception>
    public static double InOutRatio(
        IReadOnlyList<double> intervalsMs,
        IReadOnlyList<double> inPeaksMv,
        IReadOnlyList<double> outPeaksMv
    )
    {
        ArgumentNullException.ThrowIfNull(intervalsMs);
        ArgumentNullException.ThrowIfNull(inPeaksMv);
        ArgumentNullException.ThrowIfNull(outPeaksMv);
        if (inPeaksMv.Count != intervalsMs.Count || outPeaksMv.Count != intervalsMs.Count)
            throw new ArgumentException(
                $"{intervalsMs.Count} intervals but {inPeaksMv.Count} IN and {outPeaksMv.Count} OUT peaks"
            );
        double sumIn = 0,
            sumOut = 0;
        int used = 0;
        for (int i = 0; i < intervalsMs.Count; i++)
        {
            if (!(intervalsMs[i] > 0))
                continue;
            sumIn += inPeaksMv[i];
            sumOut += outPeaksMv[i];
            used++;
        }
        return used == 0 ? double.NaN : sumIn / sumOut;
    }

    private static void CheckOrder(IReadOnlyList<int> order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Count < 2)
            throw new ArgumentException("an order needs at least two synapses", nameof(order));
        foreach (int s in order)
            BrancoBranch.CheckSynapse(s, nameof(order));
        if (order.Distinct().Count() != order.Count)
            throw new ArgumentException("an order names each synapse at most once", nameof(order));
    }

    /// <summary>
    /// <paramref name="count"/> distinct random permutations of the nine synapses (of 9! = 362,880), each drawn by a
    /// Fisher-Yates shuffle from the stream <c>RandomState([seed, i])</c> of its attempt i; a repeat is skipped.
    /// Deterministic for a seed; IN and OUT may occur.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative count, or more than 9!.</exception>
    public static IReadOnlyList<ImmutableArray<int>> RandomOrders(int count, long seed)
    {
        const int all = 362_880;
        if (count is < 0 or > all)
            throw new ArgumentOutOfRangeException(
                nameof(count),
                count,
                $"between 0 and 9! = {all} orders"
            );
        var seen = new HashSet<string>();
        var orders = new List<ImmutableArray<int>>(count);
        for (int attempt = 0; orders.Count < count; attempt++)
        {
            var rng = IntegrateAndFireDataset.SimulationStream(seed, attempt);
            var p = Enumerable.Range(0, BrancoBranch.Synapses).ToArray();
            for (int i = p.Length - 1; i > 0; i--)
            {
                int j = rng.RandInt(i + 1);
                (p[i], p[j]) = (p[j], p[i]);
            }
            if (seen.Add(string.Concat(p)))
                orders.Add([.. p]);
        }
        return orders;
    }

    /// <summary>
    /// Activation orders spread evenly over the directionality index: for each of its 37 values, DI = 1 − 2k/36 with
    /// k = 0 … 36 pairs in the OUT order (inversions), up to <paramref name="perLevel"/> distinct orders drawn uniformly
    /// among the orders with exactly k inversions (all of them where fewer exist: 1 for IN and OUT, 8 one step from
    /// them). Uniform random permutations crowd around DI = 0 (its standard deviation over all 9! orders is 0.27), so
    /// they test how a predictor ranks similar orders; this set also spans IN to OUT, as a sweep of the index does.
    /// Each order is drawn from its inversion table (entry m uniform-by-count in 0 … m given the remaining sum, then
    /// element m inserted with that many smaller elements after it), attempt i from <c>RandomState([seed, i])</c>,
    /// levels in order of k, repeats skipped; deterministic for a seed.
    /// </summary>
    /// <param name="perLevel">Orders per index value (at most; 1 or more).</param>
    /// <param name="seed">Seed of the draws.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="perLevel"/> below 1.</exception>
    public static IReadOnlyList<ImmutableArray<int>> OrdersByDirectionality(int perLevel, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perLevel, 1);
        const int n = BrancoBranch.Synapses,
            maxInversions = n * (n - 1) / 2;
        // tables[m, k]: inversion tables (b_0 … b_m), 0 <= b_j <= j, summing to k (Mahonian numbers at m = n - 1).
        var tables = new double[n, maxInversions + 1];
        tables[0, 0] = 1;
        for (int m = 1; m < n; m++)
        for (int k = 0; k <= maxInversions; k++)
        for (int b = 0; b <= Math.Min(m, k); b++)
            tables[m, k] += tables[m - 1, k - b];
        var orders = new List<ImmutableArray<int>>();
        int attempt = 0;
        for (int k = 0; k <= maxInversions; k++)
        {
            int want = (int)Math.Min(perLevel, tables[n - 1, k]);
            var seen = new HashSet<string>();
            while (seen.Count < want)
            {
                var rng = IntegrateAndFireDataset.SimulationStream(seed, attempt++);
                var table = new int[n];
                int left = k;
                for (int m = n - 1; m > 0; m--)
                {
                    double u = rng.RandomSample() * tables[m, left];
                    int b = 0;
                    for (; b < Math.Min(m, left); b++)
                    {
                        u -= tables[m - 1, left - b];
                        if (u < 0)
                            break;
                    }
                    table[m] = b;
                    left -= b;
                }
                var order = new List<int>(n);
                for (int m = 0; m < n; m++)
                    order.Insert(order.Count - table[m], m);
                if (seen.Add(string.Concat(order)))
                    orders.Add([.. order]);
            }
        }
        return orders;
    }

    /// <summary>
    /// Runs each order at <paramref name="intervalMs"/> for <see cref="RunMs"/> ms (1 ms samples) on all cores (or
    /// <paramref name="maxThreads"/>); results in the order given.
    /// </summary>
    public static IReadOnlyList<BrancoSequenceRun> Run(
        BrancoBranch branch,
        IReadOnlyList<ImmutableArray<int>> orders,
        double intervalMs,
        double dtMs = BrancoBranch.DefaultDtMs,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null,
        int? maxThreads = null
    )
    {
        ArgumentNullException.ThrowIfNull(orders);
        return RunAll(
            branch,
            [.. orders.Select(o => (o, intervalMs))],
            dtMs,
            "sequences",
            progress,
            cancellation,
            maxThreads
        );
    }

    /// <summary>IN and OUT at each interval of <paramref name="intervalsMs"/> (Branco's figure: 0 … 8 ms).</summary>
    public static (
        IReadOnlyList<BrancoSequenceRun> In,
        IReadOnlyList<BrancoSequenceRun> Out
    ) InAndOut(
        BrancoBranch branch,
        IReadOnlyList<double> intervalsMs,
        double dtMs = BrancoBranch.DefaultDtMs,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null,
        int? maxThreads = null
    )
    {
        ArgumentNullException.ThrowIfNull(intervalsMs);
        var runs = RunAll(
            branch,
            [
                .. intervalsMs.SelectMany(dt =>
                    new[] { (BrancoBranch.InOrder, dt), (BrancoBranch.OutOrder, dt) }
                ),
            ],
            dtMs,
            "in-out",
            progress,
            cancellation,
            maxThreads
        );
        return ([.. runs.Where((_, i) => i % 2 == 0)], [.. runs.Where((_, i) => i % 2 == 1)]);
    }

    private static BrancoSequenceRun[] RunAll(
        BrancoBranch branch,
        IReadOnlyList<(ImmutableArray<int> Order, double IntervalMs)> sequences,
        double dtMs,
        string task,
        IProgressSink? progress,
        CancellationToken? cancellation,
        int? maxThreads
    )
    {
        ArgumentNullException.ThrowIfNull(branch);
        var token = cancellation ?? KitCancellation.Token;
        using var reporter = new ProgressReporter(task, sequences.Count, progress);
        var traces = branch.RunBatches(
            sequences.Count,
            i => BrancoBranchInput.Sequence(sequences[i].Order, sequences[i].IntervalMs),
            RunMs,
            dtMs,
            reporter,
            token,
            maxThreads
        );
        return
        [
            .. sequences.Select((q, i) => new BrancoSequenceRun(q.Order, q.IntervalMs, traces[i])),
        ];
    }
}
