using Kit.Core;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

/// <summary>
/// The dendritic head trained on the nexus voltage (<see cref="TrainerConfig.DendriticTarget"/>): the batch's target
/// row, the loss term against its definition, the trainer's refusals, and that training teaches the head the nexus.
/// </summary>
public sealed class DendriticHeadTests
{
    private const int Channels = 10;

    private static readonly TargetTransform Nexus = new(-55, -70);

    /// <summary>
    /// <paramref name="record"/> with a nexus trace of its own: -70 mV plus 2 mV per input spike on channels 0-3 within
    /// the last 20 ms (a causal function of the input unlike the soma's), up to -25 mV (above the clip).
    /// </summary>
    private static SimulationRecord WithNexus(SimulationRecord record)
    {
        var nexus = new float[record.DurationMs];
        for (int i = 0; i < record.SpikeTimesMs.Count; i++)
            if (record.SpikeChannels[i] < 4)
                for (
                    int t = record.SpikeTimesMs[i];
                    t < Math.Min(record.DurationMs, record.SpikeTimesMs[i] + 20);
                    t++
                )
                    nexus[t] += 2;
        for (int t = 0; t < nexus.Length; t++)
            nexus[t] = Math.Min(-70 + nexus[t], -25);
        return new SimulationRecord(
            record.Channels,
            record.DurationMs,
            [.. record.SpikeChannels],
            [.. record.SpikeTimesMs],
            [.. record.SomaVoltageMv],
            [.. record.OutputSpikeTimesMs],
            nexus
        );
    }

    private static List<SimulationRecord> Set(int count, int seed) =>
        [.. Synthetic.Set(count, seed, Channels).Select(WithNexus)];

    private static readonly CausalNetConfig Net = new(
        Channels,
        [20],
        [8],
        false,
        Activation.ReLU,
        0.1,
        0,
        0,
        -2,
        0.5,
        DendriticHeads: 1
    );

    private static TrainerConfig Config(double dendWeight, int rounds = 3) =>
        new(
            new TrainingSchedule([new Phase(rounds, 0.01, 1, 0.02, dendWeight)]),
            new TargetTransform(-60, -70),
            200,
            4,
            WindowSampling.OnePerSimulation,
            Seed: 2,
            Threads: 1
        )
        {
            DendriticTarget = Nexus,
        };

    [Fact]
    public void TheBatchCarriesTheNexusThroughItsTransformAndNamesASimulationWithout()
    {
        var sims = Set(2, 3);
        var clipped = new TargetTransform(-66, -70);
        Assert.Contains(sims[0].NexusVoltageMv!, v => v > -66); // the clip is exercised
        Window[] windows = [new(0, 100), new(1, 250)];
        using var buffer = new WindowBatchBuffer(Channels, 2, 200, dendritic: true);
        using (var batch = buffer.Fill(sims, windows, TargetTransform.L5pc, clipped))
        {
            var got = batch.Dendritic!.data<float>().ToArray();
            Assert.Equal([2L, 200L], batch.Dendritic.shape);
            for (int i = 0; i < windows.Length; i++)
            for (int t = 0; t < 200; t++)
            {
                double v = sims[windows[i].Simulation].NexusVoltageMv![windows[i].StartMs + t];
                Assert.Equal(Math.Min(v, -66) + 70, got[i * 200 + t], 5);
            }
        }
        using (var plain = buffer.Fill(sims, windows, TargetTransform.L5pc))
            Assert.Null(plain.Dendritic);

        var without = new List<SimulationRecord> { sims[0], Synthetic.LinearNeuron(9, Channels) };
        var e = Assert.Throws<InvalidDataException>(() =>
            buffer.Fill(without, windows, TargetTransform.L5pc, Nexus)
        );
        Assert.Contains("simulation 1 has no nexus voltage", e.Message);

        using var noRow = new WindowBatchBuffer(Channels, 2, 200);
        Assert.Throws<ArgumentException>(() =>
            noRow.Fill(sims, windows, TargetTransform.L5pc, Nexus)
        );
    }

