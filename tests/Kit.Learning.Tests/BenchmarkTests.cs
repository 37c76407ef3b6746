using System.Diagnostics;
using Kit.Core;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Xunit.Abstractions;

namespace Kit.Learning.Tests;

/// <summary>
/// Training speed of the figure-1 FCN (batch 16 x 100 channels x 500 ms). Runs only when NEURONKIT_BENCH=1, alone,
/// so that <see cref="TorchSetup.Configure"/> runs before libtorch loads:
/// <c>NEURONKIT_BENCH=1 NEURONKIT_THREADS=2 dotnet test tests/Kit.Learning.Tests --filter FullyQualifiedName~Benchmark --logger "console;verbosity=detailed"</c>.
/// </summary>
public class BenchmarkTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Fig1FcnStepsPerSecond()
    {
        Skip.IfNot(
            Environment.GetEnvironmentVariable("NEURONKIT_BENCH") == "1",
            "set NEURONKIT_BENCH=1 to run"
        );
        TorchSetup.Configure(0);
        var train = Enumerable
            .Range(0, 160)
            .Select(i => Synthetic.LinearNeuron(i, 100, 6000, rateHz: 5))
            .ToList();
        var valid = train.Take(2).ToList();
        using var net = CausalNet.Build(CausalNetConfig.Fig1Fcn(), seed: 1);
        var config = TrainerConfig.Fig1(rounds: 1) with { Threads = TorchSetup.Threads ?? 1 };
        Trainer.Fit(net, train, valid, config, Progress.None); // warm-up: one round of 10 steps
        var clock = Stopwatch.StartNew();
        var fit = Trainer.Fit(
            net,
            train,
            valid,
            TrainerConfig.Fig1(rounds: 6) with
            {
                Threads = config.Threads,
            },
            Progress.None
        );
        double seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine(
            $"Fig1 FCN, batch 16 x 500 ms, threads {TorchSetup.Threads}: {fit.Steps} steps in {seconds:0.00} s = {fit.Steps / seconds:0.0} steps/s (10 steps per round + validation on 2 simulations per round)"
        );
        Assert.Equal(60, fit.Steps);
    }
}
