using Kit.Core;
using Kit.Learning.Models;
using Kit.Learning.Training;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>
/// The depolarisation-weighted voltage loss (<see cref="TrainerConfig.VoltageWeightScaleMv"/>): its value and gradient
/// against the definition mean((1 + (y / s)²)(ŷ − y)²), its limits, and the trainer's check of the scale.
/// </summary>
public sealed class VoltageWeightingTests
{
    private static (float[] Prediction, float[] Target) Values()
    {
        var rng = new Random(3);
        var p = new float[2 * 7];
        var y = new float[2 * 7];
        for (int i = 0; i < p.Length; i++)
        {
            y[i] = (float)(rng.NextDouble() * 12); // mV above rest, as figure 5's target
            p[i] = y[i] + (float)(rng.NextDouble() * 4 - 2);
        }
        return (p, y);
    }

    private static double Definition(float[] p, float[] y, double scaleMv) =>
        p.Zip(y)
            .Select(x =>
                (1 + (x.Second / scaleMv) * (x.Second / scaleMv))
                * (x.First - (double)x.Second)
                * (x.First - (double)x.Second)
            )
            .Average();

    [Fact]
    public void LossAndGradientFollowTheDefinition()
    {
        var (p, y) = Values();
        const double scale = 4.0;
        using var prediction = tensor(p, [2, 7]).requires_grad_();
        using var target = tensor(y, [2, 7]);
        using var loss = Trainer.DepolarisationWeightedMse(prediction, target, scale);
        Assert.Equal(Definition(p, y, scale), loss.item<float>(), 4);

        // d loss / d ŷ_i = 2 (1 + (y_i / s)²)(ŷ_i − y_i) / N.
        loss.backward();
        var grad = prediction.grad!.data<float>().ToArray();
        for (int i = 0; i < p.Length; i++)
        {
            double w = 1 + (y[i] / scale) * (y[i] / scale);
            Assert.Equal(2 * w * (p[i] - y[i]) / p.Length, grad[i], 5);
        }
    }

    [Fact]
    public void ZeroTargetsOrAVeryLargeScaleGiveThePlainMse()
    {
        var (p, y) = Values();
        using var prediction = tensor(p, [2, 7]);
        using var target = tensor(y, [2, 7]);
        using var zero = zeros(2, 7);
        using var mse = nn.functional.mse_loss(prediction, target);
        using var mseZero = nn.functional.mse_loss(prediction, zero);
        using var atZero = Trainer.DepolarisationWeightedMse(prediction, zero, 1.0);
        using var wide = Trainer.DepolarisationWeightedMse(prediction, target, 1e6);
        Assert.Equal(mseZero.item<float>(), atZero.item<float>(), 5);
        Assert.Equal(mse.item<float>(), wide.item<float>(), 4);
        // A scale comparable with the targets weights the depolarised bins: the loss is larger than the MSE.
        using var weighted = Trainer.DepolarisationWeightedMse(prediction, target, 4.0);
        Assert.True(weighted.item<float>() > 1.5 * mse.item<float>());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ABadScaleIsRefusedBeforeTraining(double scale)
    {
        var train = Synthetic.Set(4, 10);
        using var net = CausalNet.Build(
            new CausalNetConfig(10, [20], [2], false, Activation.ReLU, 0.1, 0, 0, -2, 0.5),
            seed: 4
        );
        var config = new TrainerConfig(
            new TrainingSchedule([new Phase(1, 0.01, 0, 1)]),
            new TargetTransform(0, -70),
            200,
            4,
            WindowSampling.OnePerSimulation,
            Threads: 1
        )
        {
            VoltageWeightScaleMv = scale,
        };
        var e = FitAssert.RefusedWithModelUntouched(
            net,
            () => Trainer.Fit(net, train, null, config, Progress.None)
        );
        Assert.Contains("VoltageWeightScaleMv", e.Message);
    }

    [Fact]
    public void TrainingWithTheWeightingDiffersFromThePlainMseAndStaysFinite()
    {
        var train = Synthetic.Set(8, 11);
        var config = new TrainerConfig(
            new TrainingSchedule([new Phase(3, 0.01, 0, 1)]),
            new TargetTransform(0, -70),
            200,
            4,
            WindowSampling.OnePerSimulation,
            Seed: 2,
            Threads: 1
        );
        var net = new CausalNetConfig(10, [20], [2], false, Activation.ReLU, 0.1, 0, 0, -2, 0.5);
        using var plainNet = CausalNet.Build(net, seed: 4);
        using var weightedNet = CausalNet.Build(net, seed: 4);
        var plain = Trainer.Fit(plainNet, train, null, config, Progress.None);
        var weighted = Trainer.Fit(
            weightedNet,
            train,
            null,
            config with
            {
                VoltageWeightScaleMv = 2.0,
            },
            Progress.None
        );
        Assert.All(weighted.History, h => Assert.True(double.IsFinite(h.TrainLoss)));
        // The same steps on the same windows from the same weights; only the loss differs.
        Assert.Equal(plain.Steps, weighted.Steps);
        Assert.NotEqual(plain.History[0].TrainLoss, weighted.History[0].TrainLoss);
        Assert.False(
            plainNet
                .FirstLayerWeights()
                .Cast<double>()
                .SequenceEqual(weightedNet.FirstLayerWeights().Cast<double>())
        );
    }
}
