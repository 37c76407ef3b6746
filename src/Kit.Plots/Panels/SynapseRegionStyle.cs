using Kit.Neuron.Morphology;

namespace Kit.Plots;

/// <summary>
/// Colours and names of the L5PC's synapse regions (<see cref="SynapseRegions"/>), shared by the region panels
/// (<see cref="MorphologyPanel.ByRegion"/>, <see cref="RegionFilterPanel"/>): close to the paper's figure 2, basal
/// blue, oblique green, tuft red (matplotlib's tab:blue, tab:green, tab:red).
/// </summary>
public static class SynapseRegionStyle
{
    /// <summary>Basal dendrites: tab:blue.</summary>
    public const string Basal = "#1f77b4";

    /// <summary>Oblique branches and the trunk below the nexus: tab:green.</summary>
    public const string Oblique = "#2ca02c";

    /// <summary>Apical tuft beyond the nexus: tab:red.</summary>
    public const string Tuft = "#d62728";

    /// <summary>The colour of <paramref name="region"/>.</summary>
    public static string Color(SynapseRegion region) =>
        region switch
        {
            SynapseRegion.Basal => Basal,
            SynapseRegion.Oblique => Oblique,
            SynapseRegion.Tuft => Tuft,
            _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
        };

    /// <summary>The legend name of <paramref name="region"/>: <c>basal</c>, <c>oblique</c>, <c>tuft</c>.</summary>
    public static string Name(SynapseRegion region) =>
        region switch
        {
            SynapseRegion.Basal => "basal",
            SynapseRegion.Oblique => "oblique",
            SynapseRegion.Tuft => "tuft",
            _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
        };

    /// <summary>The regions in the paper's order: basal, oblique, tuft.</summary>
    public static IReadOnlyList<SynapseRegion> Order { get; } =
    [SynapseRegion.Basal, SynapseRegion.Oblique, SynapseRegion.Tuft];
}
