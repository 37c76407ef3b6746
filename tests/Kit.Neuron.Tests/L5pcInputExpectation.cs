using System.Collections.Concurrent;

namespace Kit.Neuron.Tests;

/// <summary>
/// Expected input spike counts of the L5PC generator, computed independently of the kit's smoothing code. For a
/// tree with coarse counts X[s] (spikes per tree per 100 ms), the spatial noise has mean 1 and the length weights
/// λ_j / Λ sum to 1, so the expected tree rate at bin u is X[u / K] / 100 (per ms), and the smoothed rate summed over
/// the T output bins is Σ_u X[u / K] / 100 · m(u), with m(u) the window mass that lands inside 0..T−1. The per-bin
/// spike probability r(1 − e^(−1/r)) equals r to &lt; 1e-4 relative for the rates here (r &lt; 0.1 per segment).
/// </summary>
internal static class L5pcInputExpectation
{
    private static readonly ConcurrentDictionary<(int, int), double[]> Cache = new();

    /// <summary>m(u) for u = 0..T−1: window mass of output bins t ∈ 0..T−1 fed by input bin u (scipy "same" mode).</summary>
    public static double[] MassInside(int sigma, int T) =>
        Cache.GetOrAdd((sigma, T), key => ComputeMassInside(key.Item1, key.Item2));

    private static double[] ComputeMassInside(int sigma, int T)
    {
        int m = 1 + 7 * sigma;
        var w = new double[m];
        double c = (m - 1) / 2.0,
            sum = 0;
        for (int n = 0; n < m; n++)
            sum += w[n] = Math.Exp(-0.5 * Math.Pow((n - c) / sigma, 2));
        var prefix = new double[m + 1];
        for (int n = 0; n < m; n++)
            prefix[n + 1] = prefix[n] + w[n] / sum;
        int h = (m - 1) / 2;
        var mass = new double[T];
        // r_s[t] = Σ_n w[n] r[t + h − n]: input u feeds output t = u − h + n, t ∈ [0, T) ⇔ n ∈ [h − u, T − 1 + h − u].
        for (int u = 0; u < T; u++)
        {
            int lo = Math.Max(0, h - u),
                hi = Math.Min(m - 1, T - 1 + h - u);
            mass[u] = hi >= lo ? prefix[hi + 1] - prefix[lo] : 0;
        }
        return mass;
    }

    /// <summary>Expected spike count of one tree for given coarse counts (spikes / 100 ms), K and σ (ms).</summary>
    public static double TreeCount(IReadOnlyList<double> coarsePer100Ms, int k, int sigma, int T)
    {
        var mass = MassInside(sigma, T);
        double e = 0;
        for (int u = 0; u < T; u++)
            e += coarsePer100Ms[u / k] / 100.0 * mass[u];
        return e;
    }

    /// <summary>E[max(0, X + a)] for X ~ U(lo, hi).</summary>
    public static double MeanPositivePart(double lo, double hi, double a)
    {
        double l = lo + a,
            u = hi + a;
        if (l >= 0)
            return (l + u) / 2;
        if (u <= 0)
            return 0;
        return u * u / (2 * (hi - lo));
    }
}
