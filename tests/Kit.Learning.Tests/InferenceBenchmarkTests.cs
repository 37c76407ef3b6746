using Kit.Learning.Evaluation;
using Kit.Learning.Models;
using Kit.Neuron.Inputs;

namespace Kit.Learning.Tests;

/// <summary>
/// <see cref="InferenceBenchmark"/>: what it counts (passes, simulated time, input spikes) and the inputs it refuses.
/// Its timings are not asserted.
/// </summary>
[Collection("libtorch process state")] // sets libtorch's thread count
public sealed class InferenceBenchmarkTests
{
    private static readonly L5pcInputParameters NoParameters = new(100, 0, [], [], [], []);

    /// <summary>An input of 3 segments (6 channels), <paramref name="lengthMs"/> bins, with the given spikes.</summary>
    private static L5pcInput Input(int lengthMs, params (int Channel, int TimeMs)[] spikes) =>
        new(
            3,
            lengthMs,
            [.. spikes.Select(s => s.Channel)],
            [.. spikes.Select(s => s.TimeMs)],
            NoParameters
        );

    [Fact]
    public void TimesEveryPassAndCountsSimulatedTimeAndSpikes()
    {
        using var net = CausalNet.Build(CausalNetConfig.L5pc(6, [5, 3], 4), seed: 1);
        var inputs = new[]
        {
            Input(40, (0, 1), (5, 39)),
            Input(40, (2, 0), (3, 3), (4, 20), (1, 21)),
            Input(40),
        };
        net.train();

        var r = InferenceBenchmark.Run(
            net,
            inputs,
            new InferenceBenchmarkOptions
            {
                Repetitions = 3,
                BatchWindows = 2,
                Threads = 1,
            }
        );

        Assert.Equal(3, r.RepetitionSeconds.Length);
        Assert.True(r.CpuSPerSimulatedS >= 0);
        Assert.All(r.RepetitionSeconds, s => Assert.True(s > 0));
        Assert.Equal(3 * 0.040, r.SimulatedSeconds, 12);
        Assert.Equal(6.0 / 3 / 40, r.InputSpikesPerMs, 12); // 6 spikes over 3 windows of 40 bins
        Assert.Equal((3, 40, 2, 1), (r.Windows, r.WindowMs, r.BatchWindows, r.Threads));
        var sorted = r.RepetitionSeconds.Order().ToArray();
        Assert.Equal(sorted[1] / r.SimulatedSeconds, r.SecondsPerSimulatedSecond, 12); // the median
        Assert.True(net.training); // its mode is restored
    }

    [Fact]
    public void WindowsPerPassDefaultToWhatFitsTheBinBudget()
    {
        using var net = CausalNet.Build(CausalNetConfig.L5pc(6, [3], 4), seed: 1);
        var options = new InferenceBenchmarkOptions { Repetitions = 1, Threads = 1 };
        var bins = InferenceBenchmarkOptions.AutoBinsPerPass;
        // Short windows: all three in one pass; windows of the whole budget: one per pass.
        Assert.Equal(
            3,
            InferenceBenchmark.Run(net, [Input(40), Input(40), Input(40)], options).BatchWindows
        );
        Assert.Equal(
            1,
            InferenceBenchmark.Run(net, [Input(bins), Input(bins)], options).BatchWindows
        );
        Assert.Equal(
            2,
            InferenceBenchmark
                .Run(net, [Input(bins / 2), Input(bins / 2), Input(bins / 2)], options)
                .BatchWindows
        );
    }

    [Fact]
    public void RefusesInputsOfAnotherChannelCount()
    {
        using var net = CausalNet.Build(CausalNetConfig.L5pc(8, [3], 4), seed: 1);
        var e = Assert.Throws<ArgumentException>(() =>
            InferenceBenchmark.Run(net, [Input(20)], new InferenceBenchmarkOptions { Threads = 1 })
        );
        Assert.Contains("8 input channels", e.Message);
        Assert.Contains("6", e.Message);
    }

    [Fact]
    public void RefusesInputsOfDifferentLengthsAndNoInputs()
    {
        using var net = CausalNet.Build(CausalNetConfig.L5pc(6, [3], 4), seed: 1);
        var options = new InferenceBenchmarkOptions { Threads = 1 };
        Assert.Throws<ArgumentException>(() =>
            InferenceBenchmark.Run(net, [Input(20), Input(21)], options)
        );
        Assert.Throws<ArgumentException>(() => InferenceBenchmark.Run(net, [], options));
    }
}
