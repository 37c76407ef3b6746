namespace Kit.Neuron.Simulation;

/// <summary>One-to-one matching of two spike trains within a time window.</summary>
public static class SpikeMatching
{
    /// <summary>
    /// Largest number of one-to-one pairs (reference, candidate) with |Δt| ≤ <paramref name="windowMs"/>; both
    /// lists sorted ascending (ms). Greedy in time order, which is optimal for interval matching on a line.
    /// </summary>
    public static int CountMatches(
        ReadOnlySpan<double> referenceMs,
        ReadOnlySpan<double> candidateMs,
        double windowMs
    )
    {
        int i = 0,
            j = 0,
            m = 0;
        while (i < referenceMs.Length && j < candidateMs.Length)
        {
            double d = candidateMs[j] - referenceMs[i];
            if (Math.Abs(d) <= windowMs)
            {
                m++;
                i++;
                j++;
            }
            else if (d > 0)
                i++;
            else
                j++;
        }
        return m;
    }

    /// <summary>F1-style agreement <c>2·matched/(reference + candidate)</c>; 1 when both are empty.</summary>
    public static double MatchFraction(int matched, int reference, int candidate) =>
        reference + candidate == 0 ? 1 : 2.0 * matched / (reference + candidate);
}
