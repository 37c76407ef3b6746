namespace Kit.Neuron.Mechanisms;

/// <summary>
/// The excitatory synapse of the main ("NMDA") dataset (docs/l5pc/synapses.md,
/// "Excitatory synapse, NMDA configuration"): AMPA and NMDA double exponentials with the same gmax and reversal, the
/// NMDA part Mg-blocked (Jahr &amp; Stevens 1990).
/// State [A_AMPA, B_AMPA, A_NMDA, B_NMDA]; <c>i = (g_AMPA + g_NMDA·mgblock(v))·(v − e)</c> (nA).
/// </summary>
/// <param name="GMaxUs">Peak unblocked conductance of each component (µS); 0.0004 µS = 0.4 nS.</param>
/// <param name="EMv">Shared reversal potential (mV).</param>
/// <param name="Ampa">AMPA time constants (ms).</param>
/// <param name="Nmda">NMDA time constants (ms).</param>
/// <param name="MgMm">Extracellular magnesium (mM).</param>
public sealed record AmpaNmdaSynapse(
    double GMaxUs,
    double EMv,
    DoubleExponentialKernel Ampa,
    DoubleExponentialKernel Nmda,
    double MgMm = 1
) : ISynapse
{
    /// <summary>The dataset's synapse: 0.4 nS, 0 mV, AMPA 0.3/3 ms, NMDA 2/70 ms, 1 mM Mg.</summary>
    public AmpaNmdaSynapse()
        : this(0.0004, 0, DoubleExponentialKernel.Ampa, DoubleExponentialKernel.Nmda) { }

    /// <inheritdoc/>
    public int States => 4;

    /// <inheritdoc/>
    public bool ReproduceNeuronT0Quirk { get; init; } = true;

    /// <summary>Voltage sensitivity of the Mg block (1/mV).</summary>
    public const double MgBlockPerMv = 0.08;

    /// <summary>Mg concentration scale of the block (mM).</summary>
    public const double MgBlockScaleMm = 3.57;

    /// <summary>Mg unblock <c>1/(1 + exp(−0.08·v)·[Mg]/3.57)</c> (dimensionless; v in mV, [Mg] in mM).</summary>
    public static double MgBlock(double vMv, double mgMm = 1) =>
        1 / (1 + Math.Exp(-0.08 * vMv) * (mgMm / 3.57));

    /// <summary>Derivative of <see cref="MgBlock"/> with respect to v (1/mV): <c>0.08·B·(1 − B)</c>.</summary>
    public static double MgBlockSlope(double vMv, double mgMm = 1)
    {
        double b = MgBlock(vMv, mgMm);
        return 0.08 * b * (1 - b);
    }

    /// <inheritdoc/>
    public double[] DecayFactors(double dtMs)
    {
        var (ar, ad) = Ampa.DecayFactors(dtMs);
        var (nr, nd) = Nmda.DecayFactors(dtMs);
        return [ar, ad, nr, nd];
    }

    /// <inheritdoc/>
    public void Deliver(Span<double> state, double weight = 1)
    {
        double a = weight * Ampa.Factor,
            n = weight * Nmda.Factor;
        state[0] += a;
        state[1] += a;
        state[2] += n;
        state[3] += n;
    }

    /// <inheritdoc/>
    public void Advance(Span<double> state, double dtMs) =>
        SynapseKernels.Advance(state, DecayFactors(dtMs));

    /// <summary>AMPA conductance and unblocked NMDA conductance (µS) for a state span.</summary>
    public (double Ampa, double NmdaRaw) Conductances(ReadOnlySpan<double> state) =>
        (GMaxUs * (state[1] - state[0]), GMaxUs * (state[3] - state[2]));

    /// <inheritdoc/>
    public (double G, double I) Current(ReadOnlySpan<double> state, double vMv)
    {
        var (ga, gn) = Conductances(state);
        return CurrentOf(ga, gn, vMv, EMv, MgMm);
    }

    /// <summary>
    /// Current (nA) and its exact slope dI/dv (µS) for AMPA conductance <paramref name="gAmpaUs"/> and unblocked
    /// NMDA conductance <paramref name="gNmdaRawUs"/> (docs/l5pc/synapses.md, "Converting synaptic current into the node equation").
    /// </summary>
    public static (double G, double I) CurrentOf(
        double gAmpaUs,
        double gNmdaRawUs,
        double vMv,
        double eMv,
        double mgMm
    )
    {
        double e = Math.Exp(-MgBlockPerMv * vMv) * (mgMm / MgBlockScaleMm);
        double block = 1 / (1 + e);
        double dv = vMv - eMv;
        double i = (gAmpaUs + gNmdaRawUs * block) * dv;
        double slope = gAmpaUs + gNmdaRawUs * (block + dv * MgBlockPerMv * block * (1 - block));
        return (slope, i);
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
        if (state.Length != 4 * block || gmaxUs.Length != instances)
            throw new ArgumentException(
                $"AmpaNmdaSynapse: state {state.Length} (expected {4 * block}), gmax {gmaxUs.Length} (expected {instances})"
            );
        for (int k = 0; k < instances; k++)
        {
            double gmax = gmaxUs[k];
            int o = nodeOf[k] * lanes;
            for (int l = 0; l < lanes; l++)
            {
                int s = k * lanes + l;
                double ga = gmax * (state[block + s] - state[s]);
                double gn = gmax * (state[3 * block + s] - state[2 * block + s]);
                var (g, i) = CurrentOf(ga, gn, vMv[o + l], EMv, MgMm);
                iNa[o + l] += i;
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
    )
    {
        SynapseKernels.DeliverPair(state, instances, lanes, k, lane, 0, weight * Ampa.Factor);
        SynapseKernels.DeliverPair(state, instances, lanes, k, lane, 2, weight * Nmda.Factor);
    }
}
