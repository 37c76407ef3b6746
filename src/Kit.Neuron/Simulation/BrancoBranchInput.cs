using System.Collections.Immutable;

namespace Kit.Neuron.Simulation;

/// <summary>
/// Activation times (ms) of each of the nine AMPA+NMDA synapses on the Branco branch: synapse 0 is the most distal
/// (dend[13](1)), 8 the most proximal (dend[13](0)). Any number of activations per synapse (an empty list leaves
/// it silent), so ordered sequences and random spike trains are both inputs of this kind.
/// </summary>
public sealed record BrancoBranchInput
{
    /// <summary>Validates and wraps the activation times.</summary>
    /// <param name="activationTimesMs">Per synapse (exactly <see cref="BrancoBranch.Synapses"/>), its activation times (ms, ≥ 0, finite).</param>
    /// <exception cref="ArgumentException">Not nine synapses, or a negative or non-finite time.</exception>
    public BrancoBranchInput(IEnumerable<IEnumerable<double>> activationTimesMs)
    {
        ActivationTimesMs = [.. activationTimesMs.Select(t => t.Order().ToImmutableArray())];
        if (ActivationTimesMs.Length != BrancoBranch.Synapses)
            throw new ArgumentException(
                $"the Branco branch has {BrancoBranch.Synapses} synapses; {ActivationTimesMs.Length} activation lists were given",
                nameof(activationTimesMs)
            );
        for (int s = 0; s < ActivationTimesMs.Length; s++)
            foreach (double t in ActivationTimesMs[s])
                if (!(t >= 0) || double.IsInfinity(t))
                    throw new ArgumentOutOfRangeException(
                        nameof(activationTimesMs),
                        t,
                        $"synapse {s}: activation time must be finite and >= 0 ms"
                    );
    }

    /// <summary>Per synapse, its activation times (ms), sorted.</summary>
    public ImmutableArray<ImmutableArray<double>> ActivationTimesMs { get; }

    /// <summary>No input at all.</summary>
    public static BrancoBranchInput Silent() =>
        new(Enumerable.Range(0, BrancoBranch.Synapses).Select(_ => Array.Empty<double>()));

    /// <summary>One activation of synapse <paramref name="synapse"/> at <paramref name="timeMs"/>, the rest silent.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Synapse index outside 0..8.</exception>
    public static BrancoBranchInput Single(
        int synapse,
        double timeMs = BrancoBranch.SequenceStartMs
    )
    {
        BrancoBranch.CheckSynapse(synapse, nameof(synapse));
        return new(
            Enumerable
                .Range(0, BrancoBranch.Synapses)
                .Select(s => s == synapse ? new[] { timeMs } : Array.Empty<double>())
        );
    }

    /// <summary>
    /// A sequence: the synapse at position k of <paramref name="order"/> is activated once at
    /// <c>startMs + k·intervalMs</c> (Branco et al. 2010). Synapses absent from the order stay silent.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative interval or start, or a synapse index outside 0..8.</exception>
    /// <exception cref="ArgumentException">A synapse appears twice in the order.</exception>
    public static BrancoBranchInput Sequence(
        IReadOnlyList<int> order,
        double intervalMs,
        double startMs = BrancoBranch.SequenceStartMs
    )
    {
        if (!(intervalMs >= 0))
            throw new ArgumentOutOfRangeException(
                nameof(intervalMs),
                intervalMs,
                "the inter-synapse interval must be >= 0 ms"
            );
        if (!(startMs >= 0))
            throw new ArgumentOutOfRangeException(
                nameof(startMs),
                startMs,
                "the start must be >= 0 ms"
            );
        var times = Enumerable
            .Range(0, BrancoBranch.Synapses)
            .Select(_ => new List<double>())
            .ToArray();
        for (int k = 0; k < order.Count; k++)
        {
            BrancoBranch.CheckSynapse(order[k], nameof(order));
            if (times[order[k]].Count > 0)
                throw new ArgumentException(
                    $"synapse {order[k]} appears more than once in the activation order",
                    nameof(order)
                );
            times[order[k]].Add(startMs + k * intervalMs);
        }
        return new(times);
    }

    /// <summary>IN: distal to proximal (0, 1, …, 8), towards the soma.</summary>
    public static BrancoBranchInput In(
        double intervalMs,
        double startMs = BrancoBranch.SequenceStartMs
    ) => Sequence(BrancoBranch.InOrder, intervalMs, startMs);

    /// <summary>OUT: proximal to distal (8, 7, …, 0), away from the soma.</summary>
    public static BrancoBranchInput Out(
        double intervalMs,
        double startMs = BrancoBranch.SequenceStartMs
    ) => Sequence(BrancoBranch.OutOrder, intervalMs, startMs);

    /// <inheritdoc />
    public bool Equals(BrancoBranchInput? other) =>
        other is not null
        && ActivationTimesMs.Length == other.ActivationTimesMs.Length
        && ActivationTimesMs.Zip(other.ActivationTimesMs).All(p => p.First.SequenceEqual(p.Second));

    /// <inheritdoc />
    public override int GetHashCode() => ActivationTimesMs.Sum(a => a.Length);
}
