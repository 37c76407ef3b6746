namespace Kit.Neuron.Mechanisms;

/// <summary>
/// NEURON's AlphaSynapse: conductance <c>g(t) = gmax · x · exp(1 − x)</c> with <c>x = (t − onset)/τ</c> for
/// 0 ≤ x ≤ 10 and 0 otherwise (a hard cut-off at 10 τ, as NEURON's syn.mod), current <c>i = g (v − e)</c> nA.
/// The peak, gmax, is at onset + τ.
/// </summary>
/// <param name="GMaxUs">Peak conductance (µS).</param>
/// <param name="TauMs">Time constant (ms).</param>
/// <param name="EMv">Reversal potential (mV).</param>
public sealed record AlphaSynapse(double GMaxUs, double TauMs, double EMv)
{
    /// <summary>The AMPA synapse of the Branco et al. (2010) model: 0.5 nS, τ = 2 ms, e = 0 mV.</summary>
    public static AlphaSynapse BrancoAmpa { get; } = new(0.0005, 2, 0);

    /// <summary>Conductance (µS) at <paramref name="sinceOnsetMs"/> ms after the onset.</summary>
    public double ConductanceUs(double sinceOnsetMs) => ConductanceUs(GMaxUs, sinceOnsetMs);

    /// <summary>
    /// Conductance (µS) at <paramref name="sinceOnsetMs"/> ms after the onset of an instance whose peak is
    /// <paramref name="gmaxUs"/> (per-instance conductances of an <see cref="Simulation.AlphaSynapseGroup"/>).
    /// </summary>
    public double ConductanceUs(double gmaxUs, double sinceOnsetMs)
    {
        double x = sinceOnsetMs / TauMs;
        return x is < 0 or > 10 ? 0 : gmaxUs * x * Math.Exp(1 - x);
    }

    /// <summary>
    /// Time after an onset (ms) past which its conductance is 0 (the 10 τ cut-off) with a margin of
    /// <paramref name="marginMs"/>: onsets older than this can be skipped.
    /// </summary>
    public double HorizonMs(double marginMs) => 10 * TauMs + marginMs;
}
