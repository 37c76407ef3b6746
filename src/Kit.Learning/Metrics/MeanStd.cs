using MathNet.Numerics.Statistics;

namespace Kit.Learning.Metrics;

internal static class MeanStd
{
    /// <summary>Mean and population standard deviation.</summary>
    public static (double mean, double std) MeanStandardDeviationPopulation(
        this IReadOnlyList<double> x
    )
    {
        double mean = x.Mean();
        return (mean, Math.Sqrt(x.PopulationVariance()));
    }
}
