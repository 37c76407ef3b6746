using System.Collections.Immutable;

namespace Kit.Neuron.Morphology;

/// <summary>One SWC sample line: <c>id type x y z radius parent</c> (µm).</summary>
/// <param name="Id">Sample id (positive).</param>
/// <param name="Type">SWC structure type: 1 soma, 2 axon, 3 basal, 4 apical, other values read as basal.</param>
/// <param name="XUm">x (µm).</param>
/// <param name="YUm">y (µm).</param>
/// <param name="ZUm">z (µm).</param>
/// <param name="RadiusUm">Radius (µm).</param>
/// <param name="ParentId">Parent sample id, -1 for a root.</param>
/// <param name="Line">1-based line in the file.</param>
public sealed record SwcSample(
    int Id,
    int Type,
    double XUm,
    double YUm,
    double ZUm,
    double RadiusUm,
    int ParentId,
    int Line
)
{
    /// <summary>The sample as a 3-D point (diameter = 2 × radius).</summary>
    public Point3d Point => new(XUm, YUm, ZUm, 2 * RadiusUm);

    /// <summary>The region of an SWC type code (1 soma, 2 axon, 4 apical, anything else basal).</summary>
    public SectionType SectionType =>
        Type switch
        {
            1 => SectionType.Soma,
            2 => SectionType.Axon,
            4 => SectionType.Apical,
            _ => SectionType.Basal,
        };
}

/// <summary>
/// A validated SWC file (every parent exists, no cycles, at least one soma sample) and its conversion into
/// sections with Import3d's rules (see <see cref="SwcReader"/>).
/// </summary>
public sealed class SwcFile
{
    /// <summary>Branching depth limit, so hostile input cannot exhaust the stack.</summary>
    public const int MaxBranchDepth = 2000;

    private readonly Dictionary<int, SwcSample> byId;
    private readonly Dictionary<int, List<SwcSample>> children;

    internal SwcFile(string sourceName, ImmutableArray<SwcSample> samples)
    {
        SourceName = sourceName;
        Samples = samples;
        byId = new Dictionary<int, SwcSample>();
        children = new Dictionary<int, List<SwcSample>>();
        foreach (var s in samples)
        {
            if (!byId.TryAdd(s.Id, s))
                throw new MorphologyFormatException(
                    sourceName,
                    s.Line,
                    0,
                    $"sample id {s.Id} already used on line {byId[s.Id].Line}"
                );
        }
        foreach (var s in samples)
        {
            if (s.ParentId == -1)
                continue;
            if (!byId.ContainsKey(s.ParentId))
                throw new MorphologyFormatException(
                    sourceName,
                    s.Line,
                    0,
                    $"sample {s.Id} names parent {s.ParentId}, which is not in the file"
                );
            if (!children.TryGetValue(s.ParentId, out var list))
                children[s.ParentId] = list = [];
            list.Add(s);
        }
        // every sample must be reachable from a root, otherwise it sits on a cycle
        var reached = new HashSet<int>();
        var stack = new Stack<SwcSample>(samples.Where(s => s.ParentId == -1));
        while (stack.Count > 0)
        {
            var s = stack.Pop();
            reached.Add(s.Id);
            foreach (var c in ChildrenOf(s))
                stack.Push(c);
        }
        var cyclic = samples.FirstOrDefault(s => !reached.Contains(s.Id));
        if (cyclic != null)
            throw new MorphologyFormatException(
                sourceName,
                cyclic.Line,
                0,
                $"sample {cyclic.Id} lies on a parent cycle (it never leads to a root with parent -1)"
            );
        if (!samples.Any(s => s.Type == 1))
            throw new MorphologyFormatException(sourceName, 0, 0, "no soma sample (type 1)");
    }

    /// <summary>File name, for messages.</summary>
    public string SourceName { get; }

    /// <summary>Samples in file order.</summary>
    public ImmutableArray<SwcSample> Samples { get; }

