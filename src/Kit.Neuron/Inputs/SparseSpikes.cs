using Kit.Neuron.Random;

namespace Kit.Neuron.Inputs;

/// <summary>Spike matrices of the input generators: drawing them from rates, and dense (row-major, rows x T) to the kit's sparse list sorted by time, then channel.</summary>
internal static class SparseSpikes
{
    /// <summary>
    /// The 1-entries of the blocks as (channel, time) pairs sorted by time, then channel. Block b holds
    /// <c>rows</c> rows of <paramref name="durationMs"/> bins and maps row r to channel <c>channelOffset + r</c>;
    /// blocks must be given in increasing channel order.
    /// </summary>
    public static (int[] Channels, int[] TimesMs) FromDense(
        int durationMs,
        params (bool[] Block, int Rows, int ChannelOffset)[] blocks
    )
    {
        int total = 0;
        foreach (var (block, rows, _) in blocks)
            for (int i = 0; i < rows * durationMs; i++)
                if (block[i])
                    total++;
        var channels = new int[total];
        var times = new int[total];
        int n = 0;
        for (int t = 0; t < durationMs; t++)
            foreach (var (block, rows, offset) in blocks)
                for (int r = 0; r < rows; r++)
                    if (block[r * durationMs + t])
                    {
                        channels[n] = offset + r;
                        times[n++] = t;
                    }
        return (channels, times);
    }

    /// <summary>
    /// One population of both generators (the paper's draw order): smoothed rate -> p = Exp(mean = rate) for every
    /// (row, t) in C order, then spike = U &lt; p, written to rows <paramref name="firstRow"/>.. of <paramref name="spikes"/>.
    /// <paramref name="timeGain"/> (length T, dimensionless, ≥ 0), when given, multiplies every row's smoothed rate at
    /// bin t (the out-of-distribution protocols' common sinusoid); the draws made are the same with or without it.
    /// </summary>
    internal static void DrawBlock(
        NumpyRandomState rng,
        SegmentWeights w,
        double[] coarseT,
        int firstRow,
        int rows,
        int T,
        double[] smoothT,
        double[] p,
        bool[] spikes,
        double[]? timeGain = null
    )
    {
        w.ApplyRows(coarseT, rows, smoothT.AsSpan(0, rows * T));
        if (timeGain is not null)
            for (int t = 0; t < T; t++)
            {
                double g = timeGain[t];
                var row = smoothT.AsSpan(t * rows, rows);
                for (int r = 0; r < rows; r++)
                    row[r] *= g;
            }
        for (int r = 0; r < rows; r++)
        {
            int o = r * T;
            for (int t = 0; t < T; t++)
                p[o + t] = rng.Exponential(smoothT[t * rows + r]);
        }
        for (int r = 0; r < rows; r++)
        {
            int o = r * T;
            int d = (firstRow + r) * T;
            for (int t = 0; t < T; t++)
                spikes[d + t] = rng.RandomSample() < p[o + t];
        }
    }
}
