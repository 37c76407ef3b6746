using Kit.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>
/// The kit's BatchNorm forward pass (a held Scalar for the batch count, where TorchSharp's makes an implicit one)
/// computes what TorchSharp's <c>BatchNorm1d.forward</c> computes: outputs, running statistics and batch count, in
/// training and in evaluation.
/// </summary>
public class BatchNormForwardTests
{
    [Fact]
    public void EqualsTorchSharpsForwardInTrainingAndEvaluation()
    {
        using var ours = nn.BatchNorm1d(3);
        using var theirs = nn.BatchNorm1d(3);
        var generator = new Generator(7);
        for (int step = 0; step < 3; step++)
        {
            using var x = randn([4, 3, 10], generator: generator) * (step + 1) + step;
            using var a = CausalNet.BatchNormForward(ours, x);
            using var b = theirs.forward(x);
            Assert.Equal(0, (a - b).abs().max().item<float>(), 6);
        }
        Assert.Equal(3, ours.num_batches_tracked!.item<long>());
        Assert.Equal(
            theirs.num_batches_tracked!.item<long>(),
            ours.num_batches_tracked.item<long>()
        );
        Assert.Equal(0, (ours.running_mean! - theirs.running_mean!).abs().max().item<float>(), 6);
        Assert.Equal(0, (ours.running_var! - theirs.running_var!).abs().max().item<float>(), 6);
        // The running statistics moved away from their initial 0 and 1.
        Assert.True(ours.running_mean!.abs().max().item<float>() > 0.1);

        ours.eval();
        theirs.eval();
        using var y = randn([2, 3, 5], generator: generator);
        using var c = CausalNet.BatchNormForward(ours, y);
        using var d = theirs.forward(y);
        Assert.Equal(0, (c - d).abs().max().item<float>(), 6);
        Assert.Equal(3, ours.num_batches_tracked.item<long>()); // evaluation does not count
    }
}
