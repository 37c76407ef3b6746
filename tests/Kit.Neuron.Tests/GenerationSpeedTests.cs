using System.Diagnostics;
using Kit.Core;
using Kit.Neuron.Data;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests;

/// <summary>
/// Measures I&amp;F dataset generation speed (6 s simulations, all cores). Run in Release for meaningful numbers:
/// <c>dotnet test tests/Kit.Neuron.Tests -c Release --filter Category=Benchmark --logger "console;verbosity=detailed"</c>.
/// </summary>
public class GenerationSpeedTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Benchmark")]
    public void ReportsSimulationsPerSecond()
    {
        var cfg = IntegrateAndFireDatasetConfig.Paper;
        IntegrateAndFireDataset.Generate(cfg, 2, 1, Progress.None); // warm-up (JIT)
        const int n = 24;
        var sw = Stopwatch.StartNew();
        var data = IntegrateAndFireDataset.Generate(cfg, n, 2, Progress.None);
        double rate = n / sw.Elapsed.TotalSeconds;
        output.WriteLine(
            $"{rate:F1} simulations/s (6000 ms each) on {Environment.ProcessorCount} cores"
        );
        var path = Path.Combine(Path.GetTempPath(), $"neuronkit-speed-{Guid.NewGuid():N}.npz");
        try
        {
            sw.Restart();
            DatasetFile.Write(path, data);
            double write = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            DatasetFile.Read(path);
            output.WriteLine(
                $"write {write:F0} ms, read {sw.Elapsed.TotalMilliseconds:F0} ms, {new FileInfo(path).Length / 1e6:F2} MB for {n} simulations"
            );
        }
        finally
        {
            File.Delete(path);
        }
        Assert.True(rate > 0.2, $"generation at {rate:F2} simulations/s is pathologically slow");
    }
}
