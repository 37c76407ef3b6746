using Kit.Neuron.Data;

namespace Kit.Figures.Fig1;

/// <summary>The training and test simulations of a Figure 1 run and where they are cached.</summary>
/// <param name="Train">Training simulations (validation is split off by the trainer).</param>
/// <param name="Test">Test simulations.</param>
/// <param name="Directory">Cache folder holding <c>train.npz</c> and <c>test.npz</c> (docs/dataset-format.md).</param>
/// <param name="FromCache">True when read from the cache rather than simulated.</param>
/// <param name="Seconds">Wall time to simulate or read them.</param>
public sealed record Fig1Datasets(
    SpikeDataset Train,
    SpikeDataset Test,
    string Directory,
    bool FromCache,
    double Seconds
)
{
    /// <summary>Mean input rates (Hz) of the training set: excitatory and inhibitory per synapse, and the output rate.</summary>
    public (double ExcitatoryHz, double InhibitoryHz, double OutputHz) Rates()
    {
        int exc = Train.Metadata.ExcitatoryChannels;
        double e = 0,
            i = 0,
            o = 0,
            seconds = 0;
        foreach (var r in Train.Simulations)
        {
            foreach (var c in r.SpikeChannels)
                if (c < exc)
                    e++;
                else
                    i++;
            o += r.OutputSpikeTimesMs.Count;
            seconds += r.DurationMs / 1000.0;
        }
        int channels = Train.Channels;
        return (e / exc / seconds, i / (channels - exc) / seconds, o / seconds);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var (e, i, o) = Rates();
        return $"{Train.Simulations.Count} training + {Test.Simulations.Count} test simulations "
            + $"({(FromCache ? "from cache" : "simulated")} in {Seconds:0.0} s); input rates "
            + $"{e:0.00} Hz exc, {i:0.00} Hz inh per synapse; output {o:0.00} Hz; {Directory}";
    }
}
