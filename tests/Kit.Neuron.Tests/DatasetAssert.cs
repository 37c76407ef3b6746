using Kit.Neuron.Data;

namespace Kit.Neuron.Tests;

internal static class DatasetAssert
{
    public static void Equal(SpikeDataset expected, SpikeDataset actual)
    {
        Assert.Equal(expected.Simulations.Count, actual.Simulations.Count);
        for (int i = 0; i < expected.Simulations.Count; i++)
        {
            var a = expected.Simulations[i];
            var b = actual.Simulations[i];
            Assert.Equal(a.Channels, b.Channels);
            Assert.Equal(a.DurationMs, b.DurationMs);
            Assert.Equal(a.SpikeChannels, b.SpikeChannels);
            Assert.Equal(a.SpikeTimesMs, b.SpikeTimesMs);
            Assert.Equal(a.SomaVoltageMv, b.SomaVoltageMv);
            Assert.Equal(a.OutputSpikeTimesMs, b.OutputSpikeTimesMs);
            if (a.NexusVoltageMv == null)
                Assert.Null(b.NexusVoltageMv);
            else
                Assert.Equal(a.NexusVoltageMv, b.NexusVoltageMv!);
        }
    }
}
