using Kit.Core;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Branco;

/// <summary>
/// The Branco branch in the lane engine (<see cref="BrancoBranch.RunMany"/>: passive membrane, alpha AMPA and
/// kinetic-scheme NMDA synapses) against the scalar reference <see cref="BrancoBranch.Run"/>.
/// </summary>
public sealed class BrancoLaneEngineTests
{
    private const double Tolerance = 1e-9;

    /// <summary>Several activations per synapse at random (off-grid) times, with overlapping pairs and one at t = 0.</summary>
    internal static BrancoBranchInput RandomInput(int seed, double durationMs)
    {
        var rng = new System.Random(seed);
        var times = new List<double>[BrancoBranch.Synapses];
        for (int s = 0; s < times.Length; s++)
        {
            times[s] = [];
            for (int k = rng.Next(3, 9); k > 0; k--)
            {
                double t = Math.Round(rng.NextDouble() * (durationMs - 20), 3);
                times[s].Add(t);
                if (rng.Next(3) == 0)
                    times[s].Add(t + rng.Next(1, 30) * 0.025); // a second pulse inside the first
            }
        }
        times[4].Add(0);
        return new BrancoBranchInput(times);
    }

    private static void AssertClose(BrancoBranchTrace expected, BrancoBranchTrace actual)
    {
        Assert.Equal(expected.SomaVMv.Length, actual.SomaVMv.Length);
        for (int i = 0; i < expected.SomaVMv.Length; i++)
        {
            Assert.True(
                Math.Abs(expected.SomaVMv[i] - actual.SomaVMv[i]) <= Tolerance,
                $"soma sample {i}: {expected.SomaVMv[i]} vs {actual.SomaVMv[i]}"
            );
            Assert.True(
                Math.Abs(expected.DendriteVMv[i] - actual.DendriteVMv[i]) <= Tolerance,
                $"dend sample {i}: {expected.DendriteVMv[i]} vs {actual.DendriteVMv[i]}"
            );
        }
        Assert.Equal(expected.PeakSomaDepolarisationMv, actual.PeakSomaDepolarisationMv, Tolerance);
        Assert.Equal(
            expected.PeakDendriteDepolarisationMv,
            actual.PeakDendriteDepolarisationMv,
            Tolerance
        );
        Assert.Equal(expected.PeakSomaTimeMs, actual.PeakSomaTimeMs);
    }

    [Fact]
    public void LanesEqualTheScalarRunForSequencesASingleSynapseAndRandomTrains()
    {
        var branch = BrancoReference.Branch;
        BrancoBranchInput[] inputs =
        [
            BrancoBranchInput.In(2),
            BrancoBranchInput.Out(2),
            BrancoBranchInput.Single(0),
            BrancoBranchInput.Single(8, 12.3),
            RandomInput(1, 500),
        ];
        Assert.True(inputs[4].ActivationTimesMs.Sum(a => a.Length) > 30);
        var lanes = branch.RunMany(inputs, 500, sampleIntervalMs: 0.5);
        Assert.Equal(inputs.Length, lanes.Count);
        for (int i = 0; i < inputs.Length; i++)
            AssertClose(branch.Run(inputs[i], 500, sampleIntervalMs: 0.5), lanes[i]);
        Assert.True(lanes[0].PeakSomaDepolarisationMv > lanes[1].PeakSomaDepolarisationMv);
        Assert.True(lanes[4].PeakDendriteDepolarisationMv > 10);
    }

    [Fact]
    public void SimdLanesEqualScalarLanesBitForBitWhateverTheBatch()
    {
        var branch = BrancoReference.Branch;
        var inputs = Enumerable.Range(0, 6).Select(i => RandomInput(10 + i, 150)).ToArray();
        var simd = branch.RunMany(inputs, 150);
        var scalar = branch.RunMany(inputs, 150, lanes: 1);
        var shifted = branch.RunMany([.. inputs.Skip(3)], 150, lanes: 4);
        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(scalar[i].SomaVMv.ToArray(), simd[i].SomaVMv.ToArray());
            Assert.Equal(scalar[i].DendriteVMv.ToArray(), simd[i].DendriteVMv.ToArray());
            Assert.Equal(scalar[i].PeakSomaDepolarisationMv, simd[i].PeakSomaDepolarisationMv);
        }
        for (int i = 0; i < 3; i++)
            Assert.Equal(simd[3 + i].SomaVMv.ToArray(), shifted[i].SomaVMv.ToArray());
    }

    [Fact]
    public void TheEngineStartsTheSchemesAtRestAndRefusesBadOnsets()
    {
        var branch = BrancoReference.Branch;
        var sim = new Kit.Neuron.Simulation.Simulation(
            branch.Cell,
            new SimulationOptions { Lanes = 4 }
        );
        var rest = branch.InitialNmdaOccupancy;
        for (int s = 0; s < rest.Length; s++)
            Assert.Equal(rest[s], sim.KineticOccupancy(0, 8, s, 3));
        sim.SetKineticOnsets(2, 0, 1, [1.0, 3.0]);
        sim.SetAlphaOnsets(2, 0, 1, [1.0, 3.0]);
        for (int k = 0; k < 20; k++)
            sim.Step(); // warm up (JIT, tiering)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 20; k < 200; k++)
            sim.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        double sum = 0;
        for (int s = 0; s < rest.Length; s++)
            sum += sim.KineticOccupancy(0, 1, s, 2);
        Assert.Equal(1, sum, 12);
        Assert.True(sim.KineticOccupancy(0, 1, 2, 2) > 10 * rest[2]);
        Assert.Equal(rest[2], sim.KineticOccupancy(0, 1, 2, 1), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.SetKineticOnsets(0, 1, 0, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.SetAlphaOnsets(0, 0, 9, [1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.SetAlphaOnsets(4, 0, 0, [1.0]));
        Assert.Throws<ArgumentException>(() => sim.SetKineticOnsets(0, 0, 0, [double.NaN]));
    }

    [Fact]
    public void TheDatasetFromLanesEqualsScalarRuns()
    {
        var config = new BrancoDatasetConfig(
            BrancoRandomInputConfig.Paper with
            {
                DurationMs = 300,
            }
        );
        var dataset = BrancoDataset.Generate(config, 3, 23, Progress.None);
        var generator = new BrancoRandomInputGenerator(config.Input);
        for (int i = 0; i < 3; i++)
        {
            var input = generator.Generate(23, i).Activations;
            var scalar = BrancoDataset.Record(input, BrancoReference.Branch.Run(input, 300), 300);
            var lanes = dataset.Simulations[i];
            Assert.NotEmpty(lanes.SpikeTimesMs);
            Assert.Equal(scalar.SpikeTimesMs, lanes.SpikeTimesMs);
            Assert.Equal(scalar.SpikeChannels, lanes.SpikeChannels);
            // float32 voltages of traces equal to 1e-9 mV: the same float or its neighbour (8e-6 mV near -75 mV)
            for (int t = 0; t < 300; t++)
                Assert.True(
                    Math.Abs(scalar.SomaVoltageMv[t] - lanes.SomaVoltageMv[t]) <= 8e-6,
                    $"simulation {i}, t = {t} ms: {scalar.SomaVoltageMv[t]} vs {lanes.SomaVoltageMv[t]}"
                );
        }
    }
}