    private IReadOnlyList<SwcSample> ChildrenOf(SwcSample s) =>
        children.TryGetValue(s.Id, out var list) ? list : [];

    /// <summary>
    /// The soma section's 3-D points: a single soma sample, or the 3-point convention (a sample and two children
    /// at ±r), becomes a cylinder of length and diameter 2r along y (area 4πr², as a sphere); otherwise the soma
    /// samples must form one unbranched chain, whose points are used in order.
    /// </summary>
    internal Point3d[] SomaPoints()
    {
        var soma = Samples.Where(s => s.Type == 1).ToList();
        var first = soma[0];
        bool threePoint =
            soma.Count == 3
            && soma[1].ParentId == first.Id
            && soma[2].ParentId == first.Id
            && first.ParentId == -1;
        if (soma.Count == 1 || threePoint)
        {
            var c = first.Point;
            double r = first.RadiusUm;
            return [c with { YUm = c.YUm - r }, c, c with { YUm = c.YUm + r }];
        }
        if (first.ParentId != -1)
            throw new MorphologyFormatException(
                SourceName,
                first.Line,
                0,
                "the first soma sample must be a root (parent -1)"
            );
        var chain = new List<Point3d>();
        var inChain = new HashSet<int>();
        var cur = first;
        while (true)
        {
            chain.Add(cur.Point);
            inChain.Add(cur.Id);
            var next = ChildrenOf(cur).Where(c => c.Type == 1).ToList();
            if (next.Count > 1)
                throw new MorphologyFormatException(
                    SourceName,
                    next[1].Line,
                    0,
                    "the soma samples branch; expected one unbranched chain of soma samples or the 3-point convention"
                );
            if (next.Count == 0)
                break;
            cur = next[0];
        }
        if (chain.Count != soma.Count)
        {
            var stray = soma.First(s => !inChain.Contains(s.Id));
            throw new MorphologyFormatException(
                SourceName,
                stray.Line,
                0,
                "soma samples are not one connected chain; expected one unbranched chain of soma samples"
            );
        }
        return [.. chain];
    }

    /// <summary>Root sections (children of soma samples, or non-soma roots) with their subtrees.</summary>
    internal List<RawSection> Sections()
    {
        var roots = new List<RawSection>();
        foreach (var s in Samples)
        {
            if (s.Type == 1)
                continue;
            bool isRoot = s.ParentId == -1 || byId[s.ParentId].Type == 1;
            if (isRoot)
                roots.Add(Grow(s, 0.5, null, 0));
        }
        return roots;
    }

    /// <summary>A section starting at sample <paramref name="start"/>; iterative along runs, recursive at branch points.</summary>
    private RawSection Grow(SwcSample start, double parentX, Point3d? branchPoint, int depth)
    {
        if (depth > MaxBranchDepth)
            throw new MorphologyFormatException(
                SourceName,
                start.Line,
                0,
                $"branches nested deeper than {MaxBranchDepth} levels"
            );
        var type = start.SectionType;
        var pts = new List<Point3d>();
        if (branchPoint is { } bp)
            pts.Add(bp.WithDiameter(start.Point.DiameterUm));
        var cur = start;
        while (true)
        {
            pts.Add(cur.Point);
            var kids = ChildrenOf(cur).Where(c => c.Type != 1).ToList();
            if (kids.Count == 1 && kids[0].SectionType == type)
            {
                cur = kids[0];
                continue;
            }
            if (pts.Count < 2)
                throw new MorphologyFormatException(
                    SourceName,
                    cur.Line,
                    0,
                    $"sample {cur.Id} forms a one-point section attached to the soma; a section needs at least two points"
                );
            var raw = new RawSection(type, parentX, pts);
            foreach (var k in kids)
                raw.Children.Add(Grow(k, 1.0, cur.Point, depth + 1));
            return raw;
        }
    }
}
