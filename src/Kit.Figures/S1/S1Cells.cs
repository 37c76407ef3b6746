using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Figures.S1;

/// <summary>The cells of an S1 run, built from one morphology.</summary>
/// <param name="Morphology">The morphology used and what the notebook says about it.</param>
/// <param name="Bare">The cell without synapses (current step, BAC firing).</param>
/// <param name="WithSynapses">The cell with one excitatory and one inhibitory synapse per dendritic segment.</param>
public sealed record S1Cells(NotebookMorphology Morphology, CellModel Bare, CellModel WithSynapses)
{
    /// <summary>True for the Hay 2011 reconstruction (the cell NEURON's reference runs used).</summary>
    public bool IsHay2011 => Morphology.Name.StartsWith("Hay2011", StringComparison.Ordinal);
}
