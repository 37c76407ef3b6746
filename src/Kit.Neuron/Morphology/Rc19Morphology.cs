namespace Kit.Neuron.Morphology;

/// <summary>
/// The layer-2/3 pyramidal cell "rc19" of Branco, Clark &amp; Häusser (2010; ModelDB 140828), built in (no file
/// needed): 71 sections (soma, one axon, 38 basal <c>dend[0..37]</c>, 31 apical <c>apic[0..30]</c>) given by their
/// 3-D points exactly as NEURON 8.2 holds them after loading rc19.hoc, with the original nseg values (set by the
/// authors' d_lambda rule, then tripled; kept as data, not recomputed). Discretize with Ra = 150 Ω·cm
/// (<see cref="AxialResistivityOhmCm"/>).
/// </summary>
public static class Rc19Morphology
{
    /// <summary>Source name of the built-in morphology.</summary>
    public const string Name = "rc19 (Branco 2010, ModelDB 140828)";

    /// <summary>The basal branch that carries the nine synapses of the Branco protocol.</summary>
    public const string StimulatedBranch = "dend[13]";

    /// <summary>Axial resistivity of the Branco model (Ω·cm).</summary>
    public const double AxialResistivityOhmCm = 150;

    /// <summary>
    /// Builds the morphology. Unlike the Neurolucida import, every section's points are used exactly as listed
    /// (no parent point prepended): connectivity comes only from parent and attachment x.
    /// </summary>
    public static Morphology Build()
    {
        var data = Rc19MorphologyData.Sections;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var sections = new List<Section>(data.Length);
        for (int i = 0; i < data.Length; i++)
        {
            var (name, type, parent, attachX, nseg, flat) = data[i];
            var points = new Point3d[flat.Length / 4];
            for (int k = 0; k < points.Length; k++)
                points[k] = new Point3d(
                    flat[4 * k],
                    flat[4 * k + 1],
                    flat[4 * k + 2],
                    flat[4 * k + 3]
                );
            int parentIndex = parent == null ? -1 : index[parent];
            sections.Add(Section.FromPoints(name, type, parentIndex, attachX, points, nseg));
            index[name] = i;
        }
        return new Morphology(Name, sections);
    }
}
