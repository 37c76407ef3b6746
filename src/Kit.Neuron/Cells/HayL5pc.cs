using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Cells;

/// <summary>
/// Description of the Hay et al. 2011 L5PC as simulated by the Beniaguev dataset script: morphology (with the stub
/// axon), L5PCbiophys5b membrane, and one excitatory plus one inhibitory synapse on every dataset segment
/// (basal then apical; docs/l5pc/morphology.md, "Segment ordering used by the dataset"): synapse k of both groups sits
/// on dataset segment k. <see cref="Build"/> turns it into a <see cref="CellModel"/>.
/// </summary>
/// <param name="Morphology">Imported morphology (Hay template rules).</param>
/// <param name="Biophysics">Membrane.</param>
/// <param name="Excitatory">Excitatory synapse configuration.</param>
public sealed record HayL5pc(
    Morphology.Morphology Morphology,
    L5pcBiophysics Biophysics,
    ExcitatorySynapseKind Excitatory = ExcitatorySynapseKind.AmpaNmda
)
{
    /// <summary>Name of the excitatory synapse group.</summary>
    public const string ExcitatoryGroup = "excitatory";

    /// <summary>Name of the inhibitory synapse group.</summary>
    public const string InhibitoryGroup = "inhibitory";

    /// <summary>Soma recording site, <c>soma[0](0.5)</c>.</summary>
    public static (string Section, double X) SomaSite => ("soma[0]", 0.5);

    /// <summary>Nexus recording site of the dataset script, <c>apic[50](0.9)</c>.</summary>
    public static (string Section, double X) NexusSite => ("apic[50]", 0.9);

    /// <summary>AMPA+NMDA synapse (when <see cref="Excitatory"/> is AmpaNmda); gmax 0.4 nS.</summary>
    public AmpaNmdaSynapse AmpaNmda { get; init; } = new();

    /// <summary>AMPA-only synapse (when <see cref="Excitatory"/> is Ampa); gmax 0.4 nS.</summary>
    public AmpaSynapse Ampa { get; init; } = new();

    /// <summary>Inhibitory synapse; gmax 1 nS.</summary>
    public GabaASynapse GabaA { get; init; } = new();

    /// <summary>Whether to create the 2 × 639 synapses (false gives the bare cell for protocols).</summary>
    public bool WithSynapses { get; init; } = true;

    /// <summary>
    /// NEURON's t = 0 event quirk (docs/l5pc/synapses.md, "Release rule"), on by default to match the dataset.
    /// </summary>
    public bool ReproduceNeuronT0Quirk { get; init; } = true;

    /// <summary>Loads a morphology file (or catalog name) with the dataset's biophysics.</summary>
    public static HayL5pc Load(
        string morphologyPathOrName,
        ExcitatorySynapseKind excitatory = ExcitatorySynapseKind.AmpaNmda
    ) =>
        new(
            global::Kit.Neuron.Morphology.Morphology.Load(morphologyPathOrName),
            L5pcBiophysics.Biophys5b,
            excitatory
        );

    /// <summary>Maps a section type to its L5PC region.</summary>
    public static L5pcRegion RegionOf(SectionType type) =>
        type switch
        {
            SectionType.Soma => L5pcRegion.Soma,
            SectionType.Axon => L5pcRegion.Axon,
            SectionType.Basal => L5pcRegion.Basal,
            SectionType.Apical => L5pcRegion.Apical,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    /// <summary>Builds the simulatable cell.</summary>
    public CellModel Build()
    {
        var bio = Biophysics;
        var disc = Discretization.Build(Morphology, bio.Soma.Passive.RaOhmCm);
        foreach (var r in Enum.GetValues<L5pcRegion>())
            if (bio.Region(r).Passive.RaOhmCm != bio.Soma.Passive.RaOhmCm)
                throw new NotSupportedException(
                    $"region {r} has Ra {bio.Region(r).Passive.RaOhmCm} Ω·cm; one Ra for the whole cell is supported"
                );
        var tree = CompartmentTree.Build(disc);
        int n = tree.Nodes;
        var cm = new double[n];
        var gpas = new double[n];
        var epas = new double[n];
        var channels = new List<ChannelGroup>();
        var pools = new List<CalciumPool>();
        foreach (var region in Enum.GetValues<L5pcRegion>())
        {
            var rb = bio.Region(region);
            var segs = Enumerable
                .Range(0, disc.Segments.Length)
                .Where(i => RegionOf(disc.Segments[i].Type) == region)
                .ToArray();
            if (segs.Length == 0)
                continue;
            foreach (int si in segs)
            {
                int node = tree.NodeOfSegment[si];
                cm[node] = rb.Passive.CmUfPerCm2;
                gpas[node] = rb.Passive.GPasSPerCm2;
                epas[node] = rb.Passive.EPasMv;
            }
            var nodes = segs.Select(si => tree.NodeOfSegment[si]).ToImmutableArray();
            foreach (var channel in rb.Gbars.Inserted)
            {
                var gbar = segs.Select(si =>
                    {
                        var s = disc.Segments[si];
                        var sec = Morphology.Sections[s.SectionIndex];
                        return bio.SegmentGbar(
                            channel,
                            region,
                            Morphology.DistanceFromSomaCentreUm(s.SectionIndex, 0),
                            sec.LengthUm,
                            sec.Nseg,
                            s.IndexInSection
                        );
                    })
                    .ToImmutableArray();
                double e = bio.ReversalMv(channel, region);
                var def = bio.Definition(channel, region);
                channels.Add(
                    new ChannelGroup(
                        $"{def.Name}/{region}",
                        def,
                        nodes,
                        gbar,
                        double.IsNaN(e) ? null : e
                    )
                );
            }
            if (rb.Calcium is { } ca)
                pools.Add(new CalciumPool($"CaDynamics_E2/{region}", ca, nodes));
        }
        var synapses = ImmutableArray<SynapseGroup>.Empty;
        if (WithSynapses)
        {
            var synNodes = disc
                .DatasetSegments.Select(s =>
                    tree.NodeOfSegment[disc.SegmentIndexAt(s.SectionIndex, s.X)]
                )
                .ToImmutableArray();
            ISynapse exc = Excitatory == ExcitatorySynapseKind.AmpaNmda ? AmpaNmda : Ampa;
            synapses =
            [
                new SynapseGroup(
                    ExcitatoryGroup,
                    exc,
                    synNodes,
                    [.. Enumerable.Repeat(exc.GMaxUs, synNodes.Length)]
                ),
                new SynapseGroup(
                    InhibitoryGroup,
                    GabaA,
                    synNodes,
                    [.. Enumerable.Repeat(GabaA.GMaxUs, synNodes.Length)]
                ),
            ];
        }
        var model = new CellModel(
            $"Hay2011 L5PC ({Morphology.SourceName}, {Excitatory})",
            tree,
            [.. cm],
            [.. gpas],
            [.. epas],
            [.. channels],
            [.. pools],
            synapses
        )
        {
            VInitMv = bio.VInitMv,
            Celsius = bio.Celsius,
            ReproduceNeuronT0Quirk = ReproduceNeuronT0Quirk,
            SomaNode = tree.NodeAt(SomaSite.Section, SomaSite.X),
        };
        model.Validate();
        return model;
    }
}
