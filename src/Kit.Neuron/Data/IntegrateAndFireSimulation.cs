using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;

namespace Kit.Neuron.Data;

/// <summary>One I&amp;F simulation in full detail: the drawn input (with K and σ) and the neuron's response.</summary>
/// <param name="Input">The drawn input and its protocol parameters.</param>
/// <param name="Output">Unclipped float64 voltage (mV) and output spike bins.</param>
public sealed record IntegrateAndFireSimulation(
    IntegrateAndFireInput Input,
    IntegrateAndFireResult Output
)
{
    /// <summary>As a dataset record: input spikes, voltage cast to float32 (not clipped), spike bins as times in ms.</summary>
    public SimulationRecord ToRecord()
    {
        var v = new float[Output.VoltageMv.Length];
        for (int t = 0; t < v.Length; t++)
            v[t] = (float)Output.VoltageMv[t];
        var spikes = new double[Output.OutputSpikeBins.Length];
        for (int i = 0; i < spikes.Length; i++)
            spikes[i] = Output.OutputSpikeBins[i];
        return new SimulationRecord(
            Input.Channels,
            Input.DurationMs,
            Input.SpikeChannels,
            Input.SpikeTimesMs,
            v,
            spikes
        );
    }
}
