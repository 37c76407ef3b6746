namespace Kit.Neuron.Data;

/// <summary>
/// The input/output of one simulated neuron at 1 ms resolution: which input channel spiked in which 1 ms bin,
/// the somatic voltage in every bin, and the output spike times. Immutable once built.
/// </summary>
/// <remarks>
/// Input spikes are sparse: entry i says channel <c>SpikeChannels[i]</c> spiked in bin <c>SpikeTimesMs[i]</c>.
/// Entries are sorted by time, then channel, and never repeat. Channel order is the dataset's (for the I&amp;F
/// neuron: 0..79 excitatory, 80..99 inhibitory; for the L5PC: NeuronIO's, docs/dataset-format.md).
/// </remarks>
public sealed class SimulationRecord
{
    /// <summary>Builds a record after checking lengths and ranges; throws <see cref="ArgumentException"/> naming the field.</summary>
    public SimulationRecord(
        int channels,
        int durationMs,
        int[] spikeChannels,
        int[] spikeTimesMs,
        float[] somaVoltageMv,
        double[] outputSpikeTimesMs,
        float[]? nexusVoltageMv = null
    )
    {
        if (spikeChannels.Length != spikeTimesMs.Length)
            throw new ArgumentException(
                $"spike channels ({spikeChannels.Length}) and spike times ({spikeTimesMs.Length}) differ in length"
            );
        if (somaVoltageMv.Length != durationMs)
            throw new ArgumentException(
                $"soma voltage has {somaVoltageMv.Length} bins, expected {durationMs} (1 ms bins)"
            );
        if (nexusVoltageMv != null && nexusVoltageMv.Length != durationMs)
            throw new ArgumentException(
                $"nexus voltage has {nexusVoltageMv.Length} bins, expected {durationMs} (1 ms bins)"
            );
        for (int i = 0; i < spikeChannels.Length; i++)
        {
            if ((uint)spikeChannels[i] >= (uint)channels)
                throw new ArgumentException(
                    $"input spike {i}: channel {spikeChannels[i]} outside 0..{channels - 1}"
                );
            if ((uint)spikeTimesMs[i] >= (uint)durationMs)
                throw new ArgumentException(
                    $"input spike {i}: time {spikeTimesMs[i]} ms outside 0..{durationMs - 1}"
                );
        }
        Channels = channels;
        DurationMs = durationMs;
        SpikeChannels = spikeChannels;
        SpikeTimesMs = spikeTimesMs;
        SomaVoltageMv = somaVoltageMv;
        OutputSpikeTimesMs = outputSpikeTimesMs;
        NexusVoltageMv = nexusVoltageMv;
    }

    /// <summary>Number of input channels.</summary>
    public int Channels { get; }

    /// <summary>Length in 1 ms bins.</summary>
    public int DurationMs { get; }

    /// <summary>Channel of each input spike (sorted by time, then channel).</summary>
    public IReadOnlyList<int> SpikeChannels { get; }

    /// <summary>1 ms bin of each input spike.</summary>
    public IReadOnlyList<int> SpikeTimesMs { get; }

    /// <summary>Somatic voltage (mV) per 1 ms bin, as simulated (not clipped).</summary>
    public IReadOnlyList<float> SomaVoltageMv { get; }

    /// <summary>Output spike times (ms), ascending.</summary>
    public IReadOnlyList<double> OutputSpikeTimesMs { get; }

    /// <summary>Nexus voltage (mV) per 1 ms bin, when recorded.</summary>
    public IReadOnlyList<float>? NexusVoltageMv { get; }

    /// <summary>Output spikes as a 0/1 train of <see cref="DurationMs"/> bins (spike at t ms sets bin floor(t)).</summary>
    public float[] OutputSpikeTrain()
    {
        var y = new float[DurationMs];
        foreach (var t in OutputSpikeTimesMs)
        {
            var bin = (int)Math.Floor(t);
            if (bin >= 0 && bin < DurationMs)
                y[bin] = 1f;
        }
        return y;
    }

    /// <summary>Writes the binary input of bins [startMs, startMs + lengthMs) into <paramref name="dest"/>, laid out [channel, time] (row-major, <c>Channels x lengthMs</c>).</summary>
    public void FillInput(Span<float> dest, int startMs, int lengthMs)
    {
        if (dest.Length < Channels * lengthMs)
            throw new ArgumentException(
                $"destination holds {dest.Length} values, needs {Channels * lengthMs}"
            );
        dest[..(Channels * lengthMs)].Clear();
        // Spikes are sorted by time: binary-search the window start.
        int lo = LowerBound(startMs);
        for (int i = lo; i < SpikeTimesMs.Count && SpikeTimesMs[i] < startMs + lengthMs; i++)
            dest[SpikeChannels[i] * lengthMs + (SpikeTimesMs[i] - startMs)] = 1f;
    }

    private int LowerBound(int timeMs)
    {
        int lo = 0,
            hi = SpikeTimesMs.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (SpikeTimesMs[mid] < timeMs)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
