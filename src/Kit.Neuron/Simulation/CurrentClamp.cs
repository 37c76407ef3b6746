namespace Kit.Neuron.Simulation;

/// <summary>
/// NEURON's <c>IClamp</c>: a rectangular injected current <paramref name="AmpNa"/> (nA, positive depolarises) on
/// for <c>delay ≤ t &lt; delay + dur</c>.
/// </summary>
/// <param name="Node">Node receiving the current (see <see cref="CompartmentTree.NodeAt(string, double)"/>).</param>
/// <param name="AmpNa">Injected current (nA), positive = depolarising.</param>
/// <param name="DelayMs">Onset (ms).</param>
/// <param name="DurationMs">Duration (ms).</param>
public sealed record CurrentClamp(int Node, double AmpNa, double DelayMs, double DurationMs)
    : IStimulus
{
    /// <inheritdoc/>
    public double CurrentNa(double tMs) =>
        tMs >= DelayMs && tMs < DelayMs + DurationMs ? -AmpNa : 0;
}
