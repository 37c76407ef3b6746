namespace Kit.Neuron.Inputs;

/// <summary>The zero-lag (Pearson) correlation matrix of voltage traces, the features of the dendritic clustering.</summary>
public static class VoltageCorrelation
{
    /// <summary>
    /// Correlation of every pair of <paramref name="traces"/> (N traces of T samples each): an N × N matrix as N rows,
    /// entry [i][j] = Σ_t (v_i − mean_i)(v_j − mean_j) / sqrt(Σ (v_i − mean_i)² · Σ (v_j − mean_j)²), dimensionless.
    /// A constant trace has no defined correlation; its row and column are 0 except the diagonal 1.
    /// </summary>
    /// <param name="traces">N traces (mV or any unit), all the same length T ≥ 2.</param>
    public static double[][] Matrix(IReadOnlyList<float[]> traces)
    {
        ArgumentNullException.ThrowIfNull(traces);
        int n = traces.Count;
        if (n == 0)
            throw new ArgumentException("no traces", nameof(traces));
        int t = traces[0].Length;
        if (t < 2 || traces.Any(v => v.Length != t))
            throw new ArgumentException(
                "every trace must have the same length, at least 2 samples",
                nameof(traces)
            );
        var z = new double[n][];
        for (int i = 0; i < n; i++)
        {
            var v = traces[i];
            double mean = 0;
            for (int s = 0; s < t; s++)
                mean += v[s];
            mean /= t;
            var c = new double[t];
            double ss = 0;
            for (int s = 0; s < t; s++)
            {
                c[s] = v[s] - mean;
                ss += c[s] * c[s];
            }
            // Unit-norm rows make every entry a plain dot product; a constant trace stays all zero.
            double norm = Math.Sqrt(ss);
            if (norm > 0)
                for (int s = 0; s < t; s++)
                    c[s] /= norm;
            z[i] = c;
        }
        var r = new double[n][];
        for (int i = 0; i < n; i++)
            r[i] = new double[n];
        for (int i = 0; i < n; i++)
        {
            r[i][i] = 1.0;
            for (int j = i + 1; j < n; j++)
            {
                double dot = 0;
                var a = z[i];
                var b = z[j];
                for (int s = 0; s < t; s++)
                    dot += a[s] * b[s];
                r[i][j] = r[j][i] = dot;
            }
        }
        return r;
    }
}
