using Kit.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>
/// The spike-list convolution equals the dense causal convolution (both of CausalNet's paths: the projection for
/// narrow layers and Conv1d for wide ones), forward and gradients within 1e-5, and stays causal.
/// </summary>
public sealed class SparseCausalConvTests
{
    private static (Tensor Dense, Tensor Batch, Tensor Channel, Tensor Time) Input(long seed)
    {
        var g = new torch.Generator((ulong)seed);
        var dense = rand([3, 40, 60], generator: g).lt(0.05).to(ScalarType.Float32); // ~5 % spikes
        var (b, c, t) = SparseCausalConv.SpikeList(dense);
        return (dense, b, c, t);
    }

    /// <summary>
    /// Against the dense causal convolution computed in float64 (left padding K-1, then Conv1d), forward and the
    /// gradients of weight and bias, within 1e-5. The reference is float64 because libtorch's float32 Conv1d on this
    /// machine's CPU is itself off by up to 0.1 on such sparse binary inputs (measured 0.097 for this case, 0.025 for
    /// 1278 channels x 54 taps), while the spike-list sum stays within 1.4e-6.
    /// </summary>
    [Theory]
    [InlineData(16, 7)]
    [InlineData(4, 9)]
    [InlineData(12, 1)] // a one-tap kernel
    public void ForwardAndGradientsEqualTheDenseCausalConvolution(int outputs, int kernel)
    {
        torch.manual_seed(11);
        using var conv = nn.Conv1d(40, outputs, kernel);
        var (dense, b, c, t) = Input(5);
        Assert.True(b.shape[0] > 100, $"{b.shape[0]} spikes"); // the case has spikes in every window

        var w64 = conv.weight!.detach().to(ScalarType.Float64).requires_grad_(true);
        var b64 = conv.bias!.detach().to(ScalarType.Float64).requires_grad_(true);
        var expected = nn.functional.conv1d(
            nn.functional.pad(dense.to(ScalarType.Float64), [kernel - 1, 0]),
            w64,
            b64
        );
        var weights = torch.randn(
            expected.shape,
            dtype: ScalarType.Float64,
            generator: new torch.Generator(3)
        );
        expected.mul(weights).sum().backward();

        var actual = SparseCausalConv.Forward(conv.weight!, conv.bias!, b, c, t, 3, 60);
        Assert.Equal(expected.shape, actual.shape);
        double forward = actual.to(ScalarType.Float64).sub(expected).abs().max().item<double>();
        Assert.True(forward < 1e-5, $"forward differs by {forward}");
        actual.mul(weights.to(ScalarType.Float32)).sum().backward();
        double gradW = conv.weight!.grad!.to(ScalarType.Float64)
            .sub(w64.grad!)
            .abs()
            .max()
            .item<double>();
        double gradB = conv.bias!.grad!.to(ScalarType.Float64)
            .sub(b64.grad!)
            .abs()
            .max()
            .item<double>();
        Assert.True(gradW < 1e-5, $"weight gradient differs by {gradW}");
        Assert.True(gradB < 1e-5, $"bias gradient differs by {gradB}");
        // The gradients are not trivially zero: the check compares something.
        Assert.True(w64.grad!.abs().sum().item<double>() > 1);
    }

    [Fact]
    public void OneSpikeWritesItsReversedKernelFromItsBinOnAndNothingBefore()
    {
        using var conv = nn.Conv1d(2, 3, 4);
        using var b = tensor(new long[] { 1 });
        using var c = tensor(new long[] { 1 });
        using var t = tensor(new long[] { 10 });
        using var y = SparseCausalConv.Forward(conv.weight!, conv.bias!, b, c, t, 2, 20);
        var bias = conv.bias!.detach();
        var delta = y.detach().sub(bias.view(1, 3, 1)); // (2, 3, 20)
        Assert.Equal(0f, delta[0].abs().max().item<float>()); // the other window is untouched
        Assert.Equal(0f, delta[1].narrow(1, 0, 10).abs().max().item<float>()); // causal: nothing before bin 10
        Assert.Equal(0f, delta[1].narrow(1, 14, 6).abs().max().item<float>()); // nothing after the kernel
        for (int lag = 0; lag < 4; lag++)
        for (int o = 0; o < 3; o++)
            Assert.Equal(
                conv.weight![o, 1, 3 - lag].item<float>(),
                delta[1, o, 10 + lag].item<float>(),
                6
            );
    }

    [Fact]
    public void AWrongInputShapeIsRefused()
    {
        using var flat = zeros(5, 5);
        var e = Assert.Throws<ArgumentException>(() => SparseCausalConv.SpikeList(flat));
        Assert.Contains("(N, C, T)", e.Message);
    }
}

/// <summary>A CausalNet whose first layer reads the spike list: the same function, still causal.</summary>
public sealed class SpikeListFirstLayerTests
{
    // Narrow layers (fewer than 8 filters) take CausalNet's matmul path, exact in float32, so the two nets can be
    // compared directly (libtorch's float32 Conv1d is not exact on sparse binary inputs; see SparseCausalConvTests).
    private static readonly CausalNetConfig Narrow = CausalNetConfig.L5pc(30, [6, 3], 4) with
    {
        BatchNorm = false,
    };

    private static Tensor Input(int seed) =>
        rand([2, 30, 50], generator: new torch.Generator((ulong)seed))
            .lt(0.05)
            .to(ScalarType.Float32);

    [Fact]
    public void TheSwitchedNetIsTheSameFunctionWithTheSameGradients()
    {
        using var dense = CausalNet.Build(Narrow, seed: 4);
        using var sparse = CausalNet.Build(Narrow with { SpikeListFirstLayer = true }, seed: 4);
        var x = Input(2);
        var (s1, v1) = dense.forward(x);
        var (s2, v2) = sparse.forward(x);
        Assert.True(s1.sub(s2).abs().max().item<float>() < 1e-5f);
        Assert.True(v1.sub(v2).abs().max().item<float>() < 1e-5f);
        v1.sum().backward();
        v2.sum().backward();
        var g1 = dense.parameters().First().grad!;
        var g2 = sparse.parameters().First().grad!;
        Assert.Equal(g1.shape, g2.shape); // the first layer's weight
        Assert.True(g1.abs().sum().item<float>() > 0);
        Assert.True(g1.sub(g2).abs().max().item<float>() < 1e-5f);
    }

    [Fact]
    public void ItStaysCausal()
    {
        using var net = CausalNet.Build(Narrow with { SpikeListFirstLayer = true }, seed: 4);
        var x = Input(3);
        var changed = x.clone();
        changed[0, 7, 30] = tensor(1f - x[0, 7, 30].item<float>());
        var (_, before) = net.forward(x);
        var (_, after) = net.forward(changed);
        var diff = after.sub(before).abs()[0];
        Assert.Equal(0f, diff.narrow(0, 0, 30).max().item<float>()); // nothing before the changed bin
        Assert.True(diff.narrow(0, 30, 8).max().item<float>() > 0); // the change is seen within the history (8 ms)
        Assert.Equal(0f, diff.narrow(0, 38, 12).max().item<float>()); // and not after it
    }

    [Fact]
    public void ANonBinaryInputIsRefused()
    {
        using var net = CausalNet.Build(Narrow with { SpikeListFirstLayer = true }, seed: 4);
        var x = Input(3).mul(2);
        var e = Assert.Throws<ArgumentException>(() => net.forward(x));
        Assert.Contains("binary", e.Message);
    }
}
