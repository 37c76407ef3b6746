namespace Kit.Neuron.Inputs;

/// <summary>
/// The L5PC dataset's random input protocol (docs/l5pc/inputs-and-outputs.md, "Constants";
/// <c>generate_input_spike_trains_for_simulation</c> of the paper's <c>simulate_L5PC_and_create_dataset.py</c>).
/// Presets <see cref="Nmda"/>, <see cref="Ampa"/> and <see cref="AmpaAttenuatedSk"/> hold the script's three
/// configurations; vary them with <c>with</c>.
/// </summary>
/// <param name="Name">Short name of the configuration (e.g. "NMDA").</param>
/// <param name="BasalExcitatorySpikesPer100Ms">Range [low, high) of the basal tree's total excitatory spike count per 100 ms (spikes / 100 ms).</param>
/// <param name="BasalInhibitoryMinusExcitatoryPer100Ms">Range of (inhibitory − excitatory) basal counts per 100 ms (spikes / 100 ms); the low end is clipped at an inhibitory count of 0.</param>
/// <param name="ApicalExcitatorySpikesPer100Ms">Range of the apical tree's total excitatory spike count per 100 ms (spikes / 100 ms).</param>
/// <param name="ApicalInhibitoryMinusExcitatoryPer100Ms">Range of (inhibitory − excitatory) apical counts per 100 ms (spikes / 100 ms).</param>
/// <param name="ExcitationHasNmda">True: excitatory synapses are AMPA+NMDA (ProbAMPANMDA2); false: AMPA only. Read by the simulator, not by the generator.</param>
/// <param name="SkE2ConductanceFactor">Multiplier of gSK_E2bar in soma, axon and apical sections that the configuration is paired with (dimensionless). Read by the simulator, not by the generator.</param>
public sealed record L5pcInputConfig(
    string Name,
    SpikeCountRange BasalExcitatorySpikesPer100Ms,
    SpikeCountRange BasalInhibitoryMinusExcitatoryPer100Ms,
    SpikeCountRange ApicalExcitatorySpikesPer100Ms,
    SpikeCountRange ApicalInhibitoryMinusExcitatoryPer100Ms,
    bool ExcitationHasNmda,
    double SkE2ConductanceFactor = 1.0
)
{
    /// <summary>The main dataset: AMPA+NMDA excitation, exc [0, 800] and inh − exc [−600, 200] spikes / 100 ms in both trees.</summary>
    public static L5pcInputConfig Nmda { get; } =
        new("NMDA", new(0, 800), new(-600, 200), new(0, 800), new(-600, 200), true);

    /// <summary>AMPA-only excitation: basal exc [0, 1900], inh − exc [−1650, 150]; apical exc [0, 2000], inh − exc [−1650, 150].</summary>
    public static L5pcInputConfig Ampa { get; } =
        new("AMPA", new(0, 1900), new(-1650, 150), new(0, 2000), new(-1650, 150), false);

    /// <summary>AMPA-only excitation with SK_E2 conductance × 0.1: basal exc [0, 1900], inh − exc [−1500, 300]; apical exc [0, 2000], inh − exc [−1500, 300].</summary>
    public static L5pcInputConfig AmpaAttenuatedSk { get; } =
        new(
            "AMPA_attenuatedSK",
            new(0, 1900),
            new(-1500, 300),
            new(0, 2000),
            new(-1500, 300),
            false,
            0.1
        );

    /// <summary>Simulation length T in 1 ms bins (ms).</summary>
    public int DurationMs { get; init; } = 6000;

    /// <summary>Options (ms) for K, how long each coarse rate sample is held.</summary>
    public IReadOnlyList<int> RateIntervalOptionsMs { get; init; } =
    [25, 30, 35, 40, 45, 55, 60, 65, 70, 75, 80, 85, 90, 100, 150, 200, 300, 450];

    /// <summary>Options (ms) for σ, the standard deviation of the Gaussian rate smoothing.</summary>
    public IReadOnlyList<int> SmoothingSigmaOptionsMs { get; init; } =
    [25, 30, 35, 40, 50, 60, 80, 100, 150, 200, 300, 400, 500, 600];

    /// <summary>K jitter J (ms): K = option + trunc(2·J·U − J).</summary>
    public int RateIntervalJitterMs { get; init; } = 20;

    /// <summary>σ jitter J (ms): σ = option + trunc(2·J·U − J).</summary>
    public int SmoothingSigmaJitterMs { get; init; } = 20;

    /// <summary>Segment-length regulariser (µm) added to every segment length: λ = ℓ + this.</summary>
    public double MinSegmentLengthUm { get; init; } = 10.0;

    /// <summary>
    /// Optional per-segment input weight (dimensionless, ≥ 0; dataset segment order), applied to both the
    /// excitatory and the inhibitory rate of a segment after length weighting (docs/l5pc/inputs-and-outputs.md,
    /// "Algorithm"). Null (default) = all 1, the paper's protocol. A weight of 0 silences a segment; the rest of the
    /// tree keeps its rate (mass is removed, not redistributed), and all random draws are made as without a mask, so
    /// the unmasked segments get exactly the spikes they would get without it. Use <see cref="RestrictedTo"/> for a
    /// boolean subtree mask.
    /// Not part of the paper: it serves the out-of-distribution experiments (inputs restricted to a subtree or
    /// reweighted).
    /// </summary>
    public IReadOnlyList<double>? InputMask { get; init; }

    /// <summary>This configuration with <see cref="InputMask"/> = 1 where <paramref name="keep"/> is true, 0 elsewhere.</summary>
    public L5pcInputConfig RestrictedTo(IReadOnlyList<bool> keep) =>
        this with
        {
            InputMask = [.. keep.Select(k => k ? 1.0 : 0.0)],
        };
}
