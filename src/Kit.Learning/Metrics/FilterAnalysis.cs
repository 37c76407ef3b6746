using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Kit.Learning.Metrics;

/// <summary>Exponential fit A exp(-lag / τ) of a temporal filter over lags [FirstLagMs, LastLagMs].</summary>
public sealed record ExponentialFit(
    double Amplitude,
    double TauMs,
    int FirstLagMs,
    int LastLagMs,
    double Rmse
);

/// <summary>
/// Analysis of a linear hidden unit's filter laid out [channel, tap] (as <c>CausalNet.FirstLayerWeights</c>
/// for one unit): tap K-1 is lag 0 (the current bin), tap 0 is lag K-1.
/// </summary>
public static class FilterAnalysis
{
    /// <summary>Unit <paramref name="unit"/> of first-layer weights [width, channels, kernel] as [channel, tap].</summary>
    public static double[,] Unit(double[,,] weights, int unit)
    {
        var result = new double[weights.GetLength(1), weights.GetLength(2)];
        for (int c = 0; c < result.GetLength(0); c++)
        for (int k = 0; k < result.GetLength(1); k++)
            result[c, k] = weights[unit, c, k];
        return result;
    }

    /// <summary>
    /// A linear unit is sign-ambiguous (the heads can absorb -1): returns the filter flipped, when needed, so
    /// the summed excitatory weights (channels 0..excitatoryChannels-1) are positive, and whether it flipped.
    /// </summary>
    public static (double[,] Filter, bool Flipped) SignFix(double[,] filter, int excitatoryChannels)
    {
        double sum = 0;
        for (int c = 0; c < excitatoryChannels; c++)
        for (int k = 0; k < filter.GetLength(1); k++)
            sum += filter[c, k];
        var result = (double[,])filter.Clone();
        if (sum >= 0)
            return (result, false);
        for (int c = 0; c < result.GetLength(0); c++)
        for (int k = 0; k < result.GetLength(1); k++)
            result[c, k] = -result[c, k];
        return (result, true);
    }

    /// <summary>Mean over excitatory and over inhibitory channels per lag; index = lag (ms), lag 0 = last tap.</summary>
    public static (double[] Excitatory, double[] Inhibitory) TemporalCrossSection(
        double[,] filter,
        int excitatoryChannels
    )
    {
        int channels = filter.GetLength(0),
            taps = filter.GetLength(1);
        if (excitatoryChannels <= 0 || excitatoryChannels > channels)
            throw new ArgumentException(
                $"excitatory channels {excitatoryChannels} outside 1..{channels}"
            );
        var exc = new double[taps];
        var inh = new double[taps];
        for (int lag = 0; lag < taps; lag++)
        {
            int k = taps - 1 - lag;
            for (int c = 0; c < channels; c++)
                if (c < excitatoryChannels)
                    exc[lag] += filter[c, k] / excitatoryChannels;
                else
                    inh[lag] += filter[c, k] / (channels - excitatoryChannels);
        }
        return (exc, inh);
    }

    /// <summary>
    /// Fits A exp(-lag/τ) by Levenberg-Marquardt (MathNet) over the lags where the filter is clearly non-zero:
    /// from the lag of the largest |value| up to (not including) the first lag whose |value| falls below
    /// <paramref name="relativeThreshold"/> x that peak. A log-linear fit would fail on negative or noisy tails.
    /// </summary>
    public static ExponentialFit FitExponential(
        IReadOnlyList<double> profile,
        double relativeThreshold = 0.1
    )
    {
        int peak = 0;
        for (int i = 1; i < profile.Count; i++)
            if (Math.Abs(profile[i]) > Math.Abs(profile[peak]))
                peak = i;
        double limit = relativeThreshold * Math.Abs(profile[peak]);
        int last = peak;
        while (last + 1 < profile.Count && Math.Abs(profile[last + 1]) >= limit)
            last++;
        if (last - peak < 2)
            throw new ArgumentException(
                $"the filter is clearly non-zero over only {last - peak + 1} lags; an exponential needs at least 3"
            );
        var x = Vector<double>.Build.Dense(last - peak + 1, i => peak + i);
        var y = Vector<double>.Build.Dense(last - peak + 1, i => profile[peak + i]);
        // Initial guess: the amplitude back-extrapolated from the peak, τ from where it falls to 1/e.
        int eLag = peak;
        while (eLag < last && Math.Abs(profile[eLag]) > Math.Abs(profile[peak]) / Math.E)
            eLag++;
        double tau0 = Math.Max(1.0, eLag - peak);
        double a0 = profile[peak] * Math.Exp(peak / tau0);
        var objective = ObjectiveFunction.NonlinearModel(
            (p, xs) => xs.Map(l => p[0] * Math.Exp(-l / p[1])),
            (p, xs) =>
            {
                var j = Matrix<double>.Build.Dense(xs.Count, 2);
                for (int i = 0; i < xs.Count; i++)
                {
                    double e = Math.Exp(-xs[i] / p[1]);
                    j[i, 0] = e;
                    j[i, 1] = p[0] * e * xs[i] / (p[1] * p[1]);
                }
                return j;
            },
            x,
            y
        );
        var result = new LevenbergMarquardtMinimizer(maximumIterations: 500).FindMinimum(
            objective,
            Vector<double>.Build.Dense([a0, tau0])
        );
        var best = result.MinimizingPoint;
        double sse = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double d = best[0] * Math.Exp(-x[i] / best[1]) - y[i];
            sse += d * d;
        }
        return new ExponentialFit(best[0], best[1], peak, last, Math.Sqrt(sse / x.Count));
    }
}
