using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// One density mechanism inserted on a set of membrane nodes with one kinetics and one reversal potential.
/// </summary>
/// <param name="Label">Name for messages, e.g. <c>NaTs2_t/soma</c>.</param>
/// <param name="Channel">Kinetics (the engine calls <see cref="ChannelKernels"/> with it).</param>
/// <param name="Nodes">Node of each instance (length = instances).</param>
/// <param name="GbarSPerCm2">Maximal conductance of each instance (S/cm², length = instances).</param>
/// <param name="ReversalMv">Fixed reversal potential (mV), or null to use the node's dynamic Nernst eca.</param>
public sealed record ChannelGroup(
    string Label,
    ChannelDefinition Channel,
    ImmutableArray<int> Nodes,
    ImmutableArray<double> GbarSPerCm2,
    double? ReversalMv
);
