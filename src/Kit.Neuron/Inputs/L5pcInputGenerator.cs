using System.Buffers;
using Kit.Neuron.Data;
using Kit.Neuron.Morphology;
using Kit.Neuron.Random;

namespace Kit.Neuron.Inputs;

/// <summary>
/// Draws the synaptic input of one L5PC dataset simulation by the dataset script's algorithm
/// (docs/l5pc/inputs-and-outputs.md, "Algorithm"; the paper's <c>generate_input_spike_trains_for_simulation</c>): hold
/// interval K and smoothing σ, coarse per-tree rates, per-segment spatial noise U(0.5, 1.5), segment-length weighting,
/// Gaussian smoothing, then per 1-ms bin p = Exp(mean = rate) and a spike if U(0, 1) &lt; p.
/// </summary>
/// <remarks>
/// Draws are made from one <see cref="NumpyRandomState"/> in the script's order: randint(#K options), rand (K
/// jitter), randint(#σ options), rand (σ jitter), S uniforms each for Eb, Ib, Ea, Ia, then N·S uniforms U(0.5, 1.5)
/// for the excitatory and N·S for the inhibitory matrix (C order: segment, coarse sample), N·T exponentials then N·T
/// rand for the excitatory and the same for the inhibitory spikes. With a stream seeded like
/// <c>np.random.seed(seed)</c> and the dataset's segment lengths this reproduces the script's draws; the smoothing is
/// summed directly rather than by SciPy's FFT, which changes a spike only when a uniform falls within ~1e-16 of its
/// probability. For datasets use one stream per simulation (<see cref="Generate(long, int)"/>), so results do not
/// depend on threads or sharding.
/// </remarks>
public sealed class L5pcInputGenerator
{
    private readonly double[] adjustedLengthUm;
    private readonly bool[] basal;
    private readonly double[]? mask;
    private readonly double basalTotalUm,
        apicalTotalUm;

    /// <summary>Prepares the generator for a cell.</summary>
    /// <param name="config">Input protocol.</param>
    /// <param name="segmentLengthsUm">Length ℓ = L/nseg (µm) of each dendritic segment, in dataset order (synapse k on segment k).</param>
    /// <param name="isBasal">Per segment: true = basal tree, false = apical tree.</param>
    public L5pcInputGenerator(
        L5pcInputConfig config,
        IReadOnlyList<double> segmentLengthsUm,
        IReadOnlyList<bool> isBasal
    )
    {
        ArgumentNullException.ThrowIfNull(config);
        if (segmentLengthsUm.Count != isBasal.Count)
            throw new ArgumentException(
                $"{segmentLengthsUm.Count} segment lengths but {isBasal.Count} basal flags"
            );
        if (segmentLengthsUm.Count == 0)
            throw new ArgumentException("no segments", nameof(segmentLengthsUm));
        if (config.InputMask is { } m && m.Count != segmentLengthsUm.Count)
            throw new ArgumentException(
                $"input mask has {m.Count} entries, expected one per segment ({segmentLengthsUm.Count})"
            );
        if (config.DurationMs <= 0)
            throw new ArgumentException($"duration {config.DurationMs} ms must be positive");
        Config = config;
        int n = segmentLengthsUm.Count;
        adjustedLengthUm = new double[n];
        basal = new bool[n];
        var b = new List<double>();
        var a = new List<double>();
        for (int j = 0; j < n; j++)
        {
            double l = segmentLengthsUm[j];
            if (!double.IsFinite(l) || l < 0)
                throw new ArgumentException($"segment {j}: length {l} µm must be finite and ≥ 0");
            adjustedLengthUm[j] = config.MinSegmentLengthUm + l;
            basal[j] = isBasal[j];
            (basal[j] ? b : a).Add(adjustedLengthUm[j]);
        }
        // NumPy's .sum() of the per-tree arrays (pairwise summation).
        basalTotalUm = GaussianSmoothing.PairwiseSum(b.ToArray());
        apicalTotalUm = GaussianSmoothing.PairwiseSum(a.ToArray());
        if (config.InputMask is { } w)
        {
            mask = new double[n];
            for (int j = 0; j < n; j++)
            {
                if (!double.IsFinite(w[j]) || w[j] < 0)
                    throw new ArgumentException(
                        $"input mask {j}: weight {w[j]} must be finite and ≥ 0"
                    );
                mask[j] = w[j];
            }
        }
    }

