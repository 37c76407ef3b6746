namespace Kit.Neuron.Mechanisms;

/// <summary>Allocation-free array kernels shared by all double-exponential synapses.</summary>
public static class SynapseKernels
{
    /// <summary>States below this magnitude are set to 0 (avoids subnormal slow-downs; issue 4).</summary>
    public const double FlushBelow = 1e-30;

    /// <summary>
    /// State phase: multiplies state block s (length <c>instances·lanes</c>) by <paramref name="decay"/>[s]
    /// and flushes values below <see cref="FlushBelow"/> to 0.
    /// </summary>
    public static void Advance(Span<double> state, ReadOnlySpan<double> decay)
    {
        int block = state.Length / decay.Length;
        if (block * decay.Length != state.Length)
            throw new ArgumentException(
                $"state length {state.Length} is not a multiple of the {decay.Length} state blocks"
            );
        for (int s = 0; s < decay.Length; s++)
        {
            var b = state.Slice(s * block, block);
            double f = decay[s];
            for (int i = 0; i < b.Length; i++)
            {
                double x = b[i] * f;
                b[i] = Math.Abs(x) < FlushBelow ? 0 : x;
            }
        }
    }

    /// <summary>Adds <paramref name="increment"/> to entry (k, lane) of state blocks <paramref name="a"/> and <paramref name="a"/>+1.</summary>
    internal static void DeliverPair(
        Span<double> state,
        int instances,
        int lanes,
        int k,
        int lane,
        int a,
        double increment
    )
    {
        int block = instances * lanes;
        int i = k * lanes + lane;
        state[a * block + i] += increment;
        state[(a + 1) * block + i] += increment;
    }
}
