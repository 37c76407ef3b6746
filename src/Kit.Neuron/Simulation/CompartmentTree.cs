using System.Collections.Immutable;
using Kit.Neuron.Morphology;

namespace Kit.Neuron.Simulation;

/// <summary>
/// NEURON's node tree of a discretized morphology (docs/numerical-method.md, "Nodes"): per section its <c>nseg</c>
/// membrane nodes at x = (i + 0.5)/nseg plus one zero-membrane end node at x = 1; a section's x = 0 end is its parent's
/// node at the attachment point (the parent's end node for x = 1, otherwise the node of the parent segment containing
/// x).
/// The root's x = 0 node is dropped (nothing attaches there in these models). Nodes are numbered depth first so
/// every node's parent has a smaller index (node 0 = the root's first membrane node), as the Hines solver needs.
/// Coupling conductances (µS) are the inverses of the summed half-segment resistances (docs/numerical-method.md,
/// "Segment area and axial resistances").
/// </summary>
public sealed class CompartmentTree
{
    private readonly int[] _firstNodeOfSection;
    private readonly int[] _endNodeOfSection;

    private CompartmentTree(
        Discretization discretization,
        int[] parent,
        double[] couplingUs,
        double[] areaUm2,
        int[] segmentOfNode,
        int[] nodeOfSegment,
        int[] firstNodeOfSection,
        int[] endNodeOfSection
    )
    {
        Discretization = discretization;
        Parent = [.. parent];
        CouplingUs = [.. couplingUs];
        AreaUm2 = [.. areaUm2];
        SegmentOfNode = [.. segmentOfNode];
        NodeOfSegment = [.. nodeOfSegment];
        _firstNodeOfSection = firstNodeOfSection;
        _endNodeOfSection = endNodeOfSection;
    }

    /// <summary>Builds the tree of <paramref name="discretization"/>.</summary>
    public static CompartmentTree Build(Discretization discretization)
    {
        var morph = discretization.Morphology;
        int sections = morph.Sections.Length;
        var children = new List<int>[sections];
        for (int s = 0; s < sections; s++)
            children[s] = [];
        for (int s = 1; s < sections; s++)
        {
            int p = morph.Sections[s].ParentIndex;
            if (p < 0 || p >= sections)
                throw new ArgumentException(
                    $"section {morph.Sections[s].Name} has parent index {p} outside 0..{sections - 1}"
                );
            children[p].Add(s);
        }
        int nodes = discretization.Segments.Length + sections;
        var parent = new int[nodes];
        var coupling = new double[nodes];
        var area = new double[nodes];
        var segOfNode = new int[nodes];
        var nodeOfSeg = new int[discretization.Segments.Length];
        var first = new int[sections];
        var end = new int[sections];
        int next = 0;
        var stack = new Stack<int>();
        stack.Push(0);
        var visited = new bool[sections];
        while (stack.Count > 0)
        {
            int s = stack.Pop();
            if (visited[s])
                throw new ArgumentException("the section graph has a cycle");
            visited[s] = true;
            var sec = morph.Sections[s];
            var segs = discretization.SegmentsOf(s);
            int segBase = discretization.SegmentIndexAt(s, 0);
            int attach = s == 0 ? -1 : AttachmentNode(sec.ParentIndex, sec.ParentX);
            first[s] = next;
            for (int i = 0; i < segs.Length; i++)
            {
                int n = next++;
                segOfNode[n] = segBase + i;
                nodeOfSeg[segBase + i] = n;
                area[n] = segs[i].AreaUm2;
                if (i == 0)
                {
                    parent[n] = attach;
                    coupling[n] = attach < 0 ? 0 : 1 / segs[0].LeftResistanceMOhm;
                }
                else
                {
                    parent[n] = n - 1;
                    coupling[n] =
                        1 / (segs[i - 1].RightResistanceMOhm + segs[i].LeftResistanceMOhm);
                }
            }
            int e = next++;
            end[s] = e;
            segOfNode[e] = -1;
            parent[e] = e - 1;
            coupling[e] = 1 / segs[^1].RightResistanceMOhm;
            for (int c = children[s].Count - 1; c >= 0; c--)
                stack.Push(children[s][c]);
        }
        if (next != nodes)
            throw new ArgumentException(
                $"{nodes - next} nodes are unreachable from the root section {morph.Sections[0].Name}"
            );
        return new CompartmentTree(
            discretization,
            parent,
            coupling,
            area,
            segOfNode,
            nodeOfSeg,
            first,
            end
        );

        int AttachmentNode(int p, double x)
        {
            if (!visited[p])
                throw new ArgumentException($"parent section {p} is not numbered before its child");
            if (x >= 1)
                return end[p];
            if (x <= 0)
            {
                if (p == 0)
                    throw new ArgumentException(
                        "a section attached at x = 0 of the root is not supported (the root's x = 0 node is dropped)"
                    );
                return parent[first[p]];
            }
            return nodeOfSeg[discretization.SegmentIndexAt(p, x)];
        }
    }

    /// <summary>The discretization the tree was built from.</summary>
    public Discretization Discretization { get; }

    /// <summary>Number of nodes (membrane and junction).</summary>
    public int Nodes => Parent.Length;

    /// <summary>Parent node of each node (−1 for node 0); always smaller than the node.</summary>
    public ImmutableArray<int> Parent { get; }

    /// <summary>Conductance (µS) between each node and its parent (0 for node 0).</summary>
    public ImmutableArray<double> CouplingUs { get; }

    /// <summary>Membrane area (µm²) of each node; 0 for junction (end) nodes.</summary>
    public ImmutableArray<double> AreaUm2 { get; }

    /// <summary>Index into <see cref="Discretization.Segments"/> of each node, −1 for junction nodes.</summary>
    public ImmutableArray<int> SegmentOfNode { get; }

    /// <summary>Node of each segment of <see cref="Discretization.Segments"/>.</summary>
    public ImmutableArray<int> NodeOfSegment { get; }

    /// <summary>Whether node <paramref name="node"/> has membrane (false for a junction node).</summary>
    public bool HasMembrane(int node) => SegmentOfNode[node] >= 0;

    /// <summary>The membrane node that NEURON uses for position <paramref name="x"/> of a section (a point process there).</summary>
    public int NodeAt(int sectionIndex, double x) =>
        NodeOfSegment[Discretization.SegmentIndexAt(sectionIndex, x)];

    /// <summary>The membrane node at position <paramref name="x"/> of the named section, e.g. <c>("apic[50]", 0.9)</c>.</summary>
    public int NodeAt(string sectionName, double x) =>
        NodeAt(Discretization.Morphology.IndexOf(sectionName), x);

    /// <summary>The zero-membrane end node (x = 1) of a section.</summary>
    public int EndNodeOf(int sectionIndex) => _endNodeOfSection[sectionIndex];

    /// <summary>The first membrane node of a section.</summary>
    public int FirstNodeOf(int sectionIndex) => _firstNodeOfSection[sectionIndex];
}
