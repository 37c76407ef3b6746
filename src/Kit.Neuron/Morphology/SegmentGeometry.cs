namespace Kit.Neuron.Morphology;

/// <summary>
/// One segment (compartment) of a discretized section, by NEURON's rule (docs/numerical-method.md, "Nodes",
/// "Segment area and axial resistances").
/// </summary>
/// <param name="SectionIndex">Index of the section in <see cref="Morphology.Sections"/>.</param>
/// <param name="SectionName">The section's name, e.g. <c>apic[50]</c>.</param>
/// <param name="Type">Region of the section.</param>
/// <param name="IndexInSection">0-based segment index within the section.</param>
/// <param name="X">Node position (i + 0.5)/nseg along the section.</param>
/// <param name="LengthUm">Segment length L/nseg (µm).</param>
/// <param name="AreaUm2">Membrane area (µm²): frustum lateral surfaces of both halves.</param>
/// <param name="LeftResistanceMOhm">Axial resistance of the half from the segment's start to its node (MΩ).</param>
/// <param name="RightResistanceMOhm">Axial resistance of the half from the node to the segment's end (MΩ).</param>
/// <param name="DistanceFromSomaCentreUm">Path distance from soma(0.5) to the node (µm).</param>
public sealed record SegmentGeometry(
    int SectionIndex,
    string SectionName,
    SectionType Type,
    int IndexInSection,
    double X,
    double LengthUm,
    double AreaUm2,
    double LeftResistanceMOhm,
    double RightResistanceMOhm,
    double DistanceFromSomaCentreUm
);
