using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;

namespace Kit.Neuron.Data;

/// <summary>
/// What an I&amp;F dataset is generated from: the input protocol and the neuron (docs/integrate-and-fire.md).
/// </summary>
/// <param name="Input">Input protocol (channels, duration, rate statistics).</param>
/// <param name="Cell">Neuron parameters.</param>
public sealed record IntegrateAndFireDatasetConfig(
    IntegrateAndFireInputConfig Input,
    IntegrateAndFireConfig Cell
)
{
    /// <summary>The paper's protocol and neuron: 80 + 20 synapses, 6000 ms, τ 20 ms, −75/−55 mV, factor 2 mV.</summary>
    public static IntegrateAndFireDatasetConfig Paper { get; } =
        new(IntegrateAndFireInputConfig.Paper, IntegrateAndFireConfig.Paper);
}
