namespace Kit.Neuron.Inputs;

/// <summary>
/// The rate smoothing of the paper's input generator: <c>scipy.signal.windows.gaussian(1 + 7σ, std=σ)</c>,
/// normalised by NumPy's (pairwise) sum, applied as a zero-padded "same"-mode convolution along time.
/// </summary>
internal static class GaussianSmoothing
{
    /// <summary>The normalised window (length 1 + 7σ, symmetric, centre (M − 1)/2).</summary>
    public static double[] Window(int sigmaMs)
    {
        if (sigmaMs <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(sigmaMs),
                sigmaMs,
                "σ must be positive (ms)"
            );
        int m = 1 + 7 * sigmaMs;
        double centre = (m - 1.0) / 2.0;
        double sig2 = 2.0 * sigmaMs * sigmaMs;
        var w = new double[m];
        for (int k = 0; k < m; k++)
        {
            double n = k - centre;
            w[k] = Math.Exp(-(n * n) / sig2);
        }
        double sum = PairwiseSum(w);
        for (int k = 0; k < m; k++)
            w[k] /= sum;
        return w;
    }

    /// <summary>NumPy's pairwise summation of a contiguous float64 array (8-way unrolled blocks of ≤ 128).</summary>
    public static double PairwiseSum(ReadOnlySpan<double> a)
    {
        int n = a.Length;
        if (n < 8)
        {
            double res = 0.0;
            for (int i = 0; i < n; i++)
                res += a[i];
            return res;
        }
        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            for (int j = 0; j < 8; j++)
                r[j] = a[j];
            int i;
            for (i = 8; i < n - (n % 8); i += 8)
            for (int j = 0; j < 8; j++)
                r[j] += a[i + j];
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
                res += a[i];
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return PairwiseSum(a[..n2]) + PairwiseSum(a[n2..]);
    }
}
