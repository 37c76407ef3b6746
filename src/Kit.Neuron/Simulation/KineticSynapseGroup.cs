using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// Ligand-gated synapses whose receptor is a <see cref="KineticScheme"/> (data: states, transitions, conducting
/// states), driven by activation times (<see cref="Simulation.SetKineticOnsets"/>) that each release a
/// <see cref="TransmitterPulse"/>. Instance k sits on node <c>Nodes[k]</c>; its current is
/// <c>GMaxUs[k] · (conducting fraction) · (v − EMv)</c>. The engine keeps every instance's occupancies per lane,
/// initialised at the scheme's steady state at v_init without transmitter, and advances them after the voltage solve
/// by backward Euler at the new voltage (<see cref="KineticSchemeSolver.Step"/>), with the transmitter of the step's
/// start time.
/// </summary>
/// <param name="Name">Group name, e.g. <c>nmda</c>.</param>
/// <param name="Scheme">The receptor's kinetic scheme.</param>
/// <param name="EMv">Reversal potential (mV).</param>
/// <param name="Transmitter">Transmitter released by one activation.</param>
/// <param name="Nodes">Node of each instance (any node, zero-area end nodes included, as NEURON places x = 0 and 1).</param>
/// <param name="GMaxUs">Maximal conductance of each instance (µS), scaling the conducting fraction.</param>
public sealed record KineticSynapseGroup(
    string Name,
    KineticScheme Scheme,
    double EMv,
    TransmitterPulse Transmitter,
    ImmutableArray<int> Nodes,
    ImmutableArray<double> GMaxUs
)
{
    /// <summary>Number of synapses.</summary>
    public int Count => Nodes.Length;
}
