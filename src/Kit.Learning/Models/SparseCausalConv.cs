using TorchSharp;
using static TorchSharp.torch;

namespace Kit.Learning.Models;

/// <summary>
/// A causal convolution over binary spike inputs computed from the spike list instead of the dense input: each
/// input spike adds its channel's kernel, reversed in time, to the K output bins from its own bin on, computed as a
/// sparse-dense product (spikes × taps, S·K·O multiply-adds instead of N·T·C·K·O) and a diagonal sum over taps. The
/// L5PC input has about 14 spikes per ms across 1278 channels (≈ 1 % of the entries). Not yet faster than libtorch's
/// Conv1d on one CPU thread (the dense (N·T, K·O) product and its diagonal sum dominate; see the README). Equal to the dense causal
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
        long inCh = weight.shape[1];
        // Z = X·W as a sparse-dense product: row n·T + s holds, for every tap k and output o, the sum over the spikes
        // of bin s of W[o, c, k]; shape (N·T, K·O), written row by row.
        using Scalar lengthScalar = length;
        var rows = batch.mul(lengthScalar).add(time, oneInt);
        var indices = stack([rows, channel]);
        var ones = torch.ones(channel.shape[0], dtype: weight.dtype, device: weight.device);
        var x = sparse_coo_tensor(indices, ones, [batches * length, inCh]);
        var taps = weight.permute(1, 2, 0).reshape(inCh, kernel * outCh); // (C, K·O)
        var z = x.matmul(taps).view(batches, length, kernel, outCh);
        // Tap k reads the input K-1-k bins back: out[n, t, o] = Σ_k Z[n, t + k - (K-1), k, o], a diagonal sum after
        // padding K-1 bins in front.
        var zp = nn.functional.pad(z, [0, 0, 0, 0, kernel - 1, 0]).contiguous(); // (N, T+K-1, K, O)
        var diagonal = zp.as_strided(
            [batches, length, kernel, outCh],
            [padded * kernel * outCh, kernel * outCh, kernel * outCh + outCh, 1]
        );
        var result = diagonal.sum(2).permute(0, 2, 1).add(bias.view(1, outCh, 1), TorchScalars.One);
        GC.KeepAlive(lengthScalar);
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
        using Scalar zeroValue = 0.0,
            oneValue = 1.0;
        using (var zero = dense.eq(zeroValue))
        using (var one = dense.eq(oneValue))
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
