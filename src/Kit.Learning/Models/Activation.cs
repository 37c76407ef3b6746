namespace Kit.Learning.Models;

/// <summary>Nonlinearity after each hidden causal convolution.</summary>
public enum Activation
{
    /// <summary>
    /// max(0, x): the L5PC networks (docs/training-and-evaluation.md, "Figures 2-4: the L5PC networks").
    /// </summary>
    ReLU,

    /// <summary>Identity: the single linear unit of figure 1.</summary>
    Linear,
}
