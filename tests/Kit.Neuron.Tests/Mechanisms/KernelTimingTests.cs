using System.Diagnostics;
using Kit.Neuron.Mechanisms;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Mechanisms;

public class KernelTimingTests(ITestOutputHelper output)
{
    [Fact]
    public void TablePathMatchesExactPathOverManyStepsAndReportsTheirCost()
    {
        // 639 instances × 4 lanes of NaTs2_t, 200 steps of 0.025 ms with a voltage sweep; small enough for CI.
        var ch = NaTs2t.Definition;
        int instances = 639,
            lanes = 4,
            steps = 200;
        var nodeOf = Enumerable.Range(0, instances).ToArray();
        var v = new double[instances * lanes];
        var exact = new double[ChannelKernels.StateLength(ch, instances, lanes)];
        var tabled = new double[exact.Length];
        for (int i = 0; i < v.Length; i++)
            v[i] = -80 + 100.0 * i / v.Length;
        ChannelKernels.Initialize(ch, exact, nodeOf, lanes, v, []);
        ChannelKernels.Initialize(ch, tabled, nodeOf, lanes, v, []);
        var tables = new ChannelRateTables(ch, 0.025);
        var sw = new Stopwatch();
        long tExact = 0,
            tTable = 0;
        double maxDiff = 0;
        for (int n = 0; n < steps; n++)
        {
            for (int i = 0; i < v.Length; i++)
                v[i] = -80 + 100.0 * ((i + 7 * n) % v.Length) / v.Length;
            sw.Restart();
            ChannelKernels.Advance(ch, exact, nodeOf, lanes, v, [], 0.025);
            tExact += sw.ElapsedTicks;
            sw.Restart();
            ChannelKernels.Advance(ch, tabled, nodeOf, lanes, v, [], 0.025, tables);
            tTable += sw.ElapsedTicks;
        }
        for (int i = 0; i < exact.Length; i++)
            maxDiff = Math.Max(maxDiff, Math.Abs(exact[i] - tabled[i]));
        double updates = (double)steps * exact.Length;
        double nsExact = tExact * 1e9 / Stopwatch.Frequency / updates;
        double nsTable = tTable * 1e9 / Stopwatch.Frequency / updates;
        output.WriteLine(
            $"NaTs2_t gate update: exact {nsExact:F1} ns, table {nsTable:F1} ns; max |Δstate| after {steps} steps {maxDiff:E2}"
        );
        Assert.True(maxDiff < 1e-6, $"table path drifted by {maxDiff}");
    }
}
