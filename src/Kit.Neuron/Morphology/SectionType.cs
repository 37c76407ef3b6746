namespace Kit.Neuron.Morphology;

/// <summary>
/// The region a section belongs to (docs/l5pc/passive-and-regions.md, "Regions"): the soma, the axon (in the Hay
/// template the two 30 µm stub sections), basal dendrites (<c>dend[]</c>, Neurolucida <c>(Dendrite)</c>, SWC type 3)
/// and the apical tree (<c>apic[]</c>, Neurolucida <c>(Apical)</c>, SWC type 4).
/// </summary>
public enum SectionType
{
    /// <summary>The soma (<c>soma[0]</c>).</summary>
    Soma,

    /// <summary>Axonal sections (<c>axon[i]</c>).</summary>
    Axon,

    /// <summary>Basal dendrites (<c>dend[i]</c>).</summary>
    Basal,

    /// <summary>Apical dendrites (<c>apic[i]</c>).</summary>
    Apical,
}

/// <summary>NEURON section-array names of the section types.</summary>
public static class SectionTypeNames
{
    /// <summary>The NEURON array name: <c>soma</c>, <c>axon</c>, <c>dend</c> or <c>apic</c>.</summary>
    public static string ArrayName(this SectionType type) =>
        type switch
        {
            SectionType.Soma => "soma",
            SectionType.Axon => "axon",
            SectionType.Basal => "dend",
            SectionType.Apical => "apic",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };
}
