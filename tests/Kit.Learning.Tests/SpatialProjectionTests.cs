using Kit.Learning.Models;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>
/// A spatial projection before the first layer (<see cref="CausalNetConfig.SpatialRank"/>) is a low-rank first
/// layer: the same function as the dense network whose first kernels are the product of the two factors.
/// </summary>
public sealed class SpatialProjectionTests
{
    // Fewer than 8 filters per layer: the dense net takes CausalNet's exact matmul path.
    private static readonly CausalNetConfig Dense = CausalNetConfig.L5pc(30, [6, 3], 4);
    private static readonly CausalNetConfig Projected = Dense with { SpatialRank = 5 };

    [Fact]
    public void ParameterCountAddsTheProjectionAndShrinksTheFirstLayer()
    {
        using var dense = CausalNet.Build(Dense, seed: 1);
        using var projected = CausalNet.Build(Projected, seed: 1);
        // projection 5 x 30; first conv 4 x 5 x 6 instead of 4 x 30 x 6
        long expected = dense.ParameterCount() - 4 * 30 * 6 + 4 * 5 * 6 + 5 * 30;
        Assert.Equal(expected, projected.ParameterCount());
    }

    [Fact]
    public void EqualsTheDenseNetWithTheProductKernels()
    {
        using var projected = CausalNet.Build(Projected, seed: 2);
        using var dense = CausalNet.Build(Dense, seed: 3);
        var p = projected.state_dict();
        var d = dense.state_dict();
        using (no_grad())
        {
            foreach (var (name, value) in d)
                if (name != "convs.0.weight")
                    value.copy_(p[name]);
            d["convs.0.weight"].copy_(einsum("ork,rc->ock", p["convs.0.weight"], p["projection"]));
        }
        projected.eval();
        dense.eval();
        using var x = (rand(3, 30, 64, generator: new TorchSharp.torch.Generator(5)) > 0.9).to(
            ScalarType.Float32
        );
        using var _ = no_grad();
        var (sp, vp) = projected.forward(x);
        var (sd, vd) = dense.forward(x);
        Assert.True(sp.allclose(sd, rtol: 0, atol: 1e-5));
        Assert.True(vp.allclose(vd, rtol: 0, atol: 1e-5));
        // The effective first-layer kernels are what FirstLayerWeights reports.
        var a = projected.FirstLayerWeights();
        var b = dense.FirstLayerWeights();
        for (int o = 0; o < a.GetLength(0); o++)
        for (int c = 0; c < a.GetLength(1); c++)
        for (int k = 0; k < a.GetLength(2); k++)
            Assert.Equal(b[o, c, k], a[o, c, k], 6);
    }

    [Fact]
    public void StaysCausal()
    {
        using var net = CausalNet.Build(Projected, seed: 4);
        net.eval();
        using var _ = no_grad();
        using var x = (rand(1, 30, 40) > 0.8).to(ScalarType.Float32);
        var y = x.clone();
        y[.., .., 25] = 1 - y[.., .., 25];
        var (sa, va) = net.forward(x);
        var (sb, vb) = net.forward(y);
        Assert.True(sa[.., ..25].allclose(sb[.., ..25], 0, 0));
        Assert.True(va[.., ..25].allclose(vb[.., ..25], 0, 0));
        Assert.False(sa[.., 25..].allclose(sb[.., 25..], 0, 0));
    }

    [Fact]
    public void ExcludesTheSpikeListLayer()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            (Projected with { SpikeListFirstLayer = true }).Validate()
        );
        Assert.Contains("SpatialRank", e.Message);
        Assert.Throws<ArgumentException>(() => (Dense with { SpatialRank = -1 }).Validate());
    }
}
