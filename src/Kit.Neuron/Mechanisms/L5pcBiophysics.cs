namespace Kit.Neuron.Mechanisms;

/// <summary>
/// The Hay et al. 2011 L5PC membrane as used by the Beniaguev dataset, biophysics variant "L5PCbiophys5b"
/// (Hay et al. 2011; docs/l5pc/passive-and-regions.md, docs/l5pc/channels.md, "Maximal conductances" and
/// "Distance-dependent rules"): per-region passive properties, channel densities, calcium pools, the apical distance
/// rules and the dataset-script switches. Pure data and functions; tweak with <c>with</c>.
/// The script's third switch, <c>useActiveDendrites</c>, only changes its output folder name and has no
/// effect on the model, so it has no counterpart here.
/// </summary>
/// <param name="Soma">Soma region.</param>
/// <param name="Axon">Stub-axon region.</param>
/// <param name="Basal">Basal dendrites (passive + Ih).</param>
/// <param name="Apical">Apical dendrites.</param>
public sealed record L5pcBiophysics(
    L5pcRegionBiophysics Soma,
    L5pcRegionBiophysics Axon,
    L5pcRegionBiophysics Basal,
    L5pcRegionBiophysics Apical
)
{
    /// <summary>Reversal potential of Ih (mV), every region.</summary>
    public double EhcnMv { get; init; } = Ih.EhcnMv;

    /// <summary>Dataset switch <c>Ih_vshift</c> (mV): shifts Ih on soma, basal and apical sections (not the axon).</summary>
    public double IhVShiftMv { get; init; }

    /// <summary>Dataset switch <c>SKE2_mult_factor</c>: multiplies every section's SK_E2 density (1.0 or 0.1).</summary>
    public double SkE2MultFactor { get; init; } = 1.0;

    /// <summary>
    /// Initial membrane potential of every compartment (mV); no pre-run (docs/l5pc/passive-and-regions.md,
    /// "Dataset-script switches").
    /// </summary>
    public double VInitMv { get; init; } = MechanismConstants.L5pcVInitMv;

    /// <summary>
    /// Temperature (°C); only the Ca Nernst potential depends on it (docs/units-and-conventions.md, "Temperature").
    /// </summary>
    public double Celsius { get; init; } = MechanismConstants.DefaultCelsius;

    /// <summary>
    /// Largest path distance of a terminal apical end (µm), <c>maxLength</c> for cell1 (docs/l5pc/channels.md,
    /// "How distance is measured").
    /// </summary>
    public double ApicalMaxLengthUm { get; init; } = 1300.5335;

    /// <summary>Normalised distance at which the apical Ih gradient saturates (dimensionless).</summary>
    public double IhSaturationFraction { get; init; } = 0.65;

    /// <summary>Start of the Ca_LVAst hot zone (µm, exclusive).</summary>
    public double HotZoneStartUm { get; init; } = 685;

    /// <summary>End of the Ca_LVAst hot zone (µm, exclusive).</summary>
    public double HotZoneEndUm { get; init; } = 885;

    /// <summary>Apical Ca_LVAst density inside the hot zone (S/cm²), 0.141954·1.6.</summary>
    public double CaLvastHotZoneGbar { get; init; } = 0.141954 * 1.6;

    /// <summary>Factor applied to <see cref="CaLvastHotZoneGbar"/> outside the hot zone (dimensionless).</summary>
    public double CaLvastOutsideFactor { get; init; } = 0.01;

    /// <summary>L5PCbiophys5b with the dataset's switches (active dendrites, Ih_vshift 0, SK_E2 factor 1).</summary>
    public static L5pcBiophysics Biophys5b { get; } =
        new(
            Soma: new(
                new RegionPassive(1, 100, 3e-5, -90),
                new ChannelGbars(
                    NaTs2t: 0.998912,
                    SKv31: 0.338029,
                    SKE2: 0.09965,
                    Im: 0.000008,
                    CaHva: 0.000644,
                    CaLvast: 0.000557,
                    Ih: 0.0001 * 0.75
                ),
                CaDynamicsE2.Parameters.Soma
            ),
            Axon: new(
                new RegionPassive(1, 100, 3e-5, -90),
                new ChannelGbars(
                    NaTat: 3.89618,
                    NapEt2: 0.005834,
                    KTst: 0.077274,
                    KPst: 0.188851,
                    SKv31: 0.473799,
                    SKE2: 0.000047,
                    Im: 0.013322,
                    CaHva: 0.000222,
                    CaLvast: 0.000813,
                    Ih: 0.0001 / 2
                ),
                CaDynamicsE2.Parameters.Axon
            ),
            Basal: new(
                new RegionPassive(2, 100, 6e-5, -90),
                new ChannelGbars(Ih: 0.0001 / 2),
                null
            ),
            Apical: new(
                new RegionPassive(2, 100, 6e-5, -90),
                new ChannelGbars(
                    NaTs2t: 0.021489,
                    SKv31: 0.001808,
                    SKE2: 0.000002,
                    Im: 0.00099,
                    CaHva: 0.000701,
                    // Insertion markers; the values come from the distance rules (docs/l5pc/channels.md,
                    // "Distance-dependent rules").
                    CaLvast: 0.141954 * 1.6 * 0.01,
                    Ih: 0.00015
                ),
                CaDynamicsE2.Parameters.Apical
            )
        );

    /// <summary>The description of <paramref name="region"/>.</summary>
    public L5pcRegionBiophysics Region(L5pcRegion region) =>
        region switch
        {
            L5pcRegion.Soma => Soma,
            L5pcRegion.Axon => Axon,
            L5pcRegion.Basal => Basal,
            L5pcRegion.Apical => Apical,
            _ => throw new ArgumentOutOfRangeException(nameof(region), region, null),
        };

    /// <summary>Whether <paramref name="channel"/> is inserted in <paramref name="region"/>.</summary>
    public bool Has(L5pcChannel channel, L5pcRegion region) => Region(region).Gbars[channel] != 0;

    /// <summary>
    /// Maximal conductance (S/cm²) of <paramref name="channel"/> in <paramref name="region"/> at path distance
    /// <paramref name="distanceUm"/> (µm from the soma centre; only used on the apical tree). Applies the apical
    /// Ih and Ca_LVAst rules and the SK_E2 factor. 0 when not inserted.
    /// </summary>
    public double Gbar(L5pcChannel channel, L5pcRegion region, double distanceUm = 0)
    {
        double g = Region(region).Gbars[channel];
        if (g == 0)
            return 0;
        if (region == L5pcRegion.Apical && channel == L5pcChannel.Ih)
            return ApicalIhGbar(distanceUm);
        if (region == L5pcRegion.Apical && channel == L5pcChannel.CaLvast)
            return ApicalCaLvastGbar(distanceUm);
        return channel == L5pcChannel.SKE2 ? g * SkE2MultFactor : g;
    }

    /// <summary>
    /// Apical Ih density (S/cm²) at path distance <paramref name="distanceUm"/> (µm): exponential in the normalised
    /// distance, saturating at 0.65·maxLength (docs/l5pc/channels.md, "Ih on the apical tree").
    /// </summary>
    public double ApicalIhGbar(double distanceUm)
    {
        double dn = Math.Min(distanceUm / ApicalMaxLengthUm, IhSaturationFraction);
        return 0.0001 * (-0.8696 + 2.0870 * Math.Exp(3.6161 * dn));
    }

    /// <summary>
    /// Apical Ca_LVAst density (S/cm²): hot zone 685 &lt; d &lt; 885 µm (strict; docs/l5pc/channels.md,
    /// "Ca_LVAst hot zone").
    /// </summary>
    public double ApicalCaLvastGbar(double distanceUm) =>
        CaLvastHotZoneGbar
        * (distanceUm > HotZoneStartUm && distanceUm < HotZoneEndUm ? 1.0 : CaLvastOutsideFactor);

    /// <summary>
    /// Density (S/cm²) the original code assigns to segment <paramref name="segment"/> of an apical section
    /// starting at <paramref name="sectionStartUm"/> (µm) with length <paramref name="sectionLengthUm"/> (µm) and
    /// <paramref name="nseg"/> segments: evaluated at <see cref="RuleDistanceUm"/> and rounded to 1e-10
    /// (the 10-decimal text format of the original). Non-apical regions and uniform channels ignore distance.
    /// </summary>
    public double SegmentGbar(
        L5pcChannel channel,
        L5pcRegion region,
        double sectionStartUm,
        double sectionLengthUm,
        int nseg,
        int segment
    )
    {
        bool ruled =
            region == L5pcRegion.Apical && channel is L5pcChannel.Ih or L5pcChannel.CaLvast;
        if (!ruled)
            return Gbar(channel, region);
        double d = RuleDistanceUm(sectionStartUm, sectionLengthUm, nseg, segment);
        return Math.Round(Gbar(channel, region, d), 10);
    }

    /// <summary>
    /// Distance (µm) at which the original code evaluates a distance rule for a segment (docs/l5pc/channels.md,
    /// "Which distance each segment gets"): the segment centre, except the last segment of a section, which gets the
    /// section's distal end (x = 1).
    /// </summary>
    public static double RuleDistanceUm(
        double sectionStartUm,
        double sectionLengthUm,
        int nseg,
        int segment
    )
    {
        if (nseg < 1 || segment < 0 || segment >= nseg)
            throw new ArgumentOutOfRangeException(
                nameof(segment),
                $"segment {segment} of a section with nseg = {nseg}"
            );
        double x = segment == nseg - 1 ? 1.0 : (segment + 0.5) / nseg;
        return sectionStartUm + x * sectionLengthUm;
    }

    /// <summary>
    /// Kinetics of <paramref name="channel"/> as used in <paramref name="region"/> (Ih carries
    /// <see cref="IhVShiftMv"/> except in the axon, which the script does not shift).
    /// </summary>
    public ChannelDefinition Definition(L5pcChannel channel, L5pcRegion region) =>
        channel switch
        {
            L5pcChannel.NaTs2t => NaTs2t.Definition,
            L5pcChannel.NaTat => NaTat.Definition,
            L5pcChannel.NapEt2 => NapEt2.Definition,
            L5pcChannel.KTst => KTst.Definition,
            L5pcChannel.KPst => KPst.Definition,
            L5pcChannel.SKv31 => SKv31.Definition,
            L5pcChannel.SKE2 => SKE2.Definition,
            L5pcChannel.Im => Im.Definition,
            L5pcChannel.CaHva => CaHva.Definition,
            L5pcChannel.CaLvast => CaLvast.Definition,
            L5pcChannel.Ih => Ih.Create(region == L5pcRegion.Axon ? 0 : IhVShiftMv),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
        };

    /// <summary>
    /// Kinetics, density (S/cm²) and reversal (mV; null for Ca) of <paramref name="channel"/> in
    /// <paramref name="region"/> at path distance <paramref name="distanceUm"/> (µm, apical rules only).
    /// </summary>
    public ChannelParameters Parameters(
        L5pcChannel channel,
        L5pcRegion region,
        double distanceUm = 0
    )
    {
        double e = ReversalMv(channel, region);
        return new(
            Definition(channel, region),
            Gbar(channel, region, distanceUm),
            double.IsNaN(e) ? null : e
        );
    }

    /// <summary>Reversal potential (mV) of a fixed-reversal channel in a region; NaN for Ca (dynamic eca).</summary>
    public double ReversalMv(L5pcChannel channel, L5pcRegion region)
    {
        var r = Region(region);
        return Definition(channel, region).Ion switch
        {
            Ion.Na => r.ENaMv,
            Ion.K => r.EKMv,
            Ion.NonSpecific => EhcnMv,
            _ => double.NaN,
        };
    }
}
