namespace Kit.Neuron.Inputs;

/// <summary>
/// One out-of-distribution input protocol of the paper's figure 6 (its STAR methods; docs/l5pc/inputs-and-outputs.md,
/// "Out-of-distribution protocols"): the ordinary random input (<see cref="L5pcInputConfig"/>) restricted to a random
/// subset of the dendrite's spatial clusters (<see cref="SegmentClusters"/>), optionally modulated by a common
/// sinusoid and optionally without inhibition. Presets: the paper's four conditions.
/// </summary>
/// <remarks>
/// Where the paper is silent the kit chooses, and each choice is a parameter: the number of stimulated clusters is
/// uniform in 1 … ⌊<see cref="MaxClusterFraction"/>·K⌋ (<see cref="MaxClusters"/>; the paper: "up to 30 %"), then
/// that many distinct clusters uniformly. The paper does not say whether the unstimulated clusters' input is removed or
/// moved onto the stimulated ones; the kit moves it (<see cref="PreserveTotalRate"/>), because removing it leaves on
/// average ~16 % of the ordinary input and the Hay cell silent: on cell1 (NMDA, 4 simulations of 6 s per condition)
/// removal gave 5 output spikes in all 16 simulations of the four conditions, against 49 in 4 ordinary ones.
/// </remarks>
/// <param name="Name">Short name of the condition (e.g. "clustered-ei").</param>
/// <param name="MaxClusterFraction">Largest fraction of the clusters stimulated in one simulation (dimensionless,
/// (0, 1]; the paper's 0.3).</param>
/// <param name="Sinusoid">Common rate modulation; null = none.</param>
/// <param name="Inhibition">False: no inhibitory spike at all.</param>
public sealed record OodProtocol(
    string Name,
    double MaxClusterFraction = 0.3,
    SinusoidalModulation? Sinusoid = null,
    bool Inhibition = true
)
{
    /// <summary>Clustered excitation and inhibition.</summary>
    public static OodProtocol ClusteredExcitationInhibition { get; } = new("clustered-ei");

    /// <summary>Clustered excitation, no inhibition.</summary>
    public static OodProtocol ClusteredExcitationOnly { get; } =
        new("clustered-e", Inhibition: false);

    /// <summary>Clustered excitation and inhibition, all rates modulated by one sinusoid (period 15 … 300 ms).</summary>
    public static OodProtocol ClusteredSinusoidalExcitationInhibition { get; } =
        new("clustered-sinusoidal-ei", Sinusoid: SinusoidalModulation.Paper);

    /// <summary>Clustered excitation with the common sinusoid, no inhibition.</summary>
    public static OodProtocol ClusteredSinusoidalExcitationOnly { get; } =
        new("clustered-sinusoidal-e", Sinusoid: SinusoidalModulation.Paper, Inhibition: false);

    /// <summary>The paper's four conditions, in the order of its figure 6.</summary>
    public static IReadOnlyList<OodProtocol> PaperConditions { get; } =
    [
        ClusteredExcitationInhibition,
        ClusteredExcitationOnly,
        ClusteredSinusoidalExcitationInhibition,
        ClusteredSinusoidalExcitationOnly,
    ];

    /// <summary>
    /// True (default): the stimulated segments' rates are scaled by Λ / Λ_chosen (adjusted lengths λ = ℓ + regulariser
    /// summed over all segments and over the stimulated ones), so the expected input count is the ordinary protocol's
    /// (exactly when both trees draw the same rate per µm); one small cluster can then receive tens of times its
    /// ordinary rate. False: the stimulated segments keep their ordinary rates and the rest is removed.
    /// </summary>
    public bool PreserveTotalRate { get; init; } = true;

    /// <summary>
    /// Largest number of clusters stimulated out of <paramref name="clusters"/>: ⌊fraction·K⌋ (19 of 64 at 0.3), so
    /// the stimulated fraction never exceeds <see cref="MaxClusterFraction"/>.
    /// </summary>
    /// <exception cref="ArgumentException">⌊fraction·K⌋ is 0 (too few clusters for the fraction).</exception>
    public int MaxClusters(int clusters)
    {
        // The 1e-12 keeps an exact product (0.25·64 = 16) from flooring one below through rounding.
        int m = (int)Math.Floor(MaxClusterFraction * clusters + 1e-12);
        if (m < 1)
            throw new ArgumentException(
                $"MaxClusterFraction {MaxClusterFraction} of {clusters} clusters allows no cluster",
                nameof(MaxClusterFraction)
            );
        return m;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new ArgumentException("Name must not be empty", nameof(Name));
        if (!(MaxClusterFraction > 0 && MaxClusterFraction <= 1))
            throw new ArgumentException(
                $"MaxClusterFraction {MaxClusterFraction} must be in (0, 1]",
                nameof(MaxClusterFraction)
            );
        Sinusoid?.Validate();
    }
}
