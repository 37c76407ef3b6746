using Kit.Core;
using Kit.Neuron.Data;

namespace Kit.Neuron.Tests;

public class IntegrateAndFireDatasetTests
{
    [Fact]
    public void SameSeedGivesTheSameDatasetOnOneOrFourThreads()
    {
        var cfg = IntegrateAndFireDatasetConfig.Paper;
        var one = IntegrateAndFireDataset.Generate(cfg, 8, 99, Progress.None, maxThreads: 1);
        var four = IntegrateAndFireDataset.Generate(cfg, 8, 99, Progress.None, maxThreads: 4);
        DatasetAssert.Equal(one, four);
        var other = IntegrateAndFireDataset.Generate(cfg, 8, 100, Progress.None, maxThreads: 4);
        Assert.NotEqual(one.Simulations[0].SpikeTimesMs, other.Simulations[0].SpikeTimesMs);
    }

    [Fact]
    public void SimulationIDependsOnlyOnSeedAndI()
    {
        var cfg = IntegrateAndFireDatasetConfig.Paper;
        var small = IntegrateAndFireDataset.Generate(cfg, 2, 3, Progress.None);
        var large = IntegrateAndFireDataset.Generate(cfg, 5, 3, Progress.None);
        DatasetAssert.Equal(small, large.Slice(0, 2));
    }

    [Fact]
    public void RecordsStoreTheFloat32CastOfTheUnclippedVoltage()
    {
        var cfg = IntegrateAndFireDatasetConfig.Paper;
        var data = IntegrateAndFireDataset.Generate(cfg, 1, 7, Progress.None);
        var full = IntegrateAndFireDataset.Simulate(
            new Inputs.IntegrateAndFireInputGenerator(cfg.Input),
            new Cells.IntegrateAndFireNeuron(cfg.Cell),
            IntegrateAndFireDataset.SimulationStream(7, 0)
        );
        var rec = data.Simulations[0];
        Assert.Equal(full.Output.VoltageMv.Select(v => (float)v), rec.SomaVoltageMv);
        Assert.Equal(full.Output.OutputSpikeBins.Select(b => (double)b), rec.OutputSpikeTimesMs);
        Assert.Equal(IntegrateAndFireDataset.GeneratorName, data.Metadata.Generator);
        Assert.Equal(80, data.Metadata.ExcitatoryChannels);
        Assert.Contains("\"MembraneTimeConstantMs\":20", data.Metadata.ConfigJson);
    }

    [Fact]
    public void CancellationStopsGeneration()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            IntegrateAndFireDataset.Generate(
                IntegrateAndFireDatasetConfig.Paper,
                4,
                1,
                Progress.None,
                cts.Token
            )
        );
    }

    [Fact]
    public void SeedOutsideOneWordIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            IntegrateAndFireDataset.Generate(
                IntegrateAndFireDatasetConfig.Paper,
                1,
                -1,
                Progress.None
            )
        );
    }
}
