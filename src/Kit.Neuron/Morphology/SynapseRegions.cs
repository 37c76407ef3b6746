using System.Collections.Immutable;

namespace Kit.Neuron.Morphology;

/// <summary>
/// The dataset's dendritic segments (<see cref="Discretization.DatasetSegments"/>: basal then apical, so segment k
/// carries excitatory synapse k and inhibitory synapse k) classified as the paper's figure 2 groups them:
/// <see cref="SynapseRegion.Basal"/>, <see cref="SynapseRegion.Oblique"/> (apical before the main bifurcation, trunk
/// included) and <see cref="SynapseRegion.Tuft"/> (apical beyond it). The rule (docs/l5pc/morphology.md,
/// "Synapse regions"):
/// <list type="number">
/// <item><b>Trunk</b>: start at the apical root section (the one with the largest subtree when there are several) and
/// at each branch point follow the child whose subtree holds the most dendritic length. Subtree length, not diameter:
/// it is defined on every reconstruction, is insensitive to diameter noise, and has no ties where diameter has one
/// (cell1's main bifurcation splits into two 1.80 µm daughters); on cell1 both rules pick the same path up to the
/// nexus.</item>
/// <item><b>Nexus</b>: the first branch point along the trunk where the second-largest child subtree holds at least
/// <see cref="NexusBranchFraction"/> (default 20 %) of the dendritic length beyond that point. Obliques leave the
/// trunk with a small share of what lies beyond them (at most 12.6 % on cell1, 13.8 % on the synthetic cell); the main
/// bifurcation splits it (28.5 % / 71.5 % on cell1, 50 / 50 on the synthetic cell). A share of the whole apical
/// tree does not separate them on cell1: the nexus daughters hold 13.6 % and 34.3 % of it, a proximal oblique
/// (apic[80], 140 µm from the soma) 11.2 %.</item>
/// <item><b>Tuft</b>: every apical segment in a section beyond the nexus; <b>oblique</b>: every other apical segment,
/// the trunk's included (a synapse on the trunk below the nexus is grouped with the obliques, as in the paper).
/// Without a qualifying branch point (no apical tree, or an unbranched one) there is no nexus and no tuft.</item>
/// </list>
/// Input channel c of the L5PC networks (2 S channels for S segments): c &lt; S is the excitatory synapse on segment c,
/// S ≤ c &lt; 2S the inhibitory synapse on segment c − S (<see cref="ChannelRegions"/>,
/// <see cref="ChannelIsExcitatory"/>, <see cref="ChannelOrder"/>).
/// </summary>
public sealed class SynapseRegions
{
    /// <summary>Default <see cref="NexusBranchFraction"/>: 20 % of the length beyond the branch point.</summary>
    public const double DefaultNexusBranchFraction = 0.2;

    private readonly int[] counts;

    private SynapseRegions(
        Discretization discretization,
        double fraction,
        ImmutableArray<int> trunk,
        int nexus,
        ImmutableArray<SynapseRegion> regions,
        ImmutableArray<bool> onTrunk
    )
    {
        Discretization = discretization;
        NexusBranchFraction = fraction;
        TrunkSections = trunk;
        NexusSectionIndex = nexus;
        Segments = regions;
        SegmentOnTrunk = onTrunk;
        SegmentDistanceFromSomaCentreUm =
        [
            .. discretization.DatasetSegments.Select(s => s.DistanceFromSomaCentreUm),
        ];
        ChannelRegions = [.. regions, .. regions];
        ChannelIsExcitatory =
        [
            .. Enumerable.Repeat(true, regions.Length),
            .. Enumerable.Repeat(false, regions.Length),
        ];
        counts = new int[Enum.GetValues<SynapseRegion>().Length];
        foreach (var r in regions)
            counts[(int)r]++;
    }

    /// <summary>Classifies the dataset segments of <paramref name="morphology"/> (discretized with its own nseg).</summary>
    /// <param name="morphology">The cell, e.g. <c>Morphology.Load("Hay2011")</c> or <see cref="Morphologies.Synthetic()"/>.</param>
    /// <param name="nexusBranchFraction">See <see cref="NexusBranchFraction"/>; in (0, 0.5].</param>
    public static SynapseRegions Classify(
        Morphology morphology,
        double nexusBranchFraction = DefaultNexusBranchFraction
    )
    {
        ArgumentNullException.ThrowIfNull(morphology);
        return Classify(Discretization.Build(morphology), nexusBranchFraction);
    }

