namespace Kit.Learning.Models;

/// <summary>
/// What one output bin (1 ms of simulated time) of a <see cref="CausalNet"/> costs in multiply-adds, counted from its
/// architecture as the network computes it at inference (<c>kit bench surrogate</c>'s <c>multiply_adds_per_ms</c>).
/// </summary>
/// <remarks>
/// Counted per output bin of a long causal pass, layer by layer:
/// <list type="bullet">
/// <item>a dense causal convolution of K taps from C_in to C_out channels: K·C_in·C_out (every tap, zero input or
/// not);</item>
/// <item>the spatial projection (<see cref="CausalNetConfig.SpatialRank"/> R &gt; 0): C·R, a dense product over
/// every input channel; the first convolution then reads R channels (K·R·W);</item>
/// <item>the spike-list first layer (<see cref="CausalNetConfig.SpikeListFirstLayer"/>): S·K·W for S input spikes
/// per bin (each spike adds its channel's K·W kernel in the sparse-dense product; the multiplications are by 1, but
/// the work is the same pass over the kernel), plus K·W additions per bin for the diagonal sum over taps that
/// <see cref="SparseCausalConv"/> runs after it, counted as multiply-adds since they are the same pass over memory;</item>
/// <item>the 1x1 heads: W_last per output (spike, voltage and the dendritic outputs).</item>
/// </list>
/// Not counted: biases, BatchNorm (an affine map per unit, foldable into the convolution at inference), ReLU, the
/// K - 1 bins of left padding per pass, and the input's conversion to a tensor. For every network without a
/// spike-list layer the count equals the number of entries of its weight matrices and kernels (tested).
/// </remarks>
public static class CausalNetCost
{
    /// <summary>Multiply-adds per output bin (per simulated ms) of a network of architecture <paramref name="config"/>.</summary>
    /// <param name="config">The architecture.</param>
    /// <param name="inputSpikesPerMs">
    /// Mean input spikes per 1 ms bin, summed over channels (the L5PC's inputs: about 14); read only when the first
    /// layer works from the spike list.
    /// </param>
    /// <exception cref="ArgumentException">The architecture is invalid, or the spike rate is negative or not finite.</exception>
    public static double MultiplyAddsPerMs(CausalNetConfig config, double inputSpikesPerMs = 0)
    {
        config.Validate();
        if (!(inputSpikesPerMs >= 0) || double.IsInfinity(inputSpikesPerMs))
            throw new ArgumentException(
                $"input spikes per ms must be finite and at least 0, got {inputSpikesPerMs}",
                nameof(inputSpikesPerMs)
            );
        double total = 0;
        long inputs = config.Channels;
        if (config.SpatialRank > 0)
        {
            total += (double)config.Channels * config.SpatialRank;
            inputs = config.SpatialRank;
        }
        for (int i = 0; i < config.Depth; i++)
        {
            double kernelTimesWidth = (double)config.KernelSizesMs[i] * config.Widths[i];
            total +=
                i == 0 && config.SpikeListFirstLayer
                    ? (inputSpikesPerMs + 1) * kernelTimesWidth
                    : kernelTimesWidth * inputs;
            inputs = config.Widths[i];
        }
        total += (double)inputs * (2 + config.DendriticHeads);
        return total;
    }
}
