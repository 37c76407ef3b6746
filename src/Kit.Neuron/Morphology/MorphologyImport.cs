namespace Kit.Neuron.Morphology;

/// <summary>
/// NEURON Import3d's rules that turn a reconstruction into sections (docs/l5pc/morphology.md, "Turning trees into sections"): one
/// section per unbranched run; root runs keep all their points and attach to soma(0.5); a child gets the parent's last
/// point prepended (with the child's own first diameter) and attaches to parent(1); sections are numbered per type
/// depth-first pre-order, trees in file order; the soma outline becomes 21 points (<see cref="SomaContour"/>); then
/// <see cref="ImportOptions"/> (Hay template: stub axon, nseg rule).
/// </summary>
public static class MorphologyImport
{
    /// <summary>Builds a morphology from a parsed Neurolucida file.</summary>
    /// <exception cref="MorphologyFormatException">No (or more than one) CellBody contour, or a degenerate section.</exception>
    public static Morphology FromNeurolucida(NeurolucidaFile file, ImportOptions? options = null)
    {
        var somas = file.Contours.Where(c => c.IsCellBody).ToList();
        if (somas.Count == 0)
            throw new MorphologyFormatException(
                file.SourceName,
                0,
                0,
                "no CellBody contour: expected a soma outline (\"CellBody\" ...)"
            );
        if (somas.Count > 1)
            throw new MorphologyFormatException(
                file.SourceName,
                somas[1].Line,
                0,
                $"{somas.Count} CellBody contours; only a single soma outline is supported"
            );
        Point3d[] somaPoints;
        try
        {
            somaPoints = SomaContour.ToCentroidPoints(somas[0].Points);
        }
        catch (ArgumentException e)
        {
            throw new MorphologyFormatException(file.SourceName, somas[0].Line, 0, e.Message);
        }
        var roots = new List<RawSection>();
        foreach (var tree in file.Trees)
        {
            if (tree.Root.Points.Length < 2)
                throw new MorphologyFormatException(
                    file.SourceName,
                    tree.Root.Line,
                    0,
                    "a tree's root run needs at least two points"
                );
            var root = new RawSection(tree.Type, 0.5, [.. tree.Root.Points]);
            AddChildren(root, tree.Root, tree.Type);
            roots.Add(root);
        }
        return Assemble(file.SourceName, somaPoints, roots, options ?? ImportOptions.HayTemplate);
    }

    /// <summary>Builds a morphology from a parsed SWC file (see <see cref="SwcReader"/> for the soma conventions).</summary>
    public static Morphology FromSwc(SwcFile file, ImportOptions? options = null) =>
        Assemble(
            file.SourceName,
            file.SomaPoints(),
            file.Sections(),
            options ?? ImportOptions.HayTemplate
        );

    private static void AddChildren(RawSection parent, NeurolucidaBranch branch, SectionType type)
    {
        var last = parent.Points[^1];
        foreach (var child in branch.Children)
        {
            var pts = new List<Point3d>(child.Points.Length + 1)
            {
                last.WithDiameter(child.Points[0].DiameterUm),
            };
            pts.AddRange(child.Points);
            var raw = new RawSection(type, 1.0, pts);
            parent.Children.Add(raw);
            AddChildren(raw, child, type);
        }
    }

    internal static Morphology Assemble(
        string source,
        Point3d[] somaPoints,
        IReadOnlyList<RawSection> roots,
        ImportOptions options
    )
    {
        var byType = new Dictionary<SectionType, List<(RawSection Raw, RawSection? Parent)>>();
        foreach (var t in Enum.GetValues<SectionType>())
            byType[t] = [];
        var stack = new Stack<(RawSection Raw, RawSection? Parent)>();
        foreach (var root in roots)
        {
            stack.Push((root, null));
            while (stack.Count > 0)
            {
                var (raw, parent) = stack.Pop();
                if (raw.Type == SectionType.Axon && options.ReplaceAxonWithStub)
                    continue; // the whole reconstructed axon subtree is deleted
                byType[raw.Type].Add((raw, parent));
                for (int i = raw.Children.Count - 1; i >= 0; i--)
                    stack.Push((raw.Children[i], raw));
            }
        }
        var order = new[] { SectionType.Basal, SectionType.Apical, SectionType.Axon };
        var index = new Dictionary<RawSection, int>(ReferenceEqualityComparer.Instance);
        int next = 1;
        foreach (var t in order)
        foreach (var (raw, _) in byType[t])
            index[raw] = next++;
        Func<IEnumerable<Point3d>, IEnumerable<Point3d>> store = options.Float32Points
            ? pts =>
                pts.Select(p => new Point3d(
                    (float)p.XUm,
                    (float)p.YUm,
                    (float)p.ZUm,
                    (float)p.DiameterUm
                ))
            : pts => pts;
        var sections = new List<Section>
        {
            Section.FromPoints("soma[0]", SectionType.Soma, -1, 0, store(somaPoints)),
        };
        foreach (var t in order)
        {
            int k = 0;
            foreach (var (raw, parent) in byType[t])
            {
                int p = parent is null ? 0 : index[parent];
                double px = parent is null ? 0.5 : raw.ParentX;
                sections.Add(
                    Section.FromPoints($"{t.ArrayName()}[{k++}]", t, p, px, store(raw.Points))
                );
            }
        }
        if (options.ReplaceAxonWithStub)
        {
            int a0 = sections.Count;
            sections.Add(
                Section.Cylinder(
                    "axon[0]",
                    SectionType.Axon,
                    0,
                    0.5,
                    options.StubAxonLengthUm,
                    options.StubAxonDiameterUm
                )
            );
            sections.Add(
                Section.Cylinder(
                    "axon[1]",
                    SectionType.Axon,
                    a0,
                    1,
                    options.StubAxonLengthUm,
                    options.StubAxonDiameterUm
                )
            );
        }
        return new Morphology(source, sections);
    }
}

/// <summary>A section during import, before numbering.</summary>
internal sealed class RawSection(SectionType type, double parentX, List<Point3d> points)
{
    public SectionType Type { get; } = type;
    public double ParentX { get; } = parentX;
    public List<Point3d> Points { get; } = points;
    public List<RawSection> Children { get; } = [];
}
