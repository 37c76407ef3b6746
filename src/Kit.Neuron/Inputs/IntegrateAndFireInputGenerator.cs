using System.Buffers;
using Kit.Neuron.Random;

namespace Kit.Neuron.Inputs;

/// <summary>
/// Draws the binary input of one I&amp;F simulation exactly as the paper's
/// <c>generate_input_spike_trains_for_simulation</c> does (docs/integrate-and-fire.md, "Input generation"): the same
/// NumPy legacy draws in the same order, so a <see cref="NumpyRandomState"/> in the same state yields the same matrix.
/// </summary>
/// <remarks>
/// Draw order: randint(#K options), rand (K jitter), randint(#σ options), rand (σ jitter), S uniforms (excitatory
/// counts), S uniforms (inhibitory counts), 80·S then 20·S uniforms U(0.5, 1.5) (C order), 80·T exponentials then
/// 80·T rand (excitatory), 20·T exponentials then 20·T rand (inhibitory). The smoothing is summed directly rather
/// than by FFT as SciPy may do; the rates then differ by ~1e-16 relative, which changes a spike only if a uniform
/// draw falls within that distance of its probability.
/// </remarks>
public sealed class IntegrateAndFireInputGenerator(IntegrateAndFireInputConfig config)
{
    /// <summary>The protocol.</summary>
    public IntegrateAndFireInputConfig Config { get; } = config;

    /// <summary>Draws one input from <paramref name="rng"/> (advancing it).</summary>
    public IntegrateAndFireInput Generate(NumpyRandomState rng)
    {
        var c = Config;
        int T = c.DurationMs;
        int nExc = c.ExcitatorySynapses,
            nInh = c.InhibitorySynapses;

        int k = c.RateIntervalOptionsMs[rng.RandInt(c.RateIntervalOptionsMs.Count)];
        k += (int)(2 * c.RateIntervalJitterMs * rng.RandomSample() - c.RateIntervalJitterMs);
        int sigma = c.SmoothingSigmaOptionsMs[rng.RandInt(c.SmoothingSigmaOptionsMs.Count)];
        sigma += (int)(
            2 * c.SmoothingSigmaJitterMs * rng.RandomSample() - c.SmoothingSigmaJitterMs
        );
        if (k <= 0 || sigma <= 0)
            throw new InvalidOperationException(
                $"drawn K = {k} ms, σ = {sigma} ms: options minus jitter must stay positive"
            );
        int s = (int)Math.Ceiling((double)T / k);

        // Coarse population rates (spikes per 100 ms for the whole population).
        var exc = new double[s];
        var inh = new double[s];
        for (int i = 0; i < s; i++)
            exc[i] = rng.Uniform(c.ExcitatorySpikesPer100Ms.Low, c.ExcitatorySpikesPer100Ms.High);
        for (int i = 0; i < s; i++)
        {
            double low = Math.Max(0.0, exc[i] + c.InhibitoryMinusExcitatoryPer100Ms.Low);
            double high = exc[i] + c.InhibitoryMinusExcitatoryPer100Ms.High;
            inh[i] = rng.Uniform(low, high);
        }
        for (int i = 0; i < s; i++)
            if (inh[i] < 0)
                inh[i] = 0.0001;

        // Per-synapse rate per ms with multiplicative spatial noise U(0.5, 1.5), drawn in C order (row, segment)
        // and stored transposed [segment, row] so the smoothing runs over all rows of a population at once.
        var coarseExc = new double[s * nExc];
        var coarseInh = new double[s * nInh];
        double excDiv = nExc * 100.0,
            inhDiv = nInh * 100.0;
        for (int r = 0; r < nExc; r++)
        for (int i = 0; i < s; i++)
            coarseExc[i * nExc + r] = rng.Uniform(0.5, 1.5) * (exc[i] / excDiv);
        for (int r = 0; r < nInh; r++)
        for (int i = 0; i < s; i++)
            coarseInh[i * nInh + r] = rng.Uniform(0.5, 1.5) * (inh[i] / inhDiv);

        var weights = SegmentWeights.Build(GaussianSmoothing.Window(sigma), k, s, T);
        var spikes = new bool[(nExc + nInh) * T];
        int block = Math.Max(nExc, nInh) * T;
        var p = ArrayPool<double>.Shared.Rent(block);
        var smooth = ArrayPool<double>.Shared.Rent(block);
        try
        {
            SparseSpikes.DrawBlock(rng, weights, coarseExc, 0, nExc, T, smooth, p, spikes);
            SparseSpikes.DrawBlock(rng, weights, coarseInh, nExc, nInh, T, smooth, p, spikes);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(p);
            ArrayPool<double>.Shared.Return(smooth);
        }

        int rows = nExc + nInh;
        var (ch, tm) = SparseSpikes.FromDense(T, (spikes, rows, 0));
        return new IntegrateAndFireInput(rows, T, ch, tm, k, sigma, s);
    }
}
