namespace Kit.Neuron.Mechanisms;

/// <summary>
/// AMPA-only excitatory synapse of the AMPA datasets (docs/l5pc/synapses.md, "Excitatory synapse, AMPA configuration"):
/// one double exponential, no Mg block.
/// State [A, B]; <c>g = gmax·(B − A)</c>, <c>i = g·(v − e)</c>.
/// </summary>
/// <param name="GMaxUs">Peak conductance (µS); 0.0004 µS = 0.4 nS.</param>
/// <param name="EMv">Reversal potential (mV).</param>
/// <param name="Kernel">Rise/decay time constants (ms).</param>
public sealed record AmpaSynapse(double GMaxUs, double EMv, DoubleExponentialKernel Kernel)
    : DoubleExponentialSynapse(GMaxUs, EMv, Kernel)
{
    /// <summary>The dataset's AMPA synapse: 0.4 nS, 0 mV, τr 0.3 ms, τd 3 ms.</summary>
    public AmpaSynapse()
        : this(0.0004, 0, DoubleExponentialKernel.Ampa) { }
}
