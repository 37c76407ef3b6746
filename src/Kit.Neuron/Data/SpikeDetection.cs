namespace Kit.Neuron.Data;

/// <summary>Spike detection on sampled voltage traces.</summary>
public static class SpikeDetection
{
    /// <summary>
    /// Indices i of the strict local maxima above <paramref name="thresholdMv"/>: v[i] − v[i−1] &gt; 0,
    /// v[i+1] − v[i] &lt; 0 and v[i] &gt; threshold — the paper's output-spike rule (dataset script;
    /// docs/l5pc/inputs-and-outputs.md, "Output spike detection": threshold −25 mV on the 1/8 ms soma trace). The first
    /// and last samples are never maxima.
    /// </summary>
    /// <param name="traceMv">Voltage samples (mV).</param>
    /// <param name="thresholdMv">Peak must exceed this (mV).</param>
    public static int[] LocalMaximaIndices(ReadOnlySpan<float> traceMv, double thresholdMv)
    {
        var r = new List<int>();
        for (int i = 1; i + 1 < traceMv.Length; i++)
        {
            float v = traceMv[i];
            if (v > thresholdMv && v - traceMv[i - 1] > 0 && traceMv[i + 1] - v < 0)
                r.Add(i);
        }
        return [.. r];
    }

    /// <summary>
    /// Times (ms) of the local maxima of <see cref="LocalMaximaIndices"/>: index × <paramref name="dtMs"/>, i.e.
    /// exact on the sampling grid when sample 0 is at t = 0.
    /// </summary>
    /// <param name="traceMv">Voltage samples (mV), sample i at time i·dt.</param>
    /// <param name="dtMs">Sampling interval (ms), 0.125 for NeuronIO's high-resolution traces.</param>
    /// <param name="thresholdMv">Peak must exceed this (mV); the paper uses −25 mV.</param>
    public static double[] LocalMaxima(ReadOnlySpan<float> traceMv, double dtMs, double thresholdMv)
    {
        if (!(dtMs > 0))
            throw new ArgumentOutOfRangeException(
                nameof(dtMs),
                dtMs,
                "sampling interval must be positive"
            );
        var idx = LocalMaximaIndices(traceMv, thresholdMv);
        var t = new double[idx.Length];
        for (int i = 0; i < idx.Length; i++)
            t[i] = idx[i] * dtMs;
        return t;
    }
}
