namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Immutable description of one channel's kinetics: its gates (with exact rate functions) and its ion.
/// Each channel file exposes one (e.g. <see cref="NaTs2t.Definition"/>). Implements <see cref="IChannel"/> for
/// single-compartment use; the engine runs it over arrays with <see cref="ChannelKernels"/>.
/// </summary>
public sealed class ChannelDefinition : IChannel
{
    private readonly GateDefinition[] _gates;

    /// <summary>Creates a channel description.</summary>
    /// <param name="name">NEURON mechanism name.</param>
    /// <param name="ion">Carrier ion.</param>
    /// <param name="gates">Gates in state order (1 or 2 here, powers 1–4).</param>
    public ChannelDefinition(string name, Ion ion, params GateDefinition[] gates)
    {
        if (gates.Length == 0)
            throw new ArgumentException($"channel {name} needs at least one gate", nameof(gates));
        foreach (var g in gates)
            if (g.Power is < 1 or > 4)
                throw new ArgumentException(
                    $"channel {name} gate {g.Name}: power {g.Power} is outside 1..4",
                    nameof(gates)
                );
        Name = name;
        Ion = ion;
        _gates = gates;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public Ion Ion { get; }

    /// <inheritdoc/>
    public int Gates => _gates.Length;

    /// <summary>The gates in state order.</summary>
    public IReadOnlyList<GateDefinition> GateList => _gates;

    /// <summary>Input value (v in mV or cai in mM) a gate reads.</summary>
    internal static double InputOf(GateDefinition g, double vMv, double caiMm) =>
        g.Input == GateInput.Voltage ? vMv : caiMm;

    /// <inheritdoc/>
    public void Initialize(Span<double> state, double vMv, double caiMm = MechanismConstants.Cai0Mm)
    {
        CheckLength(state.Length);
        for (int j = 0; j < _gates.Length; j++)
            state[j] = _gates[j].Rates(InputOf(_gates[j], vMv, caiMm)).Inf;
    }

    /// <inheritdoc/>
    public void Advance(
        Span<double> state,
        double vMv,
        double dtMs,
        double caiMm = MechanismConstants.Cai0Mm
    )
    {
        CheckLength(state.Length);
        for (int j = 0; j < _gates.Length; j++)
        {
            var (inf, tau) = _gates[j].Rates(InputOf(_gates[j], vMv, caiMm));
            state[j] = GateDefinition.Step(state[j], inf, tau, dtMs);
        }
    }

    /// <inheritdoc/>
    public (double G, double I) Current(
        ReadOnlySpan<double> state,
        double vMv,
        double gbarSPerCm2,
        double eRevMv
    )
    {
        CheckLength(state.Length);
        double open = 1;
        for (int j = 0; j < _gates.Length; j++)
            open *= PowerOf(state[j], _gates[j].Power);
        double g = gbarSPerCm2 * open;
        return (g, g * (vMv - eRevMv));
    }

    /// <summary><c>x^p</c> for p in 1..4 by multiplication (no <c>Math.Pow</c>).</summary>
    internal static double PowerOf(double x, int p) =>
        p switch
        {
            1 => x,
            2 => x * x,
            3 => x * x * x,
            _ => x * x * (x * x),
        };

    private void CheckLength(int length)
    {
        if (length != _gates.Length)
            throw new ArgumentException(
                $"channel {Name} has {_gates.Length} gates but the state span has {length} values"
            );
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
