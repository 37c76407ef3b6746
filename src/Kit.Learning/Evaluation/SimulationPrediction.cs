using Kit.Neuron.Data;

namespace Kit.Learning.Evaluation;

/// <summary>A simulation and the network's full-length prediction of it (for plotting traces).</summary>
/// <param name="Index">Position of the simulation in its source (0-based, over all blocks).</param>
/// <param name="Record">The simulation.</param>
/// <param name="Prediction">The prediction of every bin, the dropped start included.</param>
public sealed record SimulationPrediction(
    int Index,
    SimulationRecord Record,
    Prediction Prediction
);
