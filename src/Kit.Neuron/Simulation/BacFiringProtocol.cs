namespace Kit.Neuron.Simulation;

/// <summary>
/// Back-propagation-activated calcium spike firing (Larkum, Zhu &amp; Sakmann 1999; the protocol of Hay et al.
/// 2011, shifted to 200 ms as in the kit's NEURON reference runs): a brief somatic pulse, a distal EPSC-shaped
/// current on the apical trunk, and both together. Paired, the distal calcium spike comes early and large and the
/// soma bursts.
/// </summary>
/// <param name="PulseAmpNa">Somatic pulse amplitude (nA).</param>
/// <param name="PulseStartMs">Somatic pulse onset (ms).</param>
/// <param name="PulseDurationMs">Somatic pulse length (ms).</param>
/// <param name="EpscPeakNa">Peak of the distal EPSC-shaped current (nA).</param>
/// <param name="EpscStartMs">Onset of the distal current (ms).</param>
/// <param name="EpscRiseMs">Rise time constant of the distal current (ms).</param>
/// <param name="EpscDecayMs">Decay time constant of the distal current (ms).</param>
/// <param name="EpscDistanceUm">Where the distal current goes: Hay's site apic[36](0.97) on cell1, else the apical
/// node nearest this distance from the soma centre (µm).</param>
/// <param name="StopMs">End of the simulation (ms).</param>
public sealed record BacFiringProtocol(
    double PulseAmpNa = 1.9,
    double PulseStartMs = 200,
    double PulseDurationMs = 5,
    double EpscPeakNa = 0.5,
    double EpscStartMs = 205,
    double EpscRiseMs = 0.5,
    double EpscDecayMs = 5,
    double EpscDistanceUm = 620,
    double StopMs = 300
)
{
    /// <summary>Hay et al. 2011's parameters (1.9 nA for 5 ms at 200 ms; 0.5 nA EPSC at 205 ms, 620 µm).</summary>
    public static BacFiringProtocol Hay2011 { get; } = new();

    /// <summary>Throws naming the field when the protocol is not valid.</summary>
    public void Validate()
    {
        if (PulseDurationMs <= 0 || EpscRiseMs <= 0 || EpscDecayMs <= EpscRiseMs)
            throw new ArgumentException(
                "BAC protocol needs PulseDurationMs > 0 and 0 < EpscRiseMs < EpscDecayMs, got "
                    + $"{PulseDurationMs}, {EpscRiseMs}, {EpscDecayMs}"
            );
        if (EpscDistanceUm <= 0 || StopMs <= 0)
            throw new ArgumentException(
                $"EpscDistanceUm and StopMs must be positive, got {EpscDistanceUm} and {StopMs}"
            );
    }
}
