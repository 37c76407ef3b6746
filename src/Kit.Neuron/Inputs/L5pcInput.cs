namespace Kit.Neuron.Inputs;

/// <summary>
/// One drawn L5PC input: sparse excitatory and inhibitory spikes on the dataset's channels (docs/dataset-format.md:
/// channel k &lt; <see cref="Segments"/> is the excitatory synapse of segment k, <see cref="Segments"/> + k its
/// inhibitory synapse), sorted by time then channel, plus the drawn parameters.
/// </summary>
/// <param name="Segments">Number of dendritic segments N (639 for the Hay cell); channels are 0..2N−1.</param>
/// <param name="DurationMs">Length in 1 ms bins.</param>
/// <param name="SpikeChannels">Channel of each input spike; same length as <paramref name="SpikeTimesMs"/>.</param>
/// <param name="SpikeTimesMs">Event time (ms, integer = the 1 ms bin) of each input spike; ascending, ties by channel.</param>
/// <param name="Parameters">The drawn K, σ and coarse rates.</param>
public sealed record L5pcInput(
    int Segments,
    int DurationMs,
    int[] SpikeChannels,
    int[] SpikeTimesMs,
    L5pcInputParameters Parameters
)
{
    /// <summary>Number of input channels, 2·<see cref="Segments"/>.</summary>
    public int Channels => 2 * Segments;

    /// <summary>Number of excitatory input spikes.</summary>
    public int ExcitatorySpikeCount => SpikeChannels.Count(c => c < Segments);

    /// <summary>Number of inhibitory input spikes.</summary>
    public int InhibitorySpikeCount => SpikeChannels.Length - ExcitatorySpikeCount;

    /// <summary>
    /// The script's per-simulation map {segment: [times (ms), ascending]} for the excitatory
    /// (<paramref name="inhibitory"/> false) or inhibitory synapses; segments without spikes are absent.
    /// </summary>
    public IReadOnlyDictionary<int, int[]> InputSpikesPerSegment(bool inhibitory)
    {
        var lists = new Dictionary<int, List<int>>();
        int offset = inhibitory ? Segments : 0;
        for (int i = 0; i < SpikeChannels.Length; i++)
        {
            int seg = SpikeChannels[i] - offset;
            if ((uint)seg >= (uint)Segments)
                continue;
            if (!lists.TryGetValue(seg, out var l))
                lists[seg] = l = [];
            l.Add(SpikeTimesMs[i]);
        }
        return lists.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
    }

    /// <summary>The dense binary matrix, row-major <see cref="Channels"/> × <see cref="DurationMs"/> (true = spike).</summary>
    public bool[] ToDense()
    {
        var x = new bool[Channels * DurationMs];
        for (int i = 0; i < SpikeChannels.Length; i++)
            x[SpikeChannels[i] * DurationMs + SpikeTimesMs[i]] = true;
        return x;
    }
}
