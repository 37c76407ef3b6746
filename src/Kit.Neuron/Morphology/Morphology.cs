using System.Collections.Immutable;

namespace Kit.Neuron.Morphology;

/// <summary>
/// An immutable neuron morphology: a tree of <see cref="Section"/>s rooted at the soma (index 0). Sections are
/// ordered soma, basal <c>dend[0..]</c>, apical <c>apic[0..]</c>, then axon <c>axon[0..]</c>, each type numbered
/// depth-first pre-order as NEURON's Import3d does, so the dendritic segments come out in the dataset order
/// (docs/l5pc/morphology.md, "Segment ordering used by the dataset"). Lengths and coordinates are in µm. Build one with
/// <see cref="Load"/>, <see cref="Morphologies.Synthetic()"/> or the readers; discretize it with
/// <see cref="Discretization.Build"/>.
/// </summary>
public sealed class Morphology
{
    private readonly Dictionary<string, int> byName;
    private readonly double[] startDistanceUm;

    /// <summary>Validates and wraps the sections; see the class summary for the expected order.</summary>
    /// <param name="sourceName">Where it came from (file name or <c>synthetic</c>).</param>
    /// <param name="sections">Sections, soma first (parent -1); every other parent index valid, no cycles.</param>
    /// <exception cref="ArgumentException">Not a tree rooted at a single soma, or duplicate names.</exception>
    public Morphology(string sourceName, IEnumerable<Section> sections)
    {
        SourceName = sourceName;
        Sections = sections.ToImmutableArray();
        if (
            Sections.IsEmpty
            || Sections[0].Type != SectionType.Soma
            || Sections[0].ParentIndex != -1
        )
            throw new ArgumentException(
                "the first section must be the soma, with no parent",
                nameof(sections)
            );
        byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Sections.Length; i++)
        {
            var s = Sections[i];
            if (!byName.TryAdd(s.Name, i))
                throw new ArgumentException($"duplicate section name {s.Name}", nameof(sections));
            if (
                i > 0
                && (s.ParentIndex < 0 || s.ParentIndex >= Sections.Length || s.ParentIndex == i)
            )
                throw new ArgumentException(
                    $"section {s.Name} has an invalid parent index {s.ParentIndex}"
                );
        }
        startDistanceUm = new double[Sections.Length];
        var state = new byte[Sections.Length]; // 0 unvisited, 1 in progress, 2 done
        for (int i = 0; i < Sections.Length; i++)
            StartDistance(i, state);
    }

    /// <summary>File name (or <c>synthetic</c>) the morphology was built from.</summary>
    public string SourceName { get; }

    /// <summary>All sections: soma, basal, apical, axon (see the class summary).</summary>
    public ImmutableArray<Section> Sections { get; }

    /// <summary>The soma section (index 0).</summary>
    public Section Soma => Sections[0];

    /// <summary>Index of the section with NEURON name <paramref name="name"/> (e.g. <c>apic[50]</c>).</summary>
    /// <exception cref="KeyNotFoundException">No such section.</exception>
    public int IndexOf(string name) =>
        byName.TryGetValue(name, out int i)
            ? i
            : throw new KeyNotFoundException($"no section named '{name}' in {SourceName}");

    /// <summary>The section named <paramref name="name"/>.</summary>
    public Section this[string name] => Sections[IndexOf(name)];

    /// <summary>Sections of one region, in order.</summary>
    public IEnumerable<Section> SectionsOf(SectionType type) => Sections.Where(s => s.Type == type);

    /// <summary>Number of sections of one region.</summary>
    public int CountOf(SectionType type) => Sections.Count(s => s.Type == type);

    /// <summary>Total length of one region (µm).</summary>
    public double TotalLengthUm(SectionType type) => SectionsOf(type).Sum(s => s.LengthUm);

    /// <summary>Total number of segments of one region.</summary>
    public int SegmentCountOf(SectionType type) => SectionsOf(type).Sum(s => s.Nseg);

    /// <summary>Indices of the children of a section, in order.</summary>
    public IEnumerable<int> ChildrenOf(int sectionIndex)
    {
        for (int i = 1; i < Sections.Length; i++)
            if (Sections[i].ParentIndex == sectionIndex)
                yield return i;
    }

    /// <summary>
    /// Path distance (µm) from the soma centre, soma(0.5), to position <paramref name="x"/> of a section: NEURON's
    /// <c>distance()</c> with the origin at soma(0.5), the convention of the channel-distribution rules
    /// (docs/l5pc/channels.md, "How distance is measured").
    /// Add <see cref="SomaHalfLengthUm"/> for the dataset metadata convention (origin soma(0); docs/l5pc/morphology.md,
    /// "Segment ordering used by the dataset").
    /// </summary>
    public double DistanceFromSomaCentreUm(int sectionIndex, double x)
    {
        var s = Sections[sectionIndex];
        return sectionIndex == 0
            ? Math.Abs(x - 0.5) * s.LengthUm
            : startDistanceUm[sectionIndex] + x * s.LengthUm;
    }

    /// <summary>Half the soma length (µm): the offset between the soma-centre and soma(0) distance origins.</summary>
    public double SomaHalfLengthUm => 0.5 * Soma.LengthUm;

    /// <summary>
    /// Loads a morphology from a path (<c>.asc</c> Neurolucida, <c>.swc</c>) or a catalog name (<c>Hay2011</c>,
    /// resolved by <see cref="MorphologyCatalog.Resolve"/>), with the Hay template import rules by default.
    /// </summary>
    /// <exception cref="MorphologyFormatException">The file is malformed.</exception>
    /// <exception cref="FileNotFoundException">The file, or the catalog entry's file, is absent.</exception>
    public static Morphology Load(string pathOrCatalogName, ImportOptions? options = null)
    {
        var path = MorphologyCatalog.IsCatalogName(pathOrCatalogName)
            ? MorphologyCatalog.Resolve(pathOrCatalogName)
            : pathOrCatalogName;
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".asc" => MorphologyImport.FromNeurolucida(NeurolucidaReader.Read(path), options),
            ".swc" => MorphologyImport.FromSwc(SwcReader.Read(path), options),
            _ => throw new ArgumentException(
                $"'{pathOrCatalogName}' is neither a catalog name ({string.Join(", ", MorphologyCatalog.Names)}) nor a "
                    + ".asc/.swc file",
                nameof(pathOrCatalogName)
            ),
        };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Morphology {SourceName}: {Sections.Length} sections ({CountOf(SectionType.Basal)} basal, "
        + $"{CountOf(SectionType.Apical)} apical, {CountOf(SectionType.Axon)} axon), "
        + $"{Sections.Sum(s => s.Nseg)} segments";

    private void StartDistance(int i, byte[] state)
    {
        // walk up to a section whose distance is known, then fill in on the way back down (no recursion)
        var path = new List<int>();
        int j = i;
        while (j != 0 && state[j] != 2)
        {
            if (state[j] == 1)
                throw new ArgumentException(
                    $"section {Sections[j].Name} is part of a parent cycle"
                );
            state[j] = 1;
            path.Add(j);
            j = Sections[j].ParentIndex;
        }
        state[0] = 2;
        for (int k = path.Count - 1; k >= 0; k--)
        {
            int c = path[k];
            var s = Sections[c];
            int p = s.ParentIndex;
            startDistanceUm[c] =
                p == 0
                    ? Math.Abs(s.ParentX - 0.5) * Sections[0].LengthUm
                    : startDistanceUm[p] + s.ParentX * Sections[p].LengthUm;
            state[c] = 2;
        }
    }
}
