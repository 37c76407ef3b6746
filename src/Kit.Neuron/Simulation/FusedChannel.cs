namespace Kit.Neuron.Simulation;

/// <summary>One channel group as <see cref="LaneKernels.AccumulateChannelBatch"/> reads it.</summary>
/// <param name="State">Gate states, gate-major blocks of [instance × lane].</param>
/// <param name="Block">Instances × lanes.</param>
/// <param name="Powers">Power of each gate in the open probability.</param>
/// <param name="GbarSPerCm2">Maximal conductance per instance (S/cm²).</param>
/// <param name="ReversalMv">Fixed reversal (mV), or NaN for the node's eca.</param>
/// <param name="Calcium">Whether the current is a Ca current (goes to ica and gca).</param>
internal sealed record FusedChannel(
    double[] State,
    int Block,
    int[] Powers,
    double[] GbarSPerCm2,
    double ReversalMv,
    bool Calcium
);
