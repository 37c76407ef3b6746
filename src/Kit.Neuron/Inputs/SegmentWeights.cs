using System.Numerics;

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

    /// <summary>
    /// Smooths <paramref name="rows"/> rows at once. <paramref name="coarseT"/> is laid out [segment, row]
    /// (S × rows), <paramref name="destT"/> [t, row] (T × rows). Each row's sum runs over segments in ascending
    /// order, as in a one-row loop, so the result does not depend on SIMD width.
    /// </summary>
    public void ApplyRows(ReadOnlySpan<double> coarseT, int rows, Span<double> destT)
    {
        int width = Vector<double>.Count;
        int T = offset.Length - 1;
        for (int t = 0; t < T; t++)
        {
            var d = destT.Slice(t * rows, rows);
            d.Clear();
            int o = offset[t],
                n = offset[t + 1] - o,
                f = firstSegment[t];
            for (int i = 0; i < n; i++)
            {
                double w = weights[o + i];
                var src = coarseT.Slice((f + i) * rows, rows);
                int r = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var wv = new Vector<double>(w);
                    for (; r <= rows - width; r += width)
                        (new Vector<double>(d[r..]) + new Vector<double>(src[r..]) * wv).CopyTo(
                            d[r..]
                        );
                }
                for (; r < rows; r++)
                    d[r] += src[r] * w;
            }
        }
    }
}
