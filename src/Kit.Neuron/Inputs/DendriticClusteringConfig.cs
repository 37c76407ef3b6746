using Kit.Neuron.Cells;

namespace Kit.Neuron.Inputs;

/// <summary>
/// How <see cref="DendriticClustering"/> groups the dendritic segments (docs/l5pc/inputs-and-outputs.md,
/// "Clustering"): one kit simulation of the Hay L5PC under the ordinary random input, the voltages of all dendritic
/// segments at 1 ms, their correlation matrix, K-means on its rows.
/// </summary>
/// <param name="Synapses">Excitatory synapse of the simulated cell (the paper's figure-6 network is the NMDA one).</param>
/// <param name="Clusters">Number of clusters K (the paper's 64).</param>
/// <param name="SimulationDurationMs">Length of the simulation (ms). The paper does not say how long its was; a few
/// seconds of the ordinary input already give stable correlations between neighbouring segments.</param>
/// <param name="DiscardMs">Initial transient left out of the correlation (ms; the cell starts at −76 mV).</param>
/// <param name="Seed">Seed of the simulation's input (stream [seed, 0]) and of the K-means++ draws.</param>
/// <param name="Restarts">K-means++ starts; the lowest inertia wins.</param>
public sealed record DendriticClusteringConfig(
    ExcitatorySynapseKind Synapses = ExcitatorySynapseKind.AmpaNmda,
    int Clusters = 64,
    int SimulationDurationMs = 4000,
    int DiscardMs = 500,
    long Seed = 0,
    int Restarts = 10
)
{
    /// <summary>Lloyd iterations per K-means start at most.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        if (Clusters < 1)
            throw new ArgumentException($"Clusters {Clusters} must be ≥ 1", nameof(Clusters));
        if (DiscardMs < 0)
            throw new ArgumentException($"DiscardMs {DiscardMs} must be ≥ 0", nameof(DiscardMs));
        if (SimulationDurationMs < DiscardMs + 2)
            throw new ArgumentException(
                $"SimulationDurationMs {SimulationDurationMs} must exceed DiscardMs {DiscardMs} by at least 2 ms",
                nameof(SimulationDurationMs)
            );
        if (Seed < 0 || Seed > uint.MaxValue)
            throw new ArgumentException($"Seed {Seed} must be in 0 … 2^32 − 1", nameof(Seed));
        if (Restarts < 1)
            throw new ArgumentException($"Restarts {Restarts} must be ≥ 1", nameof(Restarts));
        if (MaxIterations < 1)
            throw new ArgumentException(
                $"MaxIterations {MaxIterations} must be ≥ 1",
                nameof(MaxIterations)
            );
    }
}
