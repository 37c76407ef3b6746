namespace Kit.Learning.Metrics;

/// <summary>
/// Sufficient statistics of <see cref="RegressionMetrics"/> for one set of bins (one simulation, or a weighted
/// pool of simulations): the bin count and the sums of prediction p, target y, their squares, their product and
/// the squared error. Sums of several simulations, each weighted by its multiplicity in a bootstrap replicate, give
/// that replicate's metrics without another pass over the bins. Values are summed relative to a
/// <see cref="Shift"/> shared by all the sums that are combined (the metrics do not depend on it; it keeps the
/// squares of voltages near −65 mV from swamping their variance).
/// </summary>
public readonly record struct RegressionSums(
    double Shift,
    double Count,
    double SumP,
    double SumY,
    double SumPP,
    double SumYY,
    double SumPY,
    double SumSquaredError
)
{
    /// <summary>The sums of <paramref name="predicted"/> against <paramref name="target"/> (same length), relative to <paramref name="shift"/>.</summary>
    public static RegressionSums Of(
        ReadOnlySpan<float> predicted,
        ReadOnlySpan<float> target,
        double shift
    )
    {
        if (predicted.Length != target.Length)
            throw new ArgumentException(
                $"{predicted.Length} predictions but {target.Length} targets"
            );
        double sp = 0,
            sy = 0,
            spp = 0,
            syy = 0,
            spy = 0,
            se = 0;
        for (int i = 0; i < target.Length; i++)
        {
            double p = predicted[i] - shift,
                y = target[i] - shift,
                e = p - y;
            sp += p;
            sy += y;
            spp += p * p;
            syy += y * y;
            spy += p * y;
            se += e * e;
        }
        return new RegressionSums(shift, target.Length, sp, sy, spp, syy, spy, se);
    }

    /// <summary>No bins, relative to <paramref name="shift"/>.</summary>
    public static RegressionSums Empty(double shift) => new(shift, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>These sums plus <paramref name="weight"/> times <paramref name="other"/> (same shift).</summary>
    public RegressionSums Add(in RegressionSums other, double weight = 1)
    {
        if (other.Shift != Shift)
            throw new ArgumentException(
                $"sums relative to {other.Shift} cannot be added to sums relative to {Shift}"
            );
        return new RegressionSums(
            Shift,
            Count + weight * other.Count,
            SumP + weight * other.SumP,
            SumY + weight * other.SumY,
            SumPP + weight * other.SumPP,
            SumYY + weight * other.SumYY,
            SumPY + weight * other.SumPY,
            SumSquaredError + weight * other.SumSquaredError
        );
    }

    private double MeanP => SumP / Count;
    private double MeanY => SumY / Count;
    private double VarP => Math.Max(0, SumPP / Count - MeanP * MeanP);
    private double VarY => Math.Max(0, SumYY / Count - MeanY * MeanY);
    private double CovPY => SumPY / Count - MeanP * MeanY;

    /// <summary>As <see cref="RegressionMetrics.Rmse"/> (NaN without bins).</summary>
    public double Rmse => Count > 0 ? Math.Sqrt(SumSquaredError / Count) : double.NaN;

    /// <summary>As <see cref="RegressionMetrics.VarianceExplained"/>: 1 − Var(y − p) / Var(y).</summary>
    public double VarianceExplained
    {
        get
        {
            double meanResidual = MeanY - MeanP;
            double varResidual = Math.Max(0, SumSquaredError / Count - meanResidual * meanResidual);
            return 1 - varResidual / VarY;
        }
    }

    /// <summary>
    /// As <see cref="RegressionMetrics.RmseRescaled"/>: after z-scoring p and rescaling it to y's mean and standard
    /// deviation the squared error is 2 Var(y) (1 − ρ), ρ the correlation (Var(y) when p is constant).
    /// </summary>
    public double RmseRescaled
    {
        get
        {
            if (!(Count > 0))
                return double.NaN;
            double varP = VarP,
                varY = VarY;
            if (!(varP > 0))
                return Math.Sqrt(varY);
            double rho = CovPY / Math.Sqrt(varP * varY);
            return Math.Sqrt(Math.Max(0, 2 * varY * (1 - rho)));
        }
    }

    /// <summary>As <see cref="RegressionMetrics.VarianceExplainedRescaled"/>: 2ρ − 1 (0 when p is constant).</summary>
    public double VarianceExplainedRescaled
    {
        get
        {
            if (!(Count > 0))
                return double.NaN;
            double varP = VarP,
                varY = VarY;
            if (!(varP > 0))
                return 0;
            return 2 * CovPY / Math.Sqrt(varP * varY) - 1;
        }
    }
}
