namespace Kit.Plots;

/// <summary>An exponential kernel <c>A e^(-t/τ)</c> fitted to a filter cross-section.</summary>
/// <param name="TauMs">Time constant τ, ms.</param>
/// <param name="Amplitude">Amplitude A at lag 0 (filter units).</param>
public readonly record struct ExponentialCurve(double TauMs, double Amplitude)
{
    /// <summary>The kernel's value at lag <paramref name="tMs"/>.</summary>
    public double At(double tMs) => Amplitude * Math.Exp(-tMs / TauMs);
}
