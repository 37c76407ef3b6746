using System.Collections.Immutable;

namespace Kit.Neuron.Mechanisms;

/// <summary>
/// A Markov kinetic scheme as data: named states whose occupancies (fractions, summing to 1) move along reversible
/// <see cref="Transitions"/> with voltage- and ligand-dependent rates (1/ms), and the states that conduct. One scheme
/// describes any receptor or channel of this kind (NEURON's KINETIC block); <see cref="KineticSchemeSolver"/> solves
/// it. The rate matrix Q (column j = outflow of state j) gives <c>dp/dt = Q·p</c>.
/// </summary>
public sealed record KineticScheme
{
    /// <summary>Validates and wraps the scheme.</summary>
    /// <param name="name">Name for messages.</param>
    /// <param name="states">State names, in index order.</param>
    /// <param name="transitions">Reversible transitions between distinct, existing states.</param>
    /// <param name="conductingStates">Indices of the states whose summed occupancy scales the conductance.</param>
    /// <exception cref="ArgumentException">A transition or conducting index names no state, or a self-loop.</exception>
    public KineticScheme(
        string name,
        IEnumerable<string> states,
        IEnumerable<KineticTransition> transitions,
        IEnumerable<int> conductingStates
    )
    {
        Name = name;
        States = [.. states];
        Transitions = [.. transitions];
        ConductingStates = [.. conductingStates];
        if (States.IsEmpty)
            throw new ArgumentException($"kinetic scheme {name} has no states", nameof(states));
        if (States.Distinct(StringComparer.Ordinal).Count() != States.Length)
            throw new ArgumentException(
                $"kinetic scheme {name} has duplicate state names",
                nameof(states)
            );
        foreach (var t in Transitions)
            if (
                t.From < 0
                || t.From >= States.Length
                || t.To < 0
                || t.To >= States.Length
                || t.From == t.To
            )
                throw new ArgumentException(
                    $"kinetic scheme {name}: transition {t.From} ⇄ {t.To} must join two distinct states of 0..{States.Length - 1}",
                    nameof(transitions)
                );
        foreach (int c in ConductingStates)
            if (c < 0 || c >= States.Length)
                throw new ArgumentException(
                    $"kinetic scheme {name}: conducting state {c} is not in 0..{States.Length - 1}",
                    nameof(conductingStates)
                );
    }

    /// <summary>Name for messages.</summary>
    public string Name { get; }

    /// <summary>State names, in index order.</summary>
    public ImmutableArray<string> States { get; }

    /// <summary>The reversible transitions.</summary>
    public ImmutableArray<KineticTransition> Transitions { get; }

    /// <summary>Indices of the conducting states.</summary>
    public ImmutableArray<int> ConductingStates { get; }

    /// <summary>Index of the state named <paramref name="state"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such state.</exception>
    public int IndexOf(string state)
    {
        int i = States.IndexOf(state);
        return i >= 0
            ? i
            : throw new KeyNotFoundException($"kinetic scheme {Name} has no state named '{state}'");
    }

    /// <summary>
    /// Fills the rate matrix <paramref name="q"/> (states × states, row-major, 1/ms) at <paramref name="voltageMv"/>
    /// and <paramref name="ligandMm"/>: <c>q[to, from]</c> += rate, <c>q[from, from]</c> −= rate, so every column sums
    /// to zero.
    /// </summary>
    public void RateMatrix(double voltageMv, double ligandMm, Span<double> q)
    {
        int n = States.Length;
        if (q.Length != n * n)
            throw new ArgumentException($"rate matrix needs {n * n} entries", nameof(q));
        q.Clear();
        AddRates(voltageMv, ligandMm, q, 1, 0);
    }

    /// <summary>
    /// Adds the rates at <paramref name="voltageMv"/> and <paramref name="ligandMm"/> into a rate matrix stored with
    /// entry (i, j) at <c>(i·states + j)·stride + offset</c>, in <see cref="Transitions"/> order (the same sums as
    /// <see cref="RateMatrix"/>): <paramref name="stride"/> matrices interleaved, one per SIMD lane.
    /// </summary>
    internal void AddRates(
        double voltageMv,
        double ligandMm,
        Span<double> q,
        int stride,
        int offset
    )
    {
        int n = States.Length;
        foreach (var t in Transitions)
        {
            double f = t.Forward(voltageMv, ligandMm);
            double b = t.Backward(voltageMv, ligandMm);
            q[(t.To * n + t.From) * stride + offset] += f;
            q[(t.From * n + t.From) * stride + offset] -= f;
            q[(t.From * n + t.To) * stride + offset] += b;
            q[(t.To * n + t.To) * stride + offset] -= b;
        }
    }

    /// <summary>Summed occupancy of the conducting states.</summary>
    public double ConductingFraction(ReadOnlySpan<double> occupancy)
    {
        double o = 0;
        foreach (int c in ConductingStates)
            o += occupancy[c];
        return o;
    }
}
