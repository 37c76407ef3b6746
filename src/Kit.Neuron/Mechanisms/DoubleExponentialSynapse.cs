namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Common implementation of a single-component double-exponential synapse (AMPA-only, GABA_A; docs/l5pc/synapses.md,
/// "Double-exponential kernel").
/// State [A, B]; <c>g = gmax·(B − A)</c> (µS), <c>i = g·(v − e)</c> (nA).
/// </summary>
/// <param name="GMaxUs">Peak conductance (µS).</param>
/// <param name="EMv">Reversal potential (mV).</param>
/// <param name="Kernel">Rise/decay time constants (ms).</param>
public abstract record DoubleExponentialSynapse(
    double GMaxUs,
    double EMv,
    DoubleExponentialKernel Kernel
) : ISynapse
{
    /// <inheritdoc/>
    public int States => 2;

    /// <inheritdoc/>
    public bool ReproduceNeuronT0Quirk { get; init; } = true;

    /// <inheritdoc/>
    public double[] DecayFactors(double dtMs)
    {
        var (r, d) = Kernel.DecayFactors(dtMs);
        return [r, d];
    }

    /// <inheritdoc/>
    public void Deliver(Span<double> state, double weight = 1)
    {
        double inc = weight * Kernel.Factor;
        state[0] += inc;
        state[1] += inc;
    }

    /// <inheritdoc/>
    public void Advance(Span<double> state, double dtMs) =>
        SynapseKernels.Advance(state, DecayFactors(dtMs));

    /// <summary>Conductance (µS) for state [A, B].</summary>
    public double Conductance(ReadOnlySpan<double> state) => GMaxUs * (state[1] - state[0]);

    /// <inheritdoc/>
    public (double G, double I) Current(ReadOnlySpan<double> state, double vMv)
    {
        double g = Conductance(state);
        return (g, g * (vMv - EMv));
    }

    /// <inheritdoc/>
    public void AccumulateCurrent(
        ReadOnlySpan<double> state,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> gmaxUs,
        ReadOnlySpan<double> vMv,
        Span<double> iNa,
        Span<double> gUs
    )
    {
        int instances = nodeOf.Length;
        int block = instances * lanes;
        if (state.Length != 2 * block || gmaxUs.Length != instances)
            throw new ArgumentException(
                $"{GetType().Name}: state {state.Length} (expected {2 * block}), gmax {gmaxUs.Length} (expected {instances})"
            );
        var a = state[..block];
        var b = state.Slice(block, block);
        for (int k = 0; k < instances; k++)
        {
            double gmax = gmaxUs[k];
            int o = nodeOf[k] * lanes;
            for (int l = 0; l < lanes; l++)
            {
                int s = k * lanes + l;
                double g = gmax * (b[s] - a[s]);
                iNa[o + l] += g * (vMv[o + l] - EMv);
                gUs[o + l] += g;
            }
        }
    }

    /// <inheritdoc/>
    public void DeliverAt(
        Span<double> state,
        int instances,
        int lanes,
        int k,
        int lane,
        double weight = 1
    ) => SynapseKernels.DeliverPair(state, instances, lanes, k, lane, 0, weight * Kernel.Factor);
}
