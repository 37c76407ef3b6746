using System.Runtime.Intrinsics;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>The SIMD engine's own exp and log agree with <see cref="Math"/> to a few ulp over the ranges it uses.</summary>
public sealed class LaneKernelMathTests
{
    private static double Ulps(double a, double b) =>
        Math.Abs(a - b) / Math.Max(Math.BitIncrement(Math.Abs(b)) - Math.Abs(b), double.Epsilon);

    [Fact]
    public void Exp_is_within_4_ulp_of_Math_Exp()
    {
        var rng = new System.Random(5);
        double worst = 0;
        for (int i = 0; i < 40000; i++)
        {
            var x = Vector256.Create(
                -60 + 120 * rng.NextDouble(),
                -700 + 1400 * rng.NextDouble(),
                -1 + 2 * rng.NextDouble(),
                -12 + 24 * rng.NextDouble()
            );
            var y = LaneKernels.Exp(x);
            for (int l = 0; l < 4; l++)
                worst = Math.Max(worst, Ulps(y[l], Math.Exp(x[l])));
        }
        Assert.True(worst <= 4, $"max error {worst} ulp");
    }

    [Fact]
    public void Log_is_within_4_ulp_of_Math_Log()
    {
        var rng = new System.Random(6);
        double worst = 0;
        for (int i = 0; i < 40000; i++)
        {
            var x = Vector256.Create(
                Math.Pow(10, -8 + 10 * rng.NextDouble()),
                1e-4 * (1 + rng.NextDouble()),
                0.5 + rng.NextDouble(),
                Math.Pow(10, -300 + 600 * rng.NextDouble())
            );
            var y = LaneKernels.Log(x);
            for (int l = 0; l < 4; l++)
                worst = Math.Max(worst, Ulps(y[l], Math.Log(x[l])));
        }
        Assert.True(worst <= 4, $"max error {worst} ulp");
    }
}
