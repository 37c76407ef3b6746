namespace Kit.Neuron.Mechanisms;

/// <summary>
/// The normalised double-exponential conductance kernel (docs/l5pc/synapses.md, "Double-exponential kernel"): states A
/// (rise) and B (decay) decay with τr and τd, an event adds <c>w·Factor</c> to both, and <c>g = gmax·(B − A)</c> peaks
/// at exactly gmax, <see cref="TimeToPeakMs"/> after an isolated event.
/// </summary>
/// <param name="TauRiseMs">Rise time constant τr (ms), smaller than τd.</param>
/// <param name="TauDecayMs">Decay time constant τd (ms).</param>
public readonly record struct DoubleExponentialKernel(double TauRiseMs, double TauDecayMs)
{
    /// <summary>Time of the peak after an event, <c>τr·τd/(τd − τr)·ln(τd/τr)</c> (ms).</summary>
    public double TimeToPeakMs =>
        TauRiseMs * TauDecayMs / (TauDecayMs - TauRiseMs) * Math.Log(TauDecayMs / TauRiseMs);

    /// <summary>Normalisation <c>1/(exp(−tp/τd) − exp(−tp/τr))</c> (dimensionless).</summary>
    public double Factor =>
        1 / (Math.Exp(-TimeToPeakMs / TauDecayMs) - Math.Exp(-TimeToPeakMs / TauRiseMs));

    /// <summary>
    /// Analytic normalised time course <c>Factor·(exp(−t/τd) − exp(−t/τr))</c> of one event at t = 0
    /// (dimensionless, peak 1; 0 for t &lt; 0).
    /// </summary>
    public double Normalised(double tMs) =>
        tMs < 0 ? 0 : Factor * (Math.Exp(-tMs / TauDecayMs) - Math.Exp(-tMs / TauRiseMs));

    /// <summary>Per-step decay factors <c>exp(−dt/τr)</c> and <c>exp(−dt/τd)</c> for <paramref name="dtMs"/> (ms).</summary>
    public (double Rise, double Decay) DecayFactors(double dtMs) =>
        (Math.Exp(-dtMs / TauRiseMs), Math.Exp(-dtMs / TauDecayMs));

    /// <summary>AMPA: τr 0.3 ms, τd 3 ms (docs/l5pc/synapses.md, "Double-exponential kernel").</summary>
    public static DoubleExponentialKernel Ampa { get; } = new(0.3, 3.0);

    /// <summary>NMDA: τr 2 ms, τd 70 ms (docs/l5pc/synapses.md, "Double-exponential kernel").</summary>
    public static DoubleExponentialKernel Nmda { get; } = new(2.0, 70.0);

    /// <summary>GABA_A: τr 0.2 ms, τd 8 ms (docs/l5pc/synapses.md, "Double-exponential kernel").</summary>
    public static DoubleExponentialKernel GabaA { get; } = new(0.2, 8.0);
}
