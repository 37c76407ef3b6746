namespace Kit.Neuron.Morphology;

/// <summary>
/// Where on the dendrites a synapse sits, as the paper's figure 2 groups the L5PC's segments
/// (<see cref="SynapseRegions"/>; docs/l5pc/morphology.md, "Synapse regions").
/// </summary>
public enum SynapseRegion
{
    /// <summary>Basal dendrites (<c>dend[]</c>).</summary>
    Basal,

    /// <summary>Apical segments before the main apical bifurcation: the trunk and the oblique branches off it.</summary>
    Oblique,

    /// <summary>Apical segments beyond the main apical bifurcation (the nexus): the tuft.</summary>
    Tuft,
}