    /// <summary>
    /// Classifies <paramref name="discretization"/>'s dataset segments (e.g. a built cell's
    /// <c>CompartmentTree.Discretization</c>, the same segments the input generator and the dataset enumerate).
    /// </summary>
    /// <param name="discretization">The discretized cell.</param>
    /// <param name="nexusBranchFraction">See <see cref="NexusBranchFraction"/>; in (0, 0.5].</param>
    public static SynapseRegions Classify(
        Discretization discretization,
        double nexusBranchFraction = DefaultNexusBranchFraction
    )
    {
        ArgumentNullException.ThrowIfNull(discretization);
        if (!(nexusBranchFraction > 0 && nexusBranchFraction <= 0.5))
            throw new ArgumentOutOfRangeException(
                nameof(nexusBranchFraction),
                nexusBranchFraction,
                "the nexus branch fraction must lie in (0, 0.5]"
            );
        var m = discretization.Morphology;
        var sections = m.Sections;
        int n = sections.Length;
        var children = new List<int>[n];
        for (int i = 0; i < n; i++)
            children[i] = [];
        for (int i = 1; i < n; i++)
            children[sections[i].ParentIndex].Add(i);
        var subtree = SubtreeLengths(sections, children);

        var trunk = ImmutableArray.CreateBuilder<int>();
        int nexus = -1;
        int root = -1;
        for (int i = 1; i < n; i++)
            if (
                sections[i].Type == SectionType.Apical
                && sections[sections[i].ParentIndex].Type != SectionType.Apical
                && (root < 0 || subtree[i] > subtree[root])
            )
                root = i;
        for (int s = root; s >= 0; )
        {
            trunk.Add(s);
            var next = children[s]
                .Where(c => sections[c].Type == SectionType.Apical)
                .OrderByDescending(c => subtree[c])
                .ThenBy(c => c)
                .ToArray();
            if (next.Length >= 2)
            {
                double beyond = next.Sum(c => subtree[c]);
                if (subtree[next[1]] >= nexusBranchFraction * beyond)
                {
                    nexus = s;
                    break;
                }
            }
            s = next.Length > 0 ? next[0] : -1;
        }
        if (nexus < 0)
            trunk.Clear(); // no main bifurcation: no trunk to speak of, every apical segment is oblique

        var inTuft = new bool[n];
        if (nexus >= 0)
        {
            var stack = new Stack<int>(children[nexus]);
            while (stack.Count > 0)
            {
                int s = stack.Pop();
                inTuft[s] = true;
                foreach (int c in children[s])
                    stack.Push(c);
            }
        }
        var onTrunkSection = new bool[n];
        foreach (int s in trunk)
            onTrunkSection[s] = true;
        var segs = discretization.DatasetSegments;
        var regions = ImmutableArray.CreateBuilder<SynapseRegion>(segs.Length);
        var onTrunk = ImmutableArray.CreateBuilder<bool>(segs.Length);
        foreach (var seg in segs)
        {
            regions.Add(
                seg.Type == SectionType.Basal ? SynapseRegion.Basal
                : inTuft[seg.SectionIndex] ? SynapseRegion.Tuft
                : SynapseRegion.Oblique
            );
            onTrunk.Add(onTrunkSection[seg.SectionIndex]);
        }
        return new SynapseRegions(
            discretization,
            nexusBranchFraction,
            trunk.ToImmutable(),
            nexus,
            regions.MoveToImmutable(),
            onTrunk.MoveToImmutable()
        );
    }

    /// <summary>The discretized cell whose <see cref="Discretization.DatasetSegments"/> are classified.</summary>
    public Discretization Discretization { get; }

    /// <summary>The classified morphology.</summary>
    public Morphology Morphology => Discretization.Morphology;

    /// <summary>
    /// The nexus criterion: the second-largest child subtree at the branch point must hold at least this fraction of the
    /// dendritic length beyond it.
    /// </summary>
    public double NexusBranchFraction { get; }

    /// <summary>
    /// Indices (into <see cref="Morphology.Sections"/>) of the trunk sections from the apical root to the nexus section
    /// (whose x = 1 end is the nexus), in order; empty when there is no nexus.
    /// </summary>
    public ImmutableArray<int> TrunkSections { get; }

    /// <summary>Index of the section whose x = 1 end is the nexus (main apical bifurcation), or −1 for none.</summary>
    public int NexusSectionIndex { get; }

    /// <summary>True when the cell has a main apical bifurcation (and hence a tuft).</summary>
    public bool HasNexus => NexusSectionIndex >= 0;

    /// <summary>NEURON name of the nexus section (e.g. <c>apic[36]</c>), or null for none.</summary>
    public string? NexusSectionName =>
        HasNexus ? Morphology.Sections[NexusSectionIndex].Name : null;

