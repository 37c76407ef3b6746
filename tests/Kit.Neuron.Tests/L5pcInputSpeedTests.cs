using System.Diagnostics;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;
using Kit.Neuron.Tests.Morphology;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests;

/// <summary>
/// Measures L5PC input generation time per 6 s simulation on the Hay cell (639 segments, one thread). Run in Release:
/// <c>dotnet test tests/Kit.Neuron.Tests -c Release --filter "FullyQualifiedName~L5pcInputSpeed" --logger "console;verbosity=detailed"</c>.
/// </summary>
public class L5pcInputSpeedTests(ITestOutputHelper output)
{
    [SkippableFact]
    [Trait("Category", "Benchmark")]
    public void ReportsMillisecondsPerSimulation()
    {
        var gen = L5pcInputGenerator.ForCell(
            L5pcInputConfig.Nmda,
            Discretization.Build(HayCell.Require())
        );
        gen.Generate(1, 0); // warm-up (JIT)
        const int n = 6;
        long spikes = 0;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
            spikes += gen.Generate(2, i).SpikeChannels.Length;
        double ms = sw.Elapsed.TotalMilliseconds / n;
        output.WriteLine(
            $"{ms:F0} ms per 6000 ms simulation (639 segments, 1 thread), {spikes / n} input spikes on average"
        );
        Assert.True(spikes > 0);
    }
}
