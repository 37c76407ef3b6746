using Kit.Neuron.Morphology;

namespace Kit.Plots;

/// <summary>The mean first-layer filter of one synapse region and sign (<see cref="RegionFilterPanel.Means"/>).</summary>
/// <param name="Region">The synapse region.</param>
/// <param name="Excitatory">True for the excitatory channels, false for the inhibitory ones.</param>
/// <param name="Channels">Number of channels averaged.</param>
/// <param name="ByLag">Mean weight per lag, index = lag in bins (0 = the current bin).</param>
public sealed record RegionMeanFilter(
    SynapseRegion Region,
    bool Excitatory,
    int Channels,
    double[] ByLag
);
