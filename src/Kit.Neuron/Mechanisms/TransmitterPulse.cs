namespace Kit.Neuron.Mechanisms;

/// <summary>
/// The transmitter seen by a ligand-gated <see cref="KineticScheme"/>: a square pulse of
/// <paramref name="ConcentrationMm"/> for <paramref name="DurationMs"/> from each activation (overlapping pulses do
/// not add; the concentration is the pulse's while any pulse is on).
/// </summary>
/// <param name="ConcentrationMm">Transmitter during a pulse (mM).</param>
/// <param name="DurationMs">Pulse duration (ms), from the activation time.</param>
public sealed record TransmitterPulse(double ConcentrationMm, double DurationMs)
{
    /// <summary>
    /// Transmitter (mM) at <paramref name="timeMs"/> for the sorted activations <paramref name="onsetsMs"/>, looking
    /// from index <paramref name="first"/> on (earlier ones are over). Pulse edges get 1e-9 ms of slack, so a time
    /// on the step grid that equals an onset (or its end) up to rounding counts as on (or off).
    /// </summary>
    public double ConcentrationAt(ReadOnlySpan<double> onsetsMs, int first, double timeMs)
    {
        for (int i = first; i < onsetsMs.Length && onsetsMs[i] <= timeMs + 1e-9; i++)
            if (timeMs >= onsetsMs[i] - 1e-9 && timeMs < onsetsMs[i] + DurationMs - 1e-9)
                return ConcentrationMm;
        return 0;
    }
}
