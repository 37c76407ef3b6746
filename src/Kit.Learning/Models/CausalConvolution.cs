using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kit.Learning.Models;

/// <summary>How <see cref="CausalConvolution.Apply"/> computes a layer.</summary>
internal enum ConvolutionPath
{
    /// <summary>K = 1: one matrix product over channels.</summary>
    Pointwise,

    /// <summary>libtorch's <c>Conv1d</c> (oneDNN on the CPU, cuDNN on a GPU).</summary>
    Libtorch,

    /// <summary>im2col: the (N·T, C·K) matrix of input patches times the (C·K, O) kernel.</summary>
    Im2col,

    /// <summary>One (O·K, C) x (N, C, U) product, then the shifted sum over taps (wide inputs: no C·K patch matrix).</summary>
    ShiftedSum,
}

/// <summary>
/// Causal convolution (N, C_in, T) → (N, C_out, T) with a <see cref="Conv1d"/>'s weight (O, C, K) and bias (O): left
/// padding K - 1, then a valid cross-correlation, so output t reads inputs t - K + 1 .. t.
/// </summary>
/// <remarks>
/// libtorch's float32 CPU convolution (oneDNN) was measured wrong on this project's machines (AMD EPYC, AVX-512;
/// docs/training-and-evaluation.md, "Convolutions on the CPU"): its <b>input gradient</b> is off by ~80 % (sometimes
/// NaN) whenever the layer has a number of outputs that is not a multiple of 16 and a kernel of at most 18 taps, at
/// any thread count; its forward pass over 1278 sparse binary inputs was off by up to 0.45; and its forward pass is
/// 12-46 % off for input counts that are not powers of two (9, 10, 12, 24, 40 of those swept, with 16-64 outputs and
/// kernels from 20 to 150 taps; 1, 2, 4, 8, 16, 32 and 64 inputs were exact). On the CPU it is therefore used only
/// for layers with a power-of-two number of inputs up to 256 and a multiple of 16 outputs (a test checks every path
/// against float64 on both sides of each boundary); on a GPU always. The other
/// layers take im2col, or the shifted sum when they have at least 4 times fewer outputs than inputs or more than
/// 256 inputs (its intermediate is O·K per bin instead of C·K).
/// </remarks>
internal static class CausalConvolution
{
    /// <summary>Output counts libtorch's CPU convolution gets right: multiples of this.</summary>
    internal const int LibtorchOutputBlock = 16;

    /// <summary>Layers with more inputs than this avoid libtorch's CPU convolution and the C·K patch matrix.</summary>
    internal const int LibtorchMaxInputs = 256;

    /// <summary>Cost per element of the shifted sum's intermediate relative to im2col's (measured, forward + backward).</summary>
    internal const int ShiftedSumCostRatio = 4;

    /// <summary>The path <see cref="Apply"/> takes for a layer of this shape on this device.</summary>
    internal static ConvolutionPath PathFor(
        long inputs,
        long outputs,
        int kernel,
        DeviceType device
    )
    {
        if (kernel == 1)
            return ConvolutionPath.Pointwise;
        if (device != DeviceType.CPU)
            return ConvolutionPath.Libtorch;
        if (inputs > LibtorchMaxInputs)
            return ConvolutionPath.ShiftedSum;
        if (outputs % LibtorchOutputBlock == 0 && long.IsPow2(inputs))
            return ConvolutionPath.Libtorch;
        // Both compute the same GEMM; they differ in the matrix they write and read back: C·K per bin for im2col,
        // O·K per bin for the shifted sum, whose strided backward costs about 4x per element. So a layer with far
        // fewer outputs than inputs (figure 1's single unit over 100 inputs and 80 taps) takes the shifted sum.
        return outputs * ShiftedSumCostRatio <= inputs
            ? ConvolutionPath.ShiftedSum
            : ConvolutionPath.Im2col;
    }

    /// <summary>The causal convolution of <paramref name="x"/> (N, C, T) by <paramref name="conv"/>: (N, O, T).</summary>
    internal static Tensor Apply(Conv1d conv, int kernel, Tensor x)
    {
        var weight = conv.weight!;
        var bias = conv.bias!;
        long outputs = weight.shape[0],
            inputs = weight.shape[1];
        return PathFor(inputs, outputs, kernel, x.device_type) switch
        {
            ConvolutionPath.Pointwise => matmul(weight.squeeze(2), x)
                .add(bias.view(1, outputs, 1), TorchScalars.One),
            ConvolutionPath.Libtorch => conv.forward(nn.functional.pad(x, [kernel - 1, 0])),
            ConvolutionPath.Im2col => Im2col(weight, bias, x, kernel),
            _ => ShiftedSum(weight, bias, x, kernel),
        };
    }

    /// <summary>
    /// Patches P[n·T + t, c·K + k] = x_pad[n, c, t + k] (an unfold, copied once), then y = P Wᵀ + b as one GEMM:
    /// libtorch's exact reference algorithm for convolution, with its GEMM's gradients.
    /// </summary>
    internal static Tensor Im2col(Tensor weight, Tensor bias, Tensor x, int kernel)
    {
        long outputs = weight.shape[0],
            inputs = weight.shape[1],
            n = x.shape[0],
            t = x.shape[2];
        var patches = nn
            .functional.pad(x, [kernel - 1, 0])
            .unfold(2, kernel, 1) // (N, C, T, K), a view
            .permute(0, 2, 1, 3)
            .reshape(n * t, inputs * kernel);
        var y = matmul(patches, weight.reshape(outputs, inputs * kernel).t()); // (N·T, O)
        return y.view(n, t, outputs)
            .permute(0, 2, 1)
            .add(bias.view(1, outputs, 1), TorchScalars.One);
    }

    /// <summary>
    /// Z[n, o, k, u] = Σ_c w[o, c, k] x_pad[n, c, u] as one GEMM, then y[n, o, t] = Σ_k Z[n, o, k, t + k] through a
    /// strided view. Memory O·K·N·(T + K - 1) instead of im2col's C·K·N·T: the path for the 1278 raw L5PC inputs.
    /// </summary>
    internal static Tensor ShiftedSum(Tensor weight, Tensor bias, Tensor x, int kernel)
    {
        long outputs = weight.shape[0],
            inputs = weight.shape[1];
        var padded = nn.functional.pad(x, [kernel - 1, 0]);
        long n = padded.shape[0],
            u = padded.shape[2],
            t = u - kernel + 1;
        var w = weight.permute(0, 2, 1).reshape(outputs * kernel, inputs); // (O·K, C)
        var z = matmul(w, padded).contiguous(); // (N, O·K, U)
        var diagonal = z.as_strided(
            [n, outputs, kernel, t],
            [outputs * kernel * u, kernel * u, u + 1, 1]
        );
        return diagonal.sum(2).add(bias.view(1, outputs, 1), TorchScalars.One);
    }
}
