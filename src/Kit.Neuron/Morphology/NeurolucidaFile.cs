using System.Collections.Immutable;

namespace Kit.Neuron.Morphology;

/// <summary>
/// The content of a Neurolucida ASCII file that matters for import: contours and trees (docs/l5pc/morphology.md,
/// "Neurolucida ASCII format").
/// </summary>
/// <param name="SourceName">File name, for messages.</param>
/// <param name="Contours">Named contours in file order (e.g. <c>"CellBody"</c>, slice outlines).</param>
/// <param name="Trees">Trees (<c>(Dendrite)</c>, <c>(Apical)</c>, <c>(Axon)</c>) in file order.</param>
public sealed record NeurolucidaFile(
    string SourceName,
    ImmutableArray<NeurolucidaContour> Contours,
    ImmutableArray<NeurolucidaTree> Trees
);

/// <summary>A contour: a named outline of points (µm).</summary>
/// <param name="Name">The quoted name, e.g. <c>CellBody</c>.</param>
/// <param name="IsCellBody">True for a soma outline (name <c>CellBody</c> or a <c>(CellBody)</c> tag).</param>
/// <param name="Closed">True when tagged <c>(Closed)</c>.</param>
/// <param name="Points">Outline points (µm).</param>
/// <param name="Line">1-based line where the contour starts.</param>
public sealed record NeurolucidaContour(
    string Name,
    bool IsCellBody,
    bool Closed,
    ImmutableArray<Point3d> Points,
    int Line
);

/// <summary>A tree of a given type; its root branch holds the root run of points and the children.</summary>
/// <param name="Type">Basal (<c>(Dendrite)</c>), Apical or Axon.</param>
/// <param name="Root">The root branch.</param>
/// <param name="Line">1-based line where the tree starts.</param>
public sealed record NeurolucidaTree(SectionType Type, NeurolucidaBranch Root, int Line);

/// <summary>An unbranched run of points (µm) and the child branches that follow it, in file order.</summary>
/// <param name="Points">The run's own points (the import rules prepend the branch point to children).</param>
/// <param name="Children">Child branches (separated by <c>|</c> in the file).</param>
/// <param name="Line">1-based line of the branch's first point.</param>
public sealed record NeurolucidaBranch(
    ImmutableArray<Point3d> Points,
    ImmutableArray<NeurolucidaBranch> Children,
    int Line
);
