using Kit.Learning.Models;

namespace Kit.Figures.Fig4;

/// <summary>
/// What a sweep's training costs on this project's 2-core machines, before running it: seconds per training step
/// on one thread modelled as a + b · (multiply-adds per simulated ms, <see cref="CausalNetCost"/>), the line through
/// the two per-step times the README reports for figures 2 and 3 (fwd + bwd, batch 16 x 400 ms, one thread):
/// rank-32 TCN 7 x 64 0.20 s, rank-32 FCN 1 x 128 (T = 43) 0.09 s; times <see cref="Overhead"/> for the validation
/// rounds and the evaluation (figure 2's course network took 8 min for 2000 steps, 1.2 x 0.20 s per step). An
/// estimate for CPU profiles only; it says nothing of a GPU.
/// </summary>
public static class SweepEstimate
{
    /// <summary>Validation and evaluation on top of the steps (figure 2 at course: 8 min for 2000 x 0.20 s).</summary>
    public const double Overhead = 1.2;

    private static double Mac(int[] kernels, int width) =>
        CausalNetCost.MultiplyAddsPerMs(
            CausalNetConfig.L5pc(1278, kernels, width) with
            {
                SpatialRank = 32,
            }
        );

    private static readonly double DeepMac = Mac([54, 17, 17, 17, 18, 18, 18], 64);
    private static readonly double ShallowMac = Mac([43], 128);
    private static readonly double PerMac = (0.20 - 0.09) / (DeepMac - ShallowMac);
    private static readonly double Fixed = 0.09 - PerMac * ShallowMac;

    /// <summary>Estimated seconds of one training step of <paramref name="model"/> on one thread.</summary>
    public static double StepSeconds(CausalNetConfig model) =>
        Fixed + PerMac * CausalNetCost.MultiplyAddsPerMs(model);

    /// <summary>Estimated training seconds of one point, validation and evaluation included, on one thread.</summary>
    public static double PointSeconds(Fig4Config config, SweepPoint point)
    {
        var pc = config.PointConfig(point);
        return pc.TotalSteps * StepSeconds(pc.Model) * Overhead;
    }

    /// <summary>
    /// Estimated wall seconds of training every point of <paramref name="points"/> with
    /// <paramref name="trainingsAtOnce"/> side by side (one per core; the largest-first greedy schedule's makespan).
    /// </summary>
    public static double WallSeconds(
        Fig4Config config,
        IEnumerable<SweepPoint> points,
        int trainingsAtOnce
    )
    {
        var lanes = new double[Math.Max(1, trainingsAtOnce)];
        foreach (var s in points.Select(p => PointSeconds(config, p)).OrderDescending())
            lanes[Array.IndexOf(lanes, lanes.Min())] += s;
        return lanes.Max();
    }
}
