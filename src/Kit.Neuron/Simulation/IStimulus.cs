namespace Kit.Neuron.Simulation;

/// <summary>
/// An injected current at one node with a prescribed time course (no voltage dependence, so no slope term).
/// NEURON evaluates such currents at the step midpoint t + dt/2; the engine does the same.
/// </summary>
public interface IStimulus
{
    /// <summary>Node receiving the current.</summary>
    int Node { get; }

    /// <summary>Membrane current (nA, outward positive: an injected depolarising current is negative) at <paramref name="tMs"/>.</summary>
    double CurrentNa(double tMs);
}
