using Kit.Learning.Metrics;

namespace Kit.Figures.Fig1;

/// <summary>The learned filter of the Figure 1 network's single hidden unit, sign-fixed, with its τ fit.</summary>
/// <param name="Weights">Filter laid out [channel, lag] (lag 0 = the current bin), excitatory weights positive.</param>
/// <param name="LagsMs">Lag of each column (ms): 0, 1, ..., K-1.</param>
/// <param name="Excitatory">Mean over excitatory channels per lag.</param>
/// <param name="Inhibitory">Mean over inhibitory channels per lag.</param>
/// <param name="Fit">Exponential A exp(-lag/τ) fitted to the excitatory cross-section.</param>
/// <param name="Flipped">True when the unit's sign was flipped to make excitation positive.</param>
public sealed record Fig1Filter(
    double[,] Weights,
    double[] LagsMs,
    double[] Excitatory,
    double[] Inhibitory,
    ExponentialFit Fit,
    bool Flipped
);
