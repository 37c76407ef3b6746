using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// Point-process synapses of one kind: instance k sits on node <c>Nodes[k]</c> with its own maximal conductance
/// (per-synapse parameters, e.g. conductance sweeps). Events address (group, instance).
/// </summary>
/// <param name="Name">Group name, e.g. <c>excitatory</c>.</param>
/// <param name="Mechanism">Kinetics and reversal (its own <see cref="ISynapse.GMaxUs"/> is not used).</param>
/// <param name="Nodes">Node of each instance.</param>
/// <param name="GMaxUs">Maximal conductance of each instance (µS).</param>
public sealed record SynapseGroup(
    string Name,
    ISynapse Mechanism,
    ImmutableArray<int> Nodes,
    ImmutableArray<double> GMaxUs
)
{
    /// <summary>Number of synapses.</summary>
    public int Count => Nodes.Length;
}
