using Kit.Learning.Models;

namespace Kit.Learning.Tests;

/// <summary>
/// <see cref="CausalNetCost.MultiplyAddsPerMs"/>: small architectures counted by hand, the figure-2 course network,
/// and the dense count against the weight entries of the built network.
/// </summary>
public sealed class CausalNetCostTests
{
    // 10 inputs, kernels 5 and 3, 4 units per layer.
    private static readonly CausalNetConfig Small = CausalNetConfig.L5pc(10, [5, 3], 4);

    [Fact]
    public void DenseLayersCostKernelTimesInputsTimesOutputs()
    {
        // 5·10·4 (first) + 3·4·4 (second) + 4·2 (spike and voltage heads)
        Assert.Equal(200 + 48 + 8, CausalNetCost.MultiplyAddsPerMs(Small));
    }

    [Fact]
    public void DendriticHeadsCostTheLastWidthEach()
    {
        Assert.Equal(
            200 + 48 + 4 * (2 + 3),
            CausalNetCost.MultiplyAddsPerMs(Small with { DendriticHeads = 3 })
        );
    }

    [Fact]
    public void SpatialProjectionCostsInputsTimesRankAndShrinksTheFirstLayer()
    {
        // 10·3 (projection) + 5·3·4 (first layer over 3 channels) + 48 + 8
        Assert.Equal(
            30 + 60 + 48 + 8,
            CausalNetCost.MultiplyAddsPerMs(Small with { SpatialRank = 3 })
        );
    }

    [Fact]
    public void SpikeListFirstLayerCostsItsKernelPerSpikePlusTheDiagonalSum()
    {
        // 2.5 spikes per ms · 5·4 (each spike's kernel) + 5·4 (diagonal sum per bin) + 48 + 8
        var sparse = Small with
        {
            SpikeListFirstLayer = true,
        };
        Assert.Equal(50 + 20 + 48 + 8, CausalNetCost.MultiplyAddsPerMs(sparse, 2.5));
        Assert.Equal(20 + 48 + 8, CausalNetCost.MultiplyAddsPerMs(sparse, 0));
    }

    [Fact]
    public void TheFigure2CourseNetworkCountsAsComputedByHand()
    {
        // figures/02-l5pc-nmda's course network: rank 32, 7 x 64, kernels 54, 17 x 3, 18 x 3.
        var course = CausalNetConfig.L5pc(1278, [54, 17, 17, 17, 18, 18, 18], 64) with
        {
            SpatialRank = 32,
        };
        long expected = 1278 * 32 + 54 * 32 * 64 + (3 * 17 + 3 * 18) * 64 * 64 + 64 * 2;
        Assert.Equal(581_696, expected);
        Assert.Equal(expected, CausalNetCost.MultiplyAddsPerMs(course));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 0)]
    [InlineData(0, 2)]
    public void DenseCountEqualsTheEntriesOfTheWeightMatricesAndKernels(int rank, int dendritic)
    {
        var config = Small with { SpatialRank = rank, DendriticHeads = dendritic };
        using var net = CausalNet.Build(config, seed: 1);
        // Conv kernels are (O, C, K), the projection (R, C); biases and BatchNorm are vectors.
        long entries = net.parameters().Where(p => p.dim() >= 2).Sum(p => p.numel());
        Assert.Equal(entries, CausalNetCost.MultiplyAddsPerMs(config));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RejectsASpikeRateThatIsNotAFiniteCount(double spikesPerMs)
    {
        Assert.Throws<ArgumentException>(() => CausalNetCost.MultiplyAddsPerMs(Small, spikesPerMs));
    }
}