    /// <summary>Path distance (µm) from the soma centre, soma(0.5), to the nexus; NaN when there is none.</summary>
    public double NexusDistanceFromSomaCentreUm =>
        HasNexus ? Morphology.DistanceFromSomaCentreUm(NexusSectionIndex, 1) : double.NaN;

    /// <summary>Number of dataset segments S (639 for cell1, 487 for the synthetic cell).</summary>
    public int SegmentCount => Segments.Length;

    /// <summary>Region of each dataset segment, index = dataset segment (synapse) index.</summary>
    public ImmutableArray<SynapseRegion> Segments { get; }

    /// <summary>Path distance (µm) of each dataset segment's node from soma(0.5) (the channel-rule convention).</summary>
    public ImmutableArray<double> SegmentDistanceFromSomaCentreUm { get; }

    /// <summary>True for the dataset segments on the trunk (below the nexus; they are <see cref="SynapseRegion.Oblique"/>).</summary>
    public ImmutableArray<bool> SegmentOnTrunk { get; }

    /// <summary>Number of input channels of the L5PC networks, 2 S (excitatory then inhibitory).</summary>
    public int ChannelCount => 2 * SegmentCount;

    /// <summary>Region of each input channel (length 2 S): channel c sits on segment c mod S.</summary>
    public ImmutableArray<SynapseRegion> ChannelRegions { get; }

    /// <summary>True for the excitatory channels (c &lt; S), false for the inhibitory ones (length 2 S).</summary>
    public ImmutableArray<bool> ChannelIsExcitatory { get; }

    /// <summary>Dataset segment of input channel <paramref name="channel"/> (c for c &lt; S, c − S otherwise).</summary>
    public int SegmentOfChannel(int channel)
    {
        if ((uint)channel >= (uint)ChannelCount)
            throw new ArgumentOutOfRangeException(
                nameof(channel),
                channel,
                $"channels are 0..{ChannelCount - 1}"
            );
        return channel < SegmentCount ? channel : channel - SegmentCount;
    }

    /// <summary>Number of dataset segments in <paramref name="region"/>.</summary>
    public int CountOf(SynapseRegion region) =>
        (uint)region < (uint)counts.Length
            ? counts[(int)region]
            : throw new ArgumentOutOfRangeException(nameof(region), region, null);

    /// <summary>Segment counts of all regions, basal, oblique, tuft.</summary>
    public IReadOnlyDictionary<SynapseRegion, int> Counts =>
        Enum.GetValues<SynapseRegion>().ToDictionary(r => r, CountOf);

    /// <summary>
    /// The input channels (length 2 S) ordered for a spatio-temporal image: excitatory basal, oblique, tuft, then
    /// inhibitory basal, oblique, tuft; within a group in dataset order, or by distance from the soma when
    /// <paramref name="byDistance"/> (ties in dataset order).
    /// </summary>
    public int[] ChannelOrder(bool byDistance = false)
    {
        var order = new List<int>(ChannelCount);
        foreach (bool excitatory in new[] { true, false })
        foreach (var region in Enum.GetValues<SynapseRegion>())
        {
            var group = Enumerable.Range(0, SegmentCount).Where(k => Segments[k] == region);
            if (byDistance)
                group = group.OrderBy(k => SegmentDistanceFromSomaCentreUm[k]).ThenBy(k => k);
            order.AddRange(group.Select(k => excitatory ? k : k + SegmentCount));
        }
        return [.. order];
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var nexus = HasNexus
            ? FormattableString.Invariant(
                $"nexus at {NexusSectionName}(1), {NexusDistanceFromSomaCentreUm:F1} um from the soma centre"
            )
            : "no nexus";
        return $"{Path.GetFileName(Morphology.SourceName)}: basal {CountOf(SynapseRegion.Basal)}, oblique "
            + $"{CountOf(SynapseRegion.Oblique)}, tuft {CountOf(SynapseRegion.Tuft)} segments; {nexus}";
    }

    /// <summary>Dendritic length (µm) of each section plus everything beyond it.</summary>
    private static double[] SubtreeLengths(ImmutableArray<Section> sections, List<int>[] children)
    {
        // post-order without recursion: push in pre-order, then accumulate in reverse
        var order = new List<int>(sections.Length);
        var stack = new Stack<int>();
        stack.Push(0);
        while (stack.Count > 0)
        {
            int s = stack.Pop();
            order.Add(s);
            foreach (int c in children[s])
                stack.Push(c);
        }
        var sub = new double[sections.Length];
        for (int k = order.Count - 1; k >= 0; k--)
        {
            int s = order[k];
            sub[s] += sections[s].LengthUm;
            foreach (int c in children[s])
                sub[s] += sub[c];
        }
        return sub;
    }
}
