namespace Kit.Neuron.Mechanisms;

/// <summary>The four section lists of the Hay L5PC (docs/l5pc/passive-and-regions.md, "Regions").</summary>
public enum L5pcRegion
{
    /// <summary><c>soma[0]</c>.</summary>
    Soma,

    /// <summary>The two 30 µm stub-axon sections.</summary>
    Axon,

    /// <summary><c>dend[0..83]</c>.</summary>
    Basal,

    /// <summary><c>apic[0..108]</c>.</summary>
    Apical,
}

/// <summary>
/// The active membrane mechanisms of the L5PC (docs/l5pc/passive-and-regions.md, "Which mechanisms exist where"; pas
/// and CaDynamics_E2 are separate).
/// </summary>
public enum L5pcChannel
{
    /// <summary><see cref="Mechanisms.NaTs2t"/>.</summary>
    NaTs2t,

    /// <summary><see cref="Mechanisms.NaTat"/>.</summary>
    NaTat,

    /// <summary><see cref="Mechanisms.NapEt2"/>.</summary>
    NapEt2,

    /// <summary><see cref="Mechanisms.KTst"/>.</summary>
    KTst,

    /// <summary><see cref="Mechanisms.KPst"/>.</summary>
    KPst,

    /// <summary><see cref="Mechanisms.SKv31"/>.</summary>
    SKv31,

    /// <summary><see cref="Mechanisms.SKE2"/>.</summary>
    SKE2,

    /// <summary><see cref="Mechanisms.Im"/>.</summary>
    Im,

    /// <summary><see cref="Mechanisms.CaHva"/>.</summary>
    CaHva,

    /// <summary><see cref="Mechanisms.CaLvast"/>.</summary>
    CaLvast,

    /// <summary><see cref="Mechanisms.Ih"/>.</summary>
    Ih,
}

/// <summary>
/// Passive membrane and axial properties of one region (docs/l5pc/passive-and-regions.md, "Passive parameters").
/// </summary>
/// <param name="CmUfPerCm2">Specific capacitance (µF/cm²); the doubled dendritic value is the spine correction.</param>
/// <param name="RaOhmCm">Axial resistivity (Ω·cm).</param>
/// <param name="GPasSPerCm2">Leak conductance (S/cm²); doubled on dendrites (spine correction).</param>
/// <param name="EPasMv">Leak reversal (mV).</param>
public sealed record RegionPassive(
    double CmUfPerCm2,
    double RaOhmCm,
    double GPasSPerCm2,
    double EPasMv
);

/// <summary>
/// Maximal conductances of one region (S/cm²; docs/l5pc/channels.md, "Maximal conductances"); 0 means "not inserted".
/// On the apical tree the Ih and Ca_LVAst entries only mark insertion: their values come from the distance rules
/// (<see cref="L5pcBiophysics.Gbar"/>).
/// </summary>
public sealed record ChannelGbars(
    double NaTs2t = 0,
    double NaTat = 0,
    double NapEt2 = 0,
    double KTst = 0,
    double KPst = 0,
    double SKv31 = 0,
    double SKE2 = 0,
    double Im = 0,
    double CaHva = 0,
    double CaLvast = 0,
    double Ih = 0
)
{
    /// <summary>The value for <paramref name="channel"/> (S/cm²).</summary>
    public double this[L5pcChannel channel] =>
        channel switch
        {
            L5pcChannel.NaTs2t => NaTs2t,
            L5pcChannel.NaTat => NaTat,
            L5pcChannel.NapEt2 => NapEt2,
            L5pcChannel.KTst => KTst,
            L5pcChannel.KPst => KPst,
            L5pcChannel.SKv31 => SKv31,
            L5pcChannel.SKE2 => SKE2,
            L5pcChannel.Im => Im,
            L5pcChannel.CaHva => CaHva,
            L5pcChannel.CaLvast => CaLvast,
            L5pcChannel.Ih => Ih,
            _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
        };

    /// <summary>The inserted channels (non-zero entries), in enum order.</summary>
    public IReadOnlyList<L5pcChannel> Inserted =>
        Enum.GetValues<L5pcChannel>().Where(c => this[c] != 0).ToArray();
}

/// <summary>Everything region-wide about one L5PC region.</summary>
/// <param name="Passive">Passive properties.</param>
/// <param name="Gbars">Channel densities (S/cm²).</param>
/// <param name="Calcium">CaDynamics_E2 parameters, or null where there is no calcium (basal).</param>
/// <param name="ENaMv">Sodium reversal (mV) where Na channels exist.</param>
/// <param name="EKMv">Potassium reversal (mV) where K channels exist.</param>
public sealed record L5pcRegionBiophysics(
    RegionPassive Passive,
    ChannelGbars Gbars,
    CaDynamicsE2.Parameters? Calcium,
    double ENaMv = 50,
    double EKMv = -85
);
