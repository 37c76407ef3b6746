using TorchSharp;
using static TorchSharp.torch;

namespace Kit.Learning.Models;

/// <summary>
/// A causal convolution over binary spike inputs computed from the spike list instead of the dense input: each
/// input spike adds its channel's kernel, reversed in time, to the K output bins from its own bin on. The L5PC input
/// has about 14 spikes per ms across 1278 channels (≈ 1 % of the entries), and the first layer over all channels is
/// most of a TCN's arithmetic; from the spike list it costs S·K·O instead of N·T·C·K·O. Equal to the dense causal
/// convolution of the binary input (left padding K-1, then Conv1d, computed in float64) within 1e-5, forward and
/// gradients (tested); libtorch's own float32 Conv1d on such sparse inputs was measured off by up to 0.1 on this
/// machine's CPU, so the float64 convolution is the reference. The L5PC
/// figures will choose their first layer by measurement; <see cref="CausalNetConfig.SpikeListFirstLayer"/> switches
/// a <see cref="CausalNet"/> to it.
/// </summary>
public static class SparseCausalConv
{
    /// <summary>
    /// The causal convolution of the spikes (<paramref name="batch"/>, <paramref name="channel"/>,
    /// <paramref name="time"/>) with <paramref name="weight"/>: the output at bin t sums, over spikes at s ≤ t &lt; s + K,
    /// <c>weight[:, channel, K - 1 - (t - s)]</c>, plus the bias.
    /// </summary>
    /// <param name="weight">Conv1d weight, shape (O, C, K); its last tap multiplies the current bin.</param>
    /// <param name="bias">Conv1d bias, shape (O).</param>
    /// <param name="batch">Window index of each spike, int64, shape (S), in [0, <paramref name="batches"/>).</param>
    /// <param name="channel">Input channel of each spike, int64, shape (S), in [0, C).</param>
    /// <param name="time">Bin of each spike, int64, shape (S), in [0, <paramref name="length"/>).</param>
    /// <param name="batches">Windows N.</param>
    /// <param name="length">Bins per window T.</param>
    /// <returns>Tensor of shape (N, O, T), as the dense causal convolution of the binary input.</returns>
    public static Tensor Forward(
        Tensor weight,
        Tensor bias,
        Tensor batch,
        Tensor channel,
        Tensor time,
        long batches,
        long length
    )
    {
        if (weight.dim() != 3)
            throw new ArgumentException(
                $"weight must have shape (O, C, K), got ({string.Join(", ", weight.shape)})"
            );
        long outCh = weight.shape[0],
            kernel = weight.shape[2],
            padded = length + kernel - 1;
        using var scope = NewDisposeScope();
        using Scalar rowLength = padded;
        using Scalar oneInt = 1L; // integer additions take an integer alpha
        // Lag j = t - s uses tap K-1-j: the kernel reversed, one slice per spike, (O, S, K).
        var slices = weight.flip(2).index_select(1, channel);
        var starts = batch.mul(rowLength).add(time, oneInt); // (S)
        var lags = arange(kernel, dtype: ScalarType.Int64, device: weight.device); // (K)
        var positions = starts.unsqueeze(1).add(lags.unsqueeze(0), oneInt).reshape(-1);
        // Rows are padded by K-1 bins so a spike near the end of a window writes past it, never into the next one.
        var sums = zeros([outCh, batches * padded], dtype: weight.dtype, device: weight.device)
            .index_add(1, positions, slices.reshape(outCh, -1), TorchScalars.One)
            .view(outCh, batches, padded)
            .narrow(2, 0, length);
        var result = sums.permute(1, 0, 2).add(bias.view(1, outCh, 1), TorchScalars.One);
        GC.KeepAlive(rowLength);
        GC.KeepAlive(oneInt);
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>The spike list (window, channel, bin) of a binary input of shape (N, C, T), each int64 (S).</summary>
    /// <exception cref="ArgumentException">The input is not (N, C, T), or holds a value other than 0 and 1.</exception>
    public static (Tensor Batch, Tensor Channel, Tensor Time) SpikeList(Tensor dense)
    {
        if (dense.dim() != 3)
            throw new ArgumentException(
                $"input must have shape (N, C, T), got ({string.Join(", ", dense.shape)})"
            );
        using (var zero = dense.eq(0))
        using (var one = dense.eq(1))
        using (var other = zero.logical_or(one).logical_not().any())
            if (other.item<bool>())
                throw new ArgumentException(
                    "a spike-list layer needs a binary input (every entry 0 or 1); this one has other values"
                );
        using var nz = dense.nonzero(); // (S, 3)
        return (
            nz.select(1, 0).contiguous(),
            nz.select(1, 1).contiguous(),
            nz.select(1, 2).contiguous()
        );
    }
}
