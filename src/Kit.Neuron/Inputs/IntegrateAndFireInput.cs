namespace Kit.Neuron.Inputs;

/// <summary>
/// One drawn input: the binary channel × 1 ms matrix as a sparse spike list sorted by time, then channel, plus the
/// drawn protocol parameters.
/// </summary>
/// <param name="Channels">Input channels (rows of the binary matrix).</param>
/// <param name="DurationMs">Bins (columns of the binary matrix), 1 ms each.</param>
/// <param name="SpikeChannels">Channel of each spike; same length as <paramref name="SpikeTimesMs"/>.</param>
/// <param name="SpikeTimesMs">1 ms bin of each spike (ascending; ties by ascending channel).</param>
/// <param name="RateIntervalMs">Drawn K (ms): the coarse rate is held constant for K bins.</param>
/// <param name="SmoothingSigmaMs">Drawn σ (ms) of the Gaussian rate smoothing.</param>
/// <param name="RateSamples">ceil(DurationMs / K), the number of coarse rate samples.</param>
public sealed record IntegrateAndFireInput(
    int Channels,
    int DurationMs,
    int[] SpikeChannels,
    int[] SpikeTimesMs,
    int RateIntervalMs,
    int SmoothingSigmaMs,
    int RateSamples
)
{
    /// <summary>The dense binary matrix, row-major <c>Channels × DurationMs</c> (true = spike).</summary>
    public bool[] ToDense()
    {
        var x = new bool[Channels * DurationMs];
        for (int i = 0; i < SpikeChannels.Length; i++)
            x[SpikeChannels[i] * DurationMs + SpikeTimesMs[i]] = true;
        return x;
    }
}