    /// <summary>A generator for the dataset segments of a discretized cell (lengths and basal/apical type).</summary>
    public static L5pcInputGenerator ForCell(L5pcInputConfig config, Discretization cell)
    {
        var segs = cell.DatasetSegments;
        return new L5pcInputGenerator(
            config,
            [.. segs.Select(s => s.LengthUm)],
            [.. segs.Select(s => s.Type == SectionType.Basal)]
        );
    }

    /// <summary>The protocol.</summary>
    public L5pcInputConfig Config { get; }

    /// <summary>Number of dendritic segments N.</summary>
    public int Segments => adjustedLengthUm.Length;

    /// <summary>Sum of adjusted lengths λ = ℓ + regulariser over the basal tree, Λ_b (µm).</summary>
    public double BasalAdjustedLengthUm => basalTotalUm;

    /// <summary>Sum of adjusted lengths over the apical tree, Λ_a (µm).</summary>
    public double ApicalAdjustedLengthUm => apicalTotalUm;

    /// <summary>
    /// Simulation <paramref name="simulationIndex"/> of a dataset with seed <paramref name="seed"/>, drawn from its own
    /// stream <see cref="IntegrateAndFireDataset.SimulationStream"/> (init_by_array([seed, index])): independent of
    /// how many simulations are drawn, in which order or on how many threads.
    /// </summary>
    public L5pcInput Generate(long seed, int simulationIndex) =>
        Generate(IntegrateAndFireDataset.SimulationStream(seed, simulationIndex));

    /// <summary>Draws one input from <paramref name="rng"/> (advancing it): <see cref="DrawParameters"/> then <see cref="Sample(L5pcInputParameters, NumpyRandomState)"/>.</summary>
    public L5pcInput Generate(NumpyRandomState rng) => Sample(DrawParameters(rng), rng);

    /// <summary>
    /// The per-simulation draws (docs/l5pc/inputs-and-outputs.md, "Algorithm"): K, σ and the coarse per-tree rates
    /// (spikes per tree per 100 ms).
    /// </summary>
    public L5pcInputParameters DrawParameters(NumpyRandomState rng)
    {
        var c = Config;
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
        int s = (int)Math.Ceiling((double)c.DurationMs / k);
        var eb = Excitatory(rng, c.BasalExcitatorySpikesPer100Ms, s);
        var ib = Inhibitory(rng, eb, c.BasalInhibitoryMinusExcitatoryPer100Ms);
        var ea = Excitatory(rng, c.ApicalExcitatorySpikesPer100Ms, s);
        var ia = Inhibitory(rng, ea, c.ApicalInhibitoryMinusExcitatoryPer100Ms);
        return new L5pcInputParameters(k, sigma, eb, ib, ea, ia);
    }

    /// <summary>
    /// The rest of the algorithm (docs/l5pc/inputs-and-outputs.md, "Algorithm") for given <paramref name="parameters"/>
    /// (drawn or, e.g., a fixture's): spatial noise, length weighting (and <see cref="L5pcInputConfig.InputMask"/>),
    /// time expansion, smoothing and spike sampling.
    /// </summary>
    public L5pcInput Sample(L5pcInputParameters parameters, NumpyRandomState rng) =>
        Sample(parameters, rng, segmentGain: null, timeGain: null, inhibition: true);

