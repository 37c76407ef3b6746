using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// NEURON AlphaSynapse point processes driven by activation times (<see cref="Simulation.SetAlphaOnsets"/>): instance
/// k sits on node <c>Nodes[k]</c> with peak conductance <c>GMaxUs[k]</c>; each activation adds its own alpha function
/// <c>gmax·x·exp(1 − x)</c>, x = (t − onset)/τ, 0 ≤ x ≤ 10, evaluated at t + dt/2 in the current phase.
/// </summary>
/// <param name="Name">Group name, e.g. <c>ampa</c>.</param>
/// <param name="Mechanism">Time constant and reversal (its own <see cref="AlphaSynapse.GMaxUs"/> is not used).</param>
/// <param name="Nodes">Node of each instance (any node, zero-area end nodes included, as NEURON places x = 0 and 1).</param>
/// <param name="GMaxUs">Peak conductance of each instance (µS).</param>
public sealed record AlphaSynapseGroup(
    string Name,
    AlphaSynapse Mechanism,
    ImmutableArray<int> Nodes,
    ImmutableArray<double> GMaxUs
)
{
    /// <summary>Number of synapses.</summary>
    public int Count => Nodes.Length;
}
