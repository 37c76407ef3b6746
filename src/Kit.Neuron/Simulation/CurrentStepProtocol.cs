namespace Kit.Neuron.Simulation;

/// <summary>
/// A somatic current step (IClamp at the soma's centre): <paramref name="AmpNa"/> from
/// <paramref name="DelayMs"/> for <paramref name="DurationMs"/>, simulated 0..<paramref name="StopMs"/>.
/// <see cref="Hay2011"/> is the step of the kit's NEURON reference runs (docs/l5pc/passive-and-regions.md names
/// the model; the reference files are in reference/neuron/protocols/ of the shared reference folder).
/// </summary>
/// <param name="AmpNa">Injected current (nA).</param>
/// <param name="DelayMs">Step onset (ms).</param>
/// <param name="DurationMs">Step length (ms).</param>
/// <param name="StopMs">End of the simulation (ms).</param>
public sealed record CurrentStepProtocol(
    double AmpNa = 1.0,
    double DelayMs = 200,
    double DurationMs = 500,
    double StopMs = 1000
)
{
    /// <summary>1 nA from 200 to 700 ms, 1000 ms simulated: the NEURON reference run of the kit's tests.</summary>
    public static CurrentStepProtocol Hay2011 { get; } = new();

    /// <summary>Throws naming the field when the step is not a valid protocol.</summary>
    public void Validate()
    {
        if (!double.IsFinite(AmpNa))
            throw new ArgumentException($"AmpNa must be finite, got {AmpNa}");
        if (DelayMs < 0 || DurationMs <= 0)
            throw new ArgumentException(
                $"the step needs DelayMs >= 0 and DurationMs > 0, got {DelayMs} and {DurationMs}"
            );
        if (StopMs <= 0)
            throw new ArgumentException($"StopMs must be positive, got {StopMs}");
    }
}
