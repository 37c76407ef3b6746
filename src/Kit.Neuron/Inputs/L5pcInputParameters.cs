namespace Kit.Neuron.Inputs;

/// <summary>
/// The hidden per-simulation draws of the L5PC input generator (docs/l5pc/inputs-and-outputs.md, "Algorithm"): hold
/// interval K, smoothing σ and the coarse per-tree rates, each a row of <see cref="RateSamples"/> values in spikes per
/// tree per 100 ms.
/// </summary>
/// <param name="RateIntervalMs">K (ms): each coarse sample is held for K 1-ms bins.</param>
/// <param name="SmoothingSigmaMs">σ (ms) of the Gaussian rate smoothing.</param>
/// <param name="BasalExcitatoryPer100Ms">Eb[s]: basal excitatory spikes per 100 ms.</param>
/// <param name="BasalInhibitoryPer100Ms">Ib[s]: basal inhibitory spikes per 100 ms.</param>
/// <param name="ApicalExcitatoryPer100Ms">Ea[s]: apical excitatory spikes per 100 ms.</param>
/// <param name="ApicalInhibitoryPer100Ms">Ia[s]: apical inhibitory spikes per 100 ms.</param>
public sealed record L5pcInputParameters(
    int RateIntervalMs,
    int SmoothingSigmaMs,
    IReadOnlyList<double> BasalExcitatoryPer100Ms,
    IReadOnlyList<double> BasalInhibitoryPer100Ms,
    IReadOnlyList<double> ApicalExcitatoryPer100Ms,
    IReadOnlyList<double> ApicalInhibitoryPer100Ms
)
{
    /// <summary>S, the number of coarse samples (length of each rate row).</summary>
    public int RateSamples => BasalExcitatoryPer100Ms.Count;
}
