using System.Diagnostics;
using Kit.Neuron.Simulation;
using Xunit.Abstractions;

namespace Kit.Neuron.Gpu.Tests;

[Collection(IlgpuCpuCollection.Name)]
public sealed class ExploreTests(IlgpuCpuDevice fixture, ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        double d = double.Parse(Environment.GetEnvironmentVariable("GPU_D") ?? "100");
        double rate = double.Parse(Environment.GetEnvironmentVariable("GPU_RATE") ?? "10");
        int trials = 2;
        output.WriteLine(
            $"nodes {GpuAgreementCase.Cell.Tree.Nodes} syn {GpuAgreementCase.Cell.Synapses[0].Count}"
        );
        var sw = Stopwatch.StartNew();
        using var gpu = new GpuSimulation(
            fixture.Device,
            GpuAgreementCase.Cell,
            SimulationOptions.Refined,
            trials,
            50
        );
        for (int t = 0; t < trials; t++)
            gpu.SetEvents(t, GpuAgreementCase.Events(t, d, rate));
        var g = gpu.Run(d, GpuAgreementCase.Plan);
        output.WriteLine($"gpu {sw.Elapsed.TotalSeconds:F1} s");
        for (int t = 0; t < trials; t++)
        {
            sw.Restart();
            var c = GpuAgreementCase.RunCpu(
                SimulationOptions.Refined,
                GpuAgreementCase.Events(t, d, rate),
                d
            );
            var cs = GpuAgreementCase.RunCpu(
                SimulationOptions.Refined,
                GpuAgreementCase.Events(t, d, rate),
                d,
                simd: true
            );
            output.WriteLine($"cpu {sw.Elapsed.TotalSeconds:F2} s");
            var a = c.Trace("soma");
            var b = g.Trace("soma", t);
            double max = a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
            double maxs = a.Zip(cs.Trace("soma"), (x, y) => Math.Abs(x - y)).Max();
            output.WriteLine(
                $"trial {t}: max|dV| {max:E3} (simd1 vs scalar {maxs:E3}); cpu spikes [{string.Join(", ", c.CrossingTimesMs().Select(x => x.ToString("F3")))}] gpu [{string.Join(", ", g.CrossingTimesMs(t).Select(x => x.ToString("F3")))}]"
            );
        }
    }
}
