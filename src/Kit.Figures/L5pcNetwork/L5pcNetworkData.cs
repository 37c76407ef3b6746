using Kit.Core;
using Kit.Neuron.Data.Sources;
using Kit.Neuron.Morphology;

namespace Kit.Figures.L5pcNetwork;

/// <summary>The training, validation and test simulations of an L5PC network figure, read a block at a time.</summary>
/// <param name="Train">Training simulations.</param>
/// <param name="Valid">Validation simulations (best-by-validation weights).</param>
/// <param name="Test">Test simulations (never seen in training).</param>
/// <param name="Origin">One line for the notebook and metrics: where the data come from.</param>
/// <param name="Morphology">The simulated cell (null for NeuronIO files).</param>
/// <param name="SimulateSeconds">Wall time spent simulating in this call (0 when everything came from the cache).</param>
public sealed record L5pcNetworkData(
    ISimulationSource Train,
    ISimulationSource Valid,
    ISimulationSource Test,
    string Origin,
    NotebookMorphology? Morphology,
    double SimulateSeconds
)
{
    /// <summary>True when nothing had to be simulated.</summary>
    public bool FromCache => SimulateSeconds == 0;
}

/// <summary>
/// The data a run needs are not where the config says (the reconstruction for a course or paper run, the NeuronIO
/// folder for the paper profile). The message says what is missing, where to put it and where it is published;
/// a notebook shows it and stops.
/// </summary>
public sealed class L5pcDataNotFoundException(string message) : NotebookStopException(message);
