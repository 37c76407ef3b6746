using Kit.Neuron.Data.Sources;

namespace Kit.Learning.Training;

/// <summary>The base rate of output spikes, where a spike head starts instead of the paper's fixed bias.</summary>
public static class SpikeRate
{
    /// <summary>
    /// log(r / (1 - r)) of the fraction r of 1 ms bins holding an output spike in <paramref name="source"/> (r clamped
    /// to [1e-6, 1 - 1e-6]), read a block at a time.
    /// </summary>
    public static double Logit(ISimulationSource source)
    {
        double spikes = 0,
            bins = 0;
        for (int b = 0; b < source.Blocks.Count; b++)
            source.ForEach(
                b,
                s =>
                {
                    spikes += s.OutputSpikeTimesMs.Count;
                    bins += s.DurationMs;
                }
            );
        double r = Math.Clamp(spikes / bins, 1e-6, 1 - 1e-6);
        return Math.Log(r / (1 - r));
    }
}
