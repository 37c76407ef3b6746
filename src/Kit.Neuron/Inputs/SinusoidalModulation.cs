namespace Kit.Neuron.Inputs;

/// <summary>
/// The out-of-distribution protocols' common rate modulation (docs/l5pc/inputs-and-outputs.md, "Out-of-distribution
/// protocols"): every excitatory and inhibitory rate of a simulation is multiplied by one sinusoid,
/// g(t) = 1 + <see cref="Depth"/>·sin(2π·t / P + φ), with period P drawn uniformly in
/// [<see cref="MinPeriodMs"/>, <see cref="MaxPeriodMs"/>) and phase φ uniformly in [0, 2π) per simulation.
/// </summary>
/// <remarks>
/// The paper gives the period range (15 to 300 ms) but not the depth nor the phase; the kit's choices, both
/// parameters here: depth 1 (rates swing from 0 to twice their value, the strongest modulation that keeps them
/// non-negative and the mean unchanged) and a uniform random phase (so t = 0 is not special).
/// </remarks>
/// <param name="MinPeriodMs">Lower end of the period range (ms, &gt; 0).</param>
/// <param name="MaxPeriodMs">Upper end of the period range (ms, ≥ <paramref name="MinPeriodMs"/>; equal fixes the period).</param>
/// <param name="Depth">Modulation depth (dimensionless, 0 … 1): 0 = no modulation.</param>
public sealed record SinusoidalModulation(
    double MinPeriodMs = 15,
    double MaxPeriodMs = 300,
    double Depth = 1.0
)
{
    /// <summary>The paper's range, 15 to 300 ms, at the kit's depth 1.</summary>
    public static SinusoidalModulation Paper { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (!double.IsFinite(MinPeriodMs) || MinPeriodMs <= 0)
            throw new ArgumentException(
                $"MinPeriodMs {MinPeriodMs} must be finite and positive",
                nameof(MinPeriodMs)
            );
        if (!double.IsFinite(MaxPeriodMs) || MaxPeriodMs < MinPeriodMs)
            throw new ArgumentException(
                $"MaxPeriodMs {MaxPeriodMs} must be finite and ≥ MinPeriodMs {MinPeriodMs}",
                nameof(MaxPeriodMs)
            );
        if (!(Depth >= 0 && Depth <= 1))
            throw new ArgumentException($"Depth {Depth} must be in [0, 1]", nameof(Depth));
    }

    /// <summary>
    /// The gain g(t) = 1 + Depth·sin(2π·t / <paramref name="periodMs"/> + <paramref name="phaseRad"/>) at
    /// t = 0, 1, …, <paramref name="durationMs"/> − 1 ms (one value per 1 ms input bin).
    /// </summary>
    public double[] Gain(int durationMs, double periodMs, double phaseRad)
    {
        var g = new double[durationMs];
        for (int t = 0; t < durationMs; t++)
            g[t] = 1.0 + Depth * Math.Sin(2 * Math.PI * t / periodMs + phaseRad);
        return g;
    }
}