    [Fact]
    public void TheLossAddsTheWeightedMseOfTheHeadToTheSpikeAndSomaLoss()
    {
        var sims = Set(3, 4);
        using var net = Synthetic.RandomiseWeights(CausalNet.Build(Net, seed: 1), 7);
        net.eval();
        using var buffer = new WindowBatchBuffer(Channels, 3, 200, dendritic: true);
        using var batch = buffer.Fill(
            sims,
            [new(0, 0), new(1, 200), new(2, 400)],
            TargetTransform.L5pc,
            Nexus
        );
        using var _ = no_grad();
        var (logit, voltage, dendritic) = net.ForwardAll(batch.Input);
        // One pass of the trunk gives what the separate entry points give.
        Assert.True(logit.allclose(net.forward(batch.Input).spikeLogit));
        Assert.True(voltage.allclose(net.forward(batch.Input).voltage));
        Assert.True(dendritic!.allclose(net.ForwardDendritic(batch.Input)));

        var head = dendritic.squeeze(1).data<float>().ToArray();
        var target = batch.Dendritic!.data<float>().ToArray();
        double mse = head.Zip(target, (p, y) => (p - (double)y) * (p - y)).Average();
        Assert.True(mse > 1, $"the untrained head is off by {mse} mV², enough to see");

        var config = Config(0);
        double without = Trainer.Loss(net, batch, config.Schedule.Phases[0], config).item<float>();
        var phase = config.Schedule.Phases[0] with { DendWeight = 0.3 };
        double with = Trainer.Loss(net, batch, phase, config).item<float>();
        Assert.Equal(without + 0.3 * mse, with, 3);
        // A batch without a dendritic target leaves the term out whatever the weight.
        var plain = batch with
        {
            Dendritic = null,
        };
        Assert.Equal(without, Trainer.Loss(net, plain, phase, config).item<float>(), 5);
    }

    [Fact]
    public void TheTrainerRefusesAHeadWithoutATargetATargetWithoutOneHeadAndABadWeight()
    {
        var train = Set(4, 5);
        using (var headOnly = CausalNet.Build(Net, seed: 2))
        {
            var e = FitAssert.RefusedWithModelUntouched(
                headOnly,
                () =>
                    Trainer.Fit(
                        headOnly,
                        train,
                        null,
                        Config(1) with
                        {
                            DendriticTarget = null,
                        },
                        Progress.None
                    )
            );
            Assert.Contains("TrainerConfig.DendriticTarget", e.Message);
        }
        foreach (int heads in new[] { 0, 2 })
        {
            using var net = CausalNet.Build(Net with { DendriticHeads = heads }, seed: 2);
            var e = FitAssert.RefusedWithModelUntouched(
                net,
                () => Trainer.Fit(net, train, null, Config(1), Progress.None)
            );
            Assert.Contains("DendriticHeads = 1", e.Message);
        }
        foreach (double bad in new[] { -1.0, double.NaN })
        {
            using var net = CausalNet.Build(Net, seed: 2);
            var e = FitAssert.RefusedWithModelUntouched(
                net,
                () => Trainer.Fit(net, train, null, Config(bad), Progress.None)
            );
            Assert.Contains("DendWeight", e.Message);
        }
    }

    [Fact]
    public void DataWithoutANexusStopTrainingWithAMessage()
    {
        var train = Synthetic.Set(4, 6, Channels);
        using var net = CausalNet.Build(Net, seed: 2);
        var e = Assert.Throws<InvalidDataException>(() =>
            Trainer.Fit(net, train, null, Config(1), Progress.None)
        );
        Assert.Contains("no nexus voltage", e.Message);
    }

    /// <summary>RMSE (mV) of the head against the clipped nexus over the whole of <paramref name="sim"/>.</summary>
    private static double HeadRmse(CausalNet net, SimulationRecord sim)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        net.eval();
        var x = new float[Channels * sim.DurationMs];
        sim.FillInput(x, 0, sim.DurationMs);
        var head = net.ForwardDendritic(tensor(x, [1, Channels, sim.DurationMs]))
            .data<float>()
            .ToArray();
        double se = 0;
        for (int t = 0; t < sim.DurationMs; t++)
        {
            double e = head[t] - Nexus.Forward(sim.NexusVoltageMv![t]);
            se += e * e;
        }
        return Math.Sqrt(se / sim.DurationMs);
    }

    [Fact]
    public void TrainingTeachesTheHeadTheNexusOfSimulationsItNeverSaw()
    {
        var train = Set(16, 7);
        var heldOut = Set(1, 8)[0];
        // The best constant's error: the held-out target's standard deviation.
        var y = heldOut.NexusVoltageMv!.Select(v => (double)Nexus.Forward(v)).ToArray();
        double mean = y.Average();
        double constant = Math.Sqrt(y.Average(v => (v - mean) * (v - mean)));
        using var net = CausalNet.Build(Net, seed: 3);
        Trainer.Fit(net, train, null, Config(1, rounds: 150), Progress.None);
        double trained = HeadRmse(net, heldOut);
        // Without the term (weight 0) nothing trains the head; the trunk under it still changes.
        using var idle = CausalNet.Build(Net, seed: 3);
        Trainer.Fit(idle, train, null, Config(0, rounds: 150), Progress.None);
        double untrained = HeadRmse(idle, heldOut);
        Assert.True(
            trained < 0.3 * constant && trained < 0.2 * untrained,
            $"head RMSE {trained:F3} mV trained, {untrained:F3} without the term, {constant:F3} for the best constant"
        );
    }
}
