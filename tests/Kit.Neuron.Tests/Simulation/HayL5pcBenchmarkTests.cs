using Kit.Neuron.Cells;
using Kit.Neuron.Simulation;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>
/// <see cref="HayL5pcBenchmark.TrialInputs"/> are the inputs the throughput run simulates (what <c>kit bench
/// surrogate</c> feeds the network), and the latency run can be left out. Timings are not asserted.
/// </summary>
public sealed class HayL5pcBenchmarkTests
{
    [SkippableFact]
    public void TrialInputsAreTheThroughputRunsInputs()
    {
        var asc = SharedData.RequireFile("morphologies/cell1.asc");
        var options = new HayL5pcBenchmarkOptions
        {
            SimulatedSeconds = 0.02,
            Seed = 5,
            Threads = 1,
            Lanes = 4,
            Simulation = SimulationOptions.Fast,
            MeasureLatency = false,
        };

        var inputs = HayL5pcBenchmark.TrialInputs(
            asc,
            options.Synapses,
            options.SimulatedSeconds,
            options.Simulation.DtMs,
            options.Seed,
            4
        );
        var run = HayL5pcBenchmark.Run(asc, options);

        Assert.Equal(4, inputs.Length);
        Assert.All(inputs, i => Assert.Equal(20, i.DurationMs));
        Assert.All(inputs, i => Assert.Equal(1278, i.Channels));
        // The trials differ (streams [seed, i]), and the run simulated exactly these spikes.
        Assert.Equal(4, inputs.Select(i => string.Join(',', i.SpikeChannels)).Distinct().Count());
        Assert.Equal(inputs.Average(i => i.SpikeChannels.Length), run.InputSpikes, 12);
        Assert.Null(run.SingleTrialWallSPerSimulatedS);
        Assert.True(run.WallSPerSimulatedS > 0);
    }

    [SkippableFact]
    public void LatencyIsMeasuredByDefault()
    {
        var asc = SharedData.RequireFile("morphologies/cell1.asc");
        var run = HayL5pcBenchmark.Run(
            asc,
            new HayL5pcBenchmarkOptions
            {
                SimulatedSeconds = 0.01,
                Lanes = 4,
                Simulation = SimulationOptions.Fast,
            }
        );
        Assert.NotNull(run.SingleTrialWallSPerSimulatedS);
        Assert.True(run.SingleTrialWallSPerSimulatedS > 0);
    }
}
