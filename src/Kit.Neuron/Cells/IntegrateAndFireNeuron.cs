namespace Kit.Neuron.Cells;

/// <summary>
/// Simulates the paper's integrate-and-fire neuron (docs/integrate-and-fire.md, "Membrane potential",
/// "Spiking and reset"): exponential kernel k[n] = exp(−n/τ), free potential V = v_reset + c·Σ_s w_s (X_s ∗ k), then a
/// sequential in-place reset scan.
/// </summary>
public sealed class IntegrateAndFireNeuron
{
    private readonly double[] kernel;

    /// <summary>A neuron with the given parameters.</summary>
    public IntegrateAndFireNeuron(IntegrateAndFireConfig config)
    {
        Config = config;
        kernel = new double[config.KernelLength];
        for (int n = 0; n < kernel.Length; n++)
            kernel[n] = Math.Exp(-(n / config.MembraneTimeConstantMs));
    }

    /// <summary>The parameters.</summary>
    public IntegrateAndFireConfig Config { get; }

    /// <summary>The kernel k[n] = exp(−n/τ), n = 0..KernelLength−1 (dimensionless; k[0] = 1).</summary>
    public ReadOnlySpan<double> Kernel => kernel;

    /// <summary>
    /// Runs one simulation of <paramref name="durationMs"/> 1 ms bins from a sparse binary input: spike i is channel
    /// <paramref name="spikeChannels"/>[i] in bin <paramref name="spikeTimesMs"/>[i] (any order, no duplicates).
    /// </summary>
    /// <returns>The unclipped float64 voltage (mV, length T) and the output spike bins.</returns>
    public IntegrateAndFireResult Simulate(
        ReadOnlySpan<int> spikeChannels,
        ReadOnlySpan<int> spikeTimesMs,
        int durationMs
    )
    {
        if (spikeChannels.Length != spikeTimesMs.Length)
            throw new ArgumentException(
                $"spike channels ({spikeChannels.Length}) and times ({spikeTimesMs.Length}) differ in length"
            );
        int T = durationMs;
        int channels = Config.Channels;
        int lk = kernel.Length;

        // Drive D(t) = Σ_s w_s Σ_n X_s(t − n) k[n], accumulated spike by spike (causal, truncated at T).
        var v = new double[T];
        for (int i = 0; i < spikeChannels.Length; i++)
        {
            int ch = spikeChannels[i],
                t0 = spikeTimesMs[i];
            if ((uint)ch >= (uint)channels)
                throw new ArgumentOutOfRangeException(
                    nameof(spikeChannels),
                    $"spike {i}: channel {ch} outside 0..{channels - 1}"
                );
            if ((uint)t0 >= (uint)T)
                throw new ArgumentOutOfRangeException(
                    nameof(spikeTimesMs),
                    $"spike {i}: time {t0} ms outside 0..{T - 1}"
                );
            double w =
                ch < Config.ExcitatorySynapses ? Config.ExcitatoryWeight : Config.InhibitoryWeight;
            int n = Math.Min(lk, T - t0);
            var dst = v.AsSpan(t0, n);
            for (int j = 0; j < n; j++)
                dst[j] += w * kernel[j];
        }
        double vReset = Config.VResetMv,
            c = Config.CurrentToVoltageMv,
            th = Config.VThresholdMv;
        for (int t = 0; t < T; t++)
            v[t] = vReset + c * v[t];

        // Sequential reset: after a spike at t, subtract (V(t+1) − v_reset)·k from V(t+1 ...), so V(t+1) = v_reset.
        var spikes = new List<int>();
        for (int t = 0; t < T; t++)
        {
            if (v[t] > th && t + 1 < T)
            {
                double delta = v[t + 1] - vReset;
                int n = Math.Min(lk, T - t - 1);
                for (int j = 0; j < n; j++)
                    v[t + 1 + j] -= delta * kernel[j];
                spikes.Add(t);
            }
        }
        return new IntegrateAndFireResult(v, spikes.ToArray());
    }

    /// <summary>
    /// The paper's stored learning target: the voltage cast to float32, then every value above threshold replaced by
    /// <see cref="IntegrateAndFireConfig.ClipMv"/> (−54.9 mV), comparing in float32 as NumPy does.
    /// </summary>
    public static float[] ClipForTarget(
        ReadOnlySpan<double> voltageMv,
        IntegrateAndFireConfig config
    )
    {
        var y = new float[voltageMv.Length];
        float clip = (float)config.ClipMv;
        for (int t = 0; t < y.Length; t++)
        {
            float f = (float)voltageMv[t];
            y[t] = f > config.VThresholdMv ? clip : f;
        }
        return y;
    }
}
