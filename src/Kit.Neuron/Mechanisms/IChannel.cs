namespace Kit.Neuron.Mechanisms;

/// <summary>
/// A Hodgkin–Huxley-type density mechanism seen one compartment at a time (for tests, single-compartment
/// models and notebooks). The engine uses the array kernels of <see cref="ChannelKernels"/> instead.
/// State is a span of <see cref="Gates"/> values, in the order of the channel's gate list.
/// </summary>
public interface IChannel
{
    /// <summary>Mechanism name as in NEURON (e.g. <c>NaTs2_t</c>).</summary>
    string Name { get; }

    /// <summary>Carrier ion (decides the reversal potential used by <see cref="Current"/>).</summary>
    Ion Ion { get; }

    /// <summary>Number of gating variables (length of the state span).</summary>
    int Gates { get; }

    /// <summary>Sets every gate to its steady state at <paramref name="vMv"/> (mV) and <paramref name="caiMm"/> (mM).</summary>
    void Initialize(Span<double> state, double vMv, double caiMm = MechanismConstants.Cai0Mm);

    /// <summary>Advances every gate by <paramref name="dtMs"/> (ms) with v (mV) and cai (mM) frozen (cnexp).</summary>
    void Advance(
        Span<double> state,
        double vMv,
        double dtMs,
        double caiMm = MechanismConstants.Cai0Mm
    );

    /// <summary>
    /// Conductance <c>G</c> (S/cm²) = gbar·Π gate^power and current density <c>I</c> (mA/cm², outward positive)
    /// = G·(v − e) for maximal conductance <paramref name="gbarSPerCm2"/> and reversal <paramref name="eRevMv"/> (mV).
    /// </summary>
    (double G, double I) Current(
        ReadOnlySpan<double> state,
        double vMv,
        double gbarSPerCm2,
        double eRevMv
    );
}
