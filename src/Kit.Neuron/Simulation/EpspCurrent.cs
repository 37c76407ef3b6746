namespace Kit.Neuron.Simulation;

/// <summary>
/// The Hay et al. 2011 <c>epsp</c> point process (ModelDB 139653, used by BAC_firing.hoc): an EPSC-shaped
/// nonspecific current <c>i = −imax·adjust·(exp(−(t−onset)/τ1) − exp(−(t−onset)/τ0))</c> for t ≥ onset (nA,
/// outward positive, so the inward peak is exactly −imax), 0 before; exp(x) is taken as 0 for x &lt; −100.
/// </summary>
/// <param name="Node">Node receiving the current.</param>
/// <param name="OnsetMs">Onset (ms).</param>
/// <param name="Tau0Ms">Rise time constant τ0 (ms).</param>
/// <param name="Tau1Ms">Decay time constant τ1 (ms).</param>
/// <param name="ImaxNa">Peak inward current (nA).</param>
public sealed record EpspCurrent(
    int Node,
    double OnsetMs,
    double Tau0Ms = 0.5,
    double Tau1Ms = 5,
    double ImaxNa = 0.5
) : IStimulus
{
    /// <summary>Time of the peak after onset, <c>τ0·τ1·ln(τ0/τ1)/(τ0 − τ1)</c> (ms).</summary>
    public double TimeToPeakMs => Tau0Ms * Tau1Ms * Math.Log(Tau0Ms / Tau1Ms) / (Tau0Ms - Tau1Ms);

    /// <summary>Normalisation <c>1/(exp(−tpeak/τ1) − exp(−tpeak/τ0))</c> (dimensionless).</summary>
    public double Adjust =>
        1 / (Math.Exp(-TimeToPeakMs / Tau1Ms) - Math.Exp(-TimeToPeakMs / Tau0Ms));

    /// <inheritdoc/>
    public double CurrentNa(double tMs)
    {
        if (tMs < OnsetMs)
            return 0;
        double s = tMs - OnsetMs;
        return -ImaxNa * Adjust * (Exp(-s / Tau1Ms) - Exp(-s / Tau0Ms));
    }

    private static double Exp(double x) => x < -100 ? 0 : Math.Exp(x);
}
