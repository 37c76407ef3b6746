namespace Kit.Neuron.Inputs;

/// <summary>
/// The random input regime of the paper's figure 5 for the Branco branch (docs/l23-branch.md, "Random input"):
/// nine Poisson spike trains that share one rate. The rate is piecewise constant (a new value every
/// <c>K</c> ms, uniform in <see cref="BranchSpikesPer100Ms"/>, counted over the whole branch) and smoothed by a
/// Gaussian of standard deviation σ; K and σ are drawn per simulation. Vary it with <c>with</c>.
/// </summary>
/// <param name="DurationMs">Simulation length in 1 ms bins (ms).</param>
/// <param name="BranchSpikesPer100Ms">Range [low, high) of the branch's total input spike count per 100 ms, all nine
/// synapses together (the paper: 0 to 15).</param>
/// <param name="RateIntervalMs">Range [low, high] (ms, whole) of K, how long each coarse rate value is held.</param>
/// <param name="SmoothingSigmaMs">Range [low, high] (ms, whole) of σ, the Gaussian smoothing of the rate.</param>
public sealed record BrancoRandomInputConfig(
    int DurationMs,
    SpikeCountRange BranchSpikesPer100Ms,
    WholeMsRange RateIntervalMs,
    WholeMsRange SmoothingSigmaMs
)
{
    /// <summary>The paper's regime in 2 s simulations: 0-15 spikes per 100 ms on the branch, K 25-300 ms, σ 10-100 ms.</summary>
    public static BrancoRandomInputConfig Paper { get; } =
        new(2000, new SpikeCountRange(0, 15), new WholeMsRange(25, 300), new WholeMsRange(10, 100));

    /// <summary>
    /// Short trials that each start from the resting state, as Branco's sequences do: 300 ms, 0-60 spikes per 100 ms
    /// on the branch, K 25-300 ms, σ 10-100 ms. Figure 5 trains on these (docs/l23-branch.md, "Why the trials start
    /// from rest"): over seconds of ongoing input the NMDA receptors desensitise (recovery τ ≈ 140-430 ms), a state
    /// the network's 100 ms window cannot see, and a network trained on 2 s simulations predicts sequences from rest
    /// far worse.
    /// </summary>
    public static BrancoRandomInputConfig RestingTrials { get; } =
        new(300, new SpikeCountRange(0, 60), new WholeMsRange(25, 300), new WholeMsRange(10, 100));

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (DurationMs < 1)
            throw new ArgumentException($"DurationMs must be >= 1 ms, got {DurationMs}");
        if (
            !(BranchSpikesPer100Ms.Low >= 0)
            || !(BranchSpikesPer100Ms.High >= BranchSpikesPer100Ms.Low)
            || double.IsInfinity(BranchSpikesPer100Ms.High)
        )
            throw new ArgumentException(
                $"BranchSpikesPer100Ms must satisfy 0 <= low <= high < infinity, got [{BranchSpikesPer100Ms.Low}, {BranchSpikesPer100Ms.High})"
            );
        // at most one spike per synapse per 1 ms bin: the high rate must keep the probability below 1
        if (BranchSpikesPer100Ms.High / 100.0 / 9 > 1)
            throw new ArgumentException(
                $"BranchSpikesPer100Ms high {BranchSpikesPer100Ms.High} exceeds one spike per synapse per ms (900)"
            );
        if (RateIntervalMs.Low < 1 || RateIntervalMs.High < RateIntervalMs.Low)
            throw new ArgumentException(
                $"RateIntervalMs must satisfy 1 <= low <= high, got ({RateIntervalMs.Low}, {RateIntervalMs.High})"
            );
        if (SmoothingSigmaMs.Low < 1 || SmoothingSigmaMs.High < SmoothingSigmaMs.Low)
            throw new ArgumentException(
                $"SmoothingSigmaMs must satisfy 1 <= low <= high, got ({SmoothingSigmaMs.Low}, {SmoothingSigmaMs.High})"
            );
    }
}

/// <summary>An inclusive range of whole milliseconds [Low, High].</summary>
public sealed record WholeMsRange(int Low, int High);
