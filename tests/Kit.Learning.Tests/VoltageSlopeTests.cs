using Kit.Core;
using Kit.Learning.Models;
using Kit.Learning.Training;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>
/// The slope term of the voltage loss (<see cref="TrainerConfig.VoltageSlopeWeight"/>): its value and gradient against
/// the definition mean((Δŷ − Δy)²), its invariance to a constant offset, and the trainer's check of the weight.
/// </summary>
public sealed class VoltageSlopeTests
{
    private const int Rows = 3,
        Bins = 9;

    private static (float[] Prediction, float[] Target) Values()
    {
        var rng = new Random(5);
        var p = new float[Rows * Bins];
        var y = new float[Rows * Bins];
        for (int i = 0; i < p.Length; i++)
        {
            y[i] = (float)(rng.NextDouble() * 10);
            p[i] = y[i] + (float)(rng.NextDouble() * 4 - 2);
        }
        return (p, y);
    }

    /// <summary>The slope error of row n between bins t and t + 1: (ŷ[t+1] − ŷ[t]) − (y[t+1] − y[t]).</summary>
    private static double SlopeError(float[] p, float[] y, int n, int t) =>
        (p[n * Bins + t + 1] - (double)p[n * Bins + t])
        - (y[n * Bins + t + 1] - (double)y[n * Bins + t]);

    [Fact]
    public void LossAndGradientFollowTheDefinition()
    {
        var (p, y) = Values();
        using var prediction = tensor(p, [Rows, Bins]).requires_grad_();
        using var target = tensor(y, [Rows, Bins]);
        using var loss = Trainer.SlopeMse(prediction, target);
        double expected = 0;
        for (int n = 0; n < Rows; n++)
        for (int t = 0; t < Bins - 1; t++)
            expected += SlopeError(p, y, n, t) * SlopeError(p, y, n, t);
        int terms = Rows * (Bins - 1);
        Assert.Equal(expected / terms, loss.item<float>(), 4);

        // d loss / d ŷ[n, t] = 2 (e[n, t-1] − e[n, t]) / terms, e[n, t] the slope error between t and t + 1 (0 past the ends).
        loss.backward();
        var grad = prediction.grad!.data<float>().ToArray();
        for (int n = 0; n < Rows; n++)
        for (int t = 0; t < Bins; t++)
        {
            double before = t > 0 ? SlopeError(p, y, n, t - 1) : 0;
            double after = t < Bins - 1 ? SlopeError(p, y, n, t) : 0;
            Assert.Equal(2 * (before - after) / terms, grad[n * Bins + t], 5);
        }
    }

    [Fact]
    public void APredictionOffByAConstantHasNoSlopeError()
    {
        var (_, y) = Values();
        using var target = tensor(y, [Rows, Bins]);
        using var shifted = target.add(3.5f);
        using var none = Trainer.SlopeMse(shifted, target);
        Assert.Equal(0f, none.item<float>(), 5);
        // The same prediction with one bin raised by 1 mV has two slope errors of 1 (mV per bin)².
        var bumped = y.Select(v => v + 3.5f).ToArray();
        bumped[4] += 1;
        using var bump = Trainer.SlopeMse(tensor(bumped, [Rows, Bins]), target);
        Assert.Equal(2.0 / (Rows * (Bins - 1)), bump.item<float>(), 5);
        Assert.Throws<ArgumentException>(() => Trainer.SlopeMse(zeros(2, 1), zeros(2, 1)));
    }

    private static TrainerConfig Config(int rounds = 3) =>
        new(
            new TrainingSchedule([new Phase(rounds, 0.01, 0, 1)]),
            new TargetTransform(0, -70),
            200,
            4,
            WindowSampling.OnePerSimulation,
            Seed: 2,
            Threads: 1
        );

    private static readonly CausalNetConfig Net = new(
        10,
        [20],
        [2],
        false,
        Activation.ReLU,
        0.1,
        0,
        0,
        -2,
        0.5
    );

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ABadWeightIsRefusedBeforeTraining(double weight)
    {
        var train = Synthetic.Set(4, 10);
        using var net = CausalNet.Build(Net, seed: 4);
        var e = FitAssert.RefusedWithModelUntouched(
            net,
            () =>
                Trainer.Fit(
                    net,
                    train,
                    null,
                    Config() with
                    {
                        VoltageSlopeWeight = weight,
                    },
                    Progress.None
                )
        );
        Assert.Contains("VoltageSlopeWeight", e.Message);
    }

    [Fact]
    public void AZeroWeightTrainsAsWithoutTheTermAndAPositiveOneDiffers()
    {
        var train = Synthetic.Set(8, 11);
        double[] Weights(double? slope)
        {
            using var net = CausalNet.Build(Net, seed: 4);
            var fit = Trainer.Fit(
                net,
                train,
                null,
                Config() with
                {
                    VoltageSlopeWeight = slope,
                },
                Progress.None
            );
            Assert.All(fit.History, h => Assert.True(double.IsFinite(h.TrainLoss)));
            return [.. net.FirstLayerWeights().Cast<double>()];
        }
        var plain = Weights(null);
        Assert.Equal(plain, Weights(0.0));
        Assert.NotEqual(plain, Weights(30.0));
    }
}
