namespace Kit.Neuron.Inputs;

/// <summary>
/// "Same"-mode, zero-padded convolution of a piecewise-constant signal (S values each held for K bins, cropped to
/// T bins) with a window of length M, precomputed as, for every output bin t, the window mass falling on each
/// segment. Output t = Σ_j x[t + (M−1)/2 − j]·w[j] (SciPy's centring of the full convolution).
/// </summary>
internal sealed class SegmentWeights
{
    private readonly int[] firstSegment;
    private readonly int[] offset; // length T + 1, into weights
    private readonly double[] weights;

    private SegmentWeights(int[] firstSegment, int[] offset, double[] weights)
    {
        this.firstSegment = firstSegment;
        this.offset = offset;
        this.weights = weights;
    }

    /// <summary>Builds the table for window <paramref name="w"/>, hold length <paramref name="k"/> bins, <paramref name="s"/> segments, <paramref name="T"/> bins.</summary>
    public static SegmentWeights Build(double[] w, int k, int s, int T)
    {
        int m = w.Length;
        int h = (m - 1) / 2;
        var first = new int[T];
        var off = new int[T + 1];
        var list = new List<double>(T * (m / k + 2));
        for (int t = 0; t < T; t++)
        {
            off[t] = list.Count;
            int uHi = Math.Min(t + h, T - 1);
            int uLo = Math.Max(t + h - (m - 1), 0);
            if (uLo > uHi)
            {
                first[t] = 0;
                continue;
            }
            int sLo = uLo / k,
                sHi = Math.Min(uHi / k, s - 1);
            first[t] = sLo;
            for (int seg = sLo; seg <= sHi; seg++)
            {
                int a = Math.Max(seg * k, uLo),
                    b = Math.Min((seg + 1) * k - 1, uHi);
                double sum = 0;
                for (int u = a; u <= b; u++)
                    sum += w[t + h - u];
                list.Add(sum);
            }
        }
        off[T] = list.Count;
        return new SegmentWeights(first, off, list.ToArray());
    }

    /// <summary>Smooths one row: <paramref name="segmentValues"/> (S values) into <paramref name="dest"/> (T values).</summary>
    public void Apply(ReadOnlySpan<double> segmentValues, Span<double> dest)
    {
        for (int t = 0; t < dest.Length; t++)
        {
            int o = offset[t],
                n = offset[t + 1] - o,
                f = firstSegment[t];
            double acc = 0;
            for (int i = 0; i < n; i++)
                acc += segmentValues[f + i] * weights[o + i];
            dest[t] = acc;
        }
    }
}
