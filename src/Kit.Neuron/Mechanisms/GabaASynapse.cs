namespace Kit.Neuron.Mechanisms;

/// <summary>
/// GABA_A inhibitory synapse (docs/l5pc/synapses.md, "Inhibitory synapse"): one double exponential. State [A, B];
/// <c>g = gmax·(B − A)</c>, <c>i = g·(v − e)</c>.
/// </summary>
/// <param name="GMaxUs">Peak conductance (µS); 0.001 µS = 1 nS.</param>
/// <param name="EMv">Reversal potential (mV).</param>
/// <param name="Kernel">Rise/decay time constants (ms).</param>
public sealed record GabaASynapse(double GMaxUs, double EMv, DoubleExponentialKernel Kernel)
    : DoubleExponentialSynapse(GMaxUs, EMv, Kernel)
{
    /// <summary>The dataset's GABA_A synapse: 1 nS, −80 mV, τr 0.2 ms, τd 8 ms.</summary>
    public GabaASynapse()
        : this(0.001, -80, DoubleExponentialKernel.GabaA) { }
}
