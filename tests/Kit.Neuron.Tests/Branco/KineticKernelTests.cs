using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Branco;

/// <summary>The engine's 4-lane kinetic-scheme step against <see cref="KineticSchemeSolver.Step"/>.</summary>
public sealed class KineticKernelTests
{
    [SkippableFact]
    public void FourLaneStepEqualsTheScalarSolverBitForBit()
    {
        Skip.IfNot(LaneKernels.Supported, "no AVX2");
        var scheme = BrancoNmda.Scheme();
        var solver = new KineticSchemeSolver(scheme);
        int n = scheme.States.Length;
        const int lanes = 8;
        var rng = new System.Random(3);
        var occupancy = new double[n * lanes];
        var expected = new double[lanes][];
        double[] v = [.. Enumerable.Range(0, 4).Select(_ => -80 + 90 * rng.NextDouble())];
        double[] c = [0, 2, 0.3, 2];
        for (int l = 0; l < lanes; l++)
        {
            var p = solver.SteadyState(-75 + l, l % 2 * 0.5);
            for (int s = 0; s < n; s++)
                occupancy[s * lanes + l] = p[s];
            if (l >= 4)
            {
                solver.Step(p, v[l - 4], c[l - 4], 0.025);
                expected[l] = p;
            }
        }
        Assert.True(
            LaneKernels.StepKineticScheme(
                scheme,
                occupancy,
                lanes,
                4,
                v,
                c,
                0.025,
                new double[n * n * 4],
                new double[n * 4]
            )
        );
        for (int l = 4; l < lanes; l++)
        for (int s = 0; s < n; s++)
            Assert.Equal(expected[l][s], occupancy[s * lanes + l]);
    }
}
