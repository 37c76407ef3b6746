using Kit.Neuron.Data;
using Kit.Neuron.Random;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Inputs;

/// <summary>One random input of the Branco branch and the rate it was drawn from.</summary>
/// <param name="Activations">Activation times per synapse (whole ms: a spike in bin t activates at t ms).</param>
/// <param name="BranchRatePer100Ms">The smoothed shared rate per 1 ms bin, as the branch's total spikes per 100 ms.</param>
/// <param name="RateIntervalMs">The drawn K (ms).</param>
/// <param name="SmoothingSigmaMs">The drawn σ (ms).</param>
public sealed record BrancoRandomInput(
    BrancoBranchInput Activations,
    double[] BranchRatePer100Ms,
    int RateIntervalMs,
    int SmoothingSigmaMs
)
{
    /// <summary>Input spikes in all nine trains.</summary>
    public int SpikeCount => Activations.ActivationTimesMs.Sum(a => a.Length);
}

/// <summary>
/// Draws the random input regime of <see cref="BrancoRandomInputConfig"/> (docs/l23-branch.md, "Random input"). In
/// order from the stream: K (uniform whole ms), σ (uniform whole ms), ceil(T / K) coarse branch rates (uniform), then a
/// Bernoulli draw per synapse and 1 ms bin (synapse-major) with probability rate / (100 · 9). The coarse rates are
/// held K ms and smoothed by a normalised Gaussian window of 1 + 7σ taps; past either end the rate is continued with
/// its end value, so the smoothing does not pull the first and last σ ms towards zero.
/// </summary>
public sealed class BrancoRandomInputGenerator
{
    /// <summary>Validates the config.</summary>
    /// <exception cref="ArgumentException">A field out of range (the message names it).</exception>
    public BrancoRandomInputGenerator(BrancoRandomInputConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
    }

    /// <summary>The regime.</summary>
    public BrancoRandomInputConfig Config { get; }

    /// <summary>
    /// Simulation <paramref name="index"/> of a dataset with seed <paramref name="seed"/>, from its own stream
    /// <c>RandomState([seed, index])</c>: independent of how many are drawn, in which order, on how many threads.
    /// </summary>
    public BrancoRandomInput Generate(long seed, int index) =>
        Generate(IntegrateAndFireDataset.SimulationStream(seed, index));

    /// <summary>Draws one input from <paramref name="rng"/> (advancing it).</summary>
    public BrancoRandomInput Generate(NumpyRandomState rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var c = Config;
        int T = c.DurationMs;
        int k =
            c.RateIntervalMs.Low + rng.RandInt(c.RateIntervalMs.High - c.RateIntervalMs.Low + 1);
        int sigma =
            c.SmoothingSigmaMs.Low
            + rng.RandInt(c.SmoothingSigmaMs.High - c.SmoothingSigmaMs.Low + 1);
        int samples = (T + k - 1) / k;
        var coarse = new double[samples];
        for (int i = 0; i < samples; i++)
            coarse[i] = rng.Uniform(c.BranchSpikesPer100Ms.Low, c.BranchSpikesPer100Ms.High);
        var rate = Smooth(coarse, k, sigma, T);
        int synapses = BrancoBranch.Synapses;
        var times = new List<double>[synapses];
        for (int s = 0; s < synapses; s++)
        {
            times[s] = [];
            for (int t = 0; t < T; t++)
                if (rng.RandomSample() < rate[t] / (100.0 * synapses))
                    times[s].Add(t);
        }
        return new BrancoRandomInput(new BrancoBranchInput(times), rate, k, sigma);
    }

    /// <summary>The coarse values held <paramref name="holdMs"/> each, smoothed (edge values continued).</summary>
    internal static double[] Smooth(double[] coarse, int holdMs, int sigmaMs, int durationMs)
    {
        var window = GaussianSmoothing.Window(sigmaMs);
        int half = (window.Length - 1) / 2;
        double At(int t) => coarse[Math.Clamp(t, 0, durationMs - 1) / holdMs];
        var rate = new double[durationMs];
        for (int t = 0; t < durationMs; t++)
        {
            double sum = 0;
            for (int j = 0; j < window.Length; j++)
                sum += window[j] * At(t + j - half);
            rate[t] = Math.Max(0, sum);
        }
        return rate;
    }
}
