namespace Kit.Neuron.Inputs;

/// <summary>
/// The random input protocol of the paper's I&amp;F replication (docs/integrate-and-fire.md, "Input generation";
/// <c>generate_input_spike_trains_for_simulation</c> of <c>integrate_and_fire_figure_replication.py</c> with the
/// script's arguments). Defaults are the paper's values.
/// </summary>
/// <param name="ExcitatorySynapses">Excitatory input channels (rows 0..ExcitatorySynapses−1).</param>
/// <param name="InhibitorySynapses">Inhibitory input channels (the rows after the excitatory ones).</param>
/// <param name="DurationMs">Simulation length in 1 ms bins.</param>
public sealed record IntegrateAndFireInputConfig(
    int ExcitatorySynapses = 80,
    int InhibitorySynapses = 20,
    int DurationMs = 6000
)
{
    /// <summary>The paper's protocol (all defaults).</summary>
    public static IntegrateAndFireInputConfig Paper { get; } = new();

    /// <summary>Options (ms) for K, how long the coarse instantaneous rate is held constant.</summary>
    public IReadOnlyList<int> RateIntervalOptionsMs { get; init; } =
    [25, 30, 35, 40, 50, 60, 70, 80, 90, 100];

    /// <summary>Options (ms) for σ, the standard deviation of the Gaussian smoothing of the rate.</summary>
    public IReadOnlyList<int> SmoothingSigmaOptionsMs { get; init; } = [40, 60, 80, 100];

    /// <summary>K jitter (ms): K += trunc(2·J·U − J).</summary>
    public int RateIntervalJitterMs { get; init; } = 20;

    /// <summary>σ jitter (ms): σ += trunc(2·J·U − J).</summary>
    public int SmoothingSigmaJitterMs { get; init; } = 20;

    /// <summary>Range [low, high) of the excitatory population's spike count per 100 ms (spikes / 100 ms, whole population).</summary>
    public SpikeCountRange ExcitatorySpikesPer100Ms { get; init; } = new(0, 50);

    /// <summary>Range of (inhibitory − excitatory) population spike counts per 100 ms (spikes / 100 ms).</summary>
    public SpikeCountRange InhibitoryMinusExcitatoryPer100Ms { get; init; } = new(-50, -15);

    /// <summary>Total input channels.</summary>
    public int Channels => ExcitatorySynapses + InhibitorySynapses;
}
