namespace Kit.Neuron.Mechanisms;

/// <summary>
/// A point-process synapse made of double-exponential components (docs/l5pc/synapses.md). Its parameters are the
/// implementing record; its state is a span of <see cref="States"/> values (pairs A, B per component). Conductances are
/// in µS, currents in nA (outward positive), v in mV, t in ms.
/// Array layout for the kernels: state blocks [state × instance × lane], index
/// <c>(s·instances + k)·lanes + lane</c>; v, current and conductance outputs are [node × lane].
/// </summary>
public interface ISynapse
{
    /// <summary>Number of state values per synapse (2 per component).</summary>
    int States { get; }

    /// <summary>Maximal conductance (µS) used by the single-synapse methods.</summary>
    double GMaxUs { get; }

    /// <summary>Reversal potential (mV).</summary>
    double EMv { get; }

    /// <summary>
    /// When true (default) a presynaptic event at t = 0 silences the synapse, as in NEURON (docs/l5pc/synapses.md,
    /// "Release rule").
    /// </summary>
    bool ReproduceNeuronT0Quirk { get; }

    /// <summary>Per-state decay factors <c>exp(−dt/τ)</c> for <paramref name="dtMs"/> (ms), in state order.</summary>
    double[] DecayFactors(double dtMs);

    /// <summary>Adds <c>weight·factor</c> to both states of every component (a released event).</summary>
    void Deliver(Span<double> state, double weight = 1);

    /// <summary>
    /// Exact decay of every state over <paramref name="dtMs"/> (ms), flushing values below 1e-30 to 0. Computes its
    /// decay factors on each call; the engine calls <see cref="SynapseKernels.Advance"/> with factors from
    /// <see cref="DecayFactors"/> computed once.
    /// </summary>
    void Advance(Span<double> state, double dtMs);

    /// <summary>Slope <c>G = dI/dv</c> (µS) and current <c>I</c> (nA) at <paramref name="vMv"/> (mV).</summary>
    (double G, double I) Current(ReadOnlySpan<double> state, double vMv);

    /// <summary>
    /// Array kernel, current phase: adds every instance's current (nA) to <paramref name="iNa"/> and its slope (µS)
    /// to <paramref name="gUs"/> at its node. <paramref name="gmaxUs"/> is per instance (µS).
    /// </summary>
    void AccumulateCurrent(
        ReadOnlySpan<double> state,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> gmaxUs,
        ReadOnlySpan<double> vMv,
        Span<double> iNa,
        Span<double> gUs
    );

    /// <summary>Array kernel: adds <c>weight·factor</c> to both states of every component of instance k, lane l.</summary>
    void DeliverAt(
        Span<double> state,
        int instances,
        int lanes,
        int k,
        int lane,
        double weight = 1
    );
}
