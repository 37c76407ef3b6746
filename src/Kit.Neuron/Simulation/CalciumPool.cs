using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>CaDynamics_E2 with one parameter set on a set of membrane nodes (each node its own cai and eca).</summary>
/// <param name="Label">Name for messages, e.g. <c>CaDynamics_E2/apical</c>.</param>
/// <param name="Parameters">Pool parameters.</param>
/// <param name="Nodes">Nodes that carry the pool.</param>
public sealed record CalciumPool(
    string Label,
    CaDynamicsE2.Parameters Parameters,
    ImmutableArray<int> Nodes
);
