namespace Kit.Figures.Fig5;

/// <summary>
/// NEURON 8.2's peak somatic EPSPs of the Branco branch (passive model, dt 0.025 ms; docs/biophysics/09 §7, from
/// ModelDB 140828 run as published), the agreement figure 5 reports. Carried in the kit so the figure needs no
/// reference files; the simulator's tests check the same numbers against the full-precision reference in
/// <c>shared/reference/l23_branco/branco2010_peaks.json</c>.
/// </summary>
public static class BrancoNeuronPeaks
{
    /// <summary>Intervals of the reference (ms).</summary>
    public static IReadOnlyList<double> IntervalsMs { get; } = [0, 1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>IN (distal to proximal): peak soma depolarisation (mV above −75) per interval.</summary>
    public static IReadOnlyList<double> InMv { get; } =
    [9.736, 10.157, 10.476, 10.499, 10.249, 9.722, 8.784, 7.684, 6.402];

    /// <summary>OUT (proximal to distal): peak soma depolarisation (mV above −75) per interval.</summary>
    public static IReadOnlyList<double> OutMv { get; } =
    [9.736, 9.424, 9.001, 8.496, 7.964, 7.427, 6.894, 6.360, 5.782];
}