    /// <summary>
    /// <see cref="Sample(L5pcInputParameters, NumpyRandomState)"/> with the out-of-distribution hooks
    /// (<see cref="OodInputGenerator"/>): the gains change rates, not draws, so every draw is made as without them; only
    /// <paramref name="inhibition"/> false skips the inhibitory spikes, the last draws.
    /// </summary>
    /// <param name="parameters">K, σ and the coarse rates.</param>
    /// <param name="rng">The simulation's stream (advanced).</param>
    /// <param name="segmentGain">Per segment (dimensionless, ≥ 0), multiplies both rates of the segment on top of
    /// <see cref="L5pcInputConfig.InputMask"/>; null = 1.</param>
    /// <param name="timeGain">Per 1 ms bin (length <see cref="L5pcInputConfig.DurationMs"/>, ≥ 0), multiplies every
    /// smoothed rate at that bin; null = 1.</param>
    /// <param name="inhibition">False: no inhibitory spike is drawn (the inhibitory coarse noise still is, so the
    /// stream up to the excitatory spikes is the same as with inhibition).</param>
    internal L5pcInput Sample(
        L5pcInputParameters parameters,
        NumpyRandomState rng,
        double[]? segmentGain,
        double[]? timeGain,
        bool inhibition
    )
    {
        int T = Config.DurationMs;
        int k = parameters.RateIntervalMs;
        int s = parameters.RateSamples;
        if (k <= 0 || parameters.SmoothingSigmaMs <= 0)
            throw new ArgumentException("K and σ must be positive (ms)", nameof(parameters));
        if (
            (long)s * k < T
            || parameters.BasalInhibitoryPer100Ms.Count != s
            || parameters.ApicalExcitatoryPer100Ms.Count != s
            || parameters.ApicalInhibitoryPer100Ms.Count != s
        )
            throw new ArgumentException(
                $"coarse rows must all have S ≥ ceil({T} / K) = {(T + k - 1) / k} samples",
                nameof(parameters)
            );
        int n = Segments;
        if (segmentGain is not null && segmentGain.Length != n)
            throw new ArgumentException(
                $"segment gain has {segmentGain.Length} entries, expected {n}",
                nameof(segmentGain)
            );
        if (timeGain is not null && timeGain.Length != T)
            throw new ArgumentException(
                $"time gain has {timeGain.Length} entries, expected {T}",
                nameof(timeGain)
            );
        var coarseExc = Coarse(
            rng,
            parameters.BasalExcitatoryPer100Ms,
            parameters.ApicalExcitatoryPer100Ms,
            segmentGain
        );
        var coarseInh = Coarse(
            rng,
            parameters.BasalInhibitoryPer100Ms,
            parameters.ApicalInhibitoryPer100Ms,
            segmentGain
        );

        var weights = SegmentWeights.Build(
            GaussianSmoothing.Window(parameters.SmoothingSigmaMs),
            k,
            s,
            T
        );
        var exc = new bool[n * T];
        var inh = new bool[n * T];
        var smooth = ArrayPool<double>.Shared.Rent(n * T);
        var p = ArrayPool<double>.Shared.Rent(n * T);
        try
        {
            SparseSpikes.DrawBlock(rng, weights, coarseExc, 0, n, T, smooth, p, exc, timeGain);
            // Inhibition off draws nothing more: the excitatory spikes above are already final.
            if (inhibition)
                SparseSpikes.DrawBlock(rng, weights, coarseInh, 0, n, T, smooth, p, inh, timeGain);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(p);
            ArrayPool<double>.Shared.Return(smooth);
        }

        var (ch, tm) = SparseSpikes.FromDense(T, (exc, n, 0), (inh, n, n));
        return new L5pcInput(n, T, ch, tm, parameters);
    }

    private static double[] Excitatory(NumpyRandomState rng, SpikeCountRange range, int s)
    {
        var e = new double[s];
        for (int i = 0; i < s; i++)
            e[i] = rng.Uniform(range.Low, range.High);
        return e;
    }

    private static double[] Inhibitory(NumpyRandomState rng, double[] exc, SpikeCountRange diff)
    {
        var inh = new double[exc.Length];
        for (int i = 0; i < exc.Length; i++)
            inh[i] = rng.Uniform(Math.Max(0.0, exc[i] + diff.Low), exc[i] + diff.High);
        return inh;
    }

    // Steps 6-9: per-µm rate of the segment's tree × U(0.5, 1.5) (drawn in C order: segment, coarse sample) × λ
    // (× mask × gain), stored transposed [coarse sample, segment] for SegmentWeights.ApplyRows.
    private double[] Coarse(
        NumpyRandomState rng,
        IReadOnlyList<double> basalPer100Ms,
        IReadOnlyList<double> apicalPer100Ms,
        double[]? gain
    )
    {
        int n = Segments,
            s = basalPer100Ms.Count;
        var perUmB = new double[s];
        var perUmA = new double[s];
        for (int i = 0; i < s; i++)
        {
            perUmB[i] = basalPer100Ms[i] / (basalTotalUm * 100.0);
            perUmA[i] = apicalPer100Ms[i] / (apicalTotalUm * 100.0);
        }
        var coarseT = new double[s * n];
        for (int r = 0; r < n; r++)
        {
            var perUm = basal[r] ? perUmB : perUmA;
            double len = adjustedLengthUm[r];
            double w = (mask?[r] ?? 1.0) * (gain?[r] ?? 1.0);
            bool weighted = mask is not null || gain is not null;
            for (int i = 0; i < s; i++)
            {
                double v = rng.Uniform(0.5, 1.5) * perUm[i] * len;
                coarseT[i * n + r] = weighted ? v * w : v;
            }
        }
        return coarseT;
    }
}
