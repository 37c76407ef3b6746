namespace Kit.Neuron.Mechanisms;

/// <summary>
/// The NMDA receptor of the Branco et al. (2010) model (NMDA_Mg_T of ModelDB 140828): the 10-state kinetic scheme of
/// Kampa, Clements, Jonas &amp; Stuart (2004) with rates adjusted by Branco, as a <see cref="KineticScheme"/>. States
/// U (unbound), Cl (bound closed), O (open), D1, D2 (desensitised) and their Mg²⁺-blocked counterparts; glutamate C
/// (mM) drives binding; Mg²⁺ block and unblock are voltage dependent through
/// <c>Eb(v) = exp(−0.064 (v − 40))</c> and <c>Eu(v) = exp(0.016 (v − 40))</c> (valence −2, membrane fraction 0.8,
/// 25 mV scale). Current <c>i = 1e-6 · gmax(pS) · O · (v − Erev)</c> nA.
/// </summary>
public static class BrancoNmda
{
    /// <summary>Maximal conductance of the passive model (pS); the O fraction peaks near 0.2.</summary>
    public const double GMaxPs = 8000;

    /// <summary>Reversal potential (mV).</summary>
    public const double ErevMv = 5;

    /// <summary>Extracellular Mg²⁺ (mM).</summary>
    public const double MagnesiumMm = 1;

    /// <summary>Glutamate during the transmitter pulse (mM).</summary>
    public const double TransmitterMm = 2;

    /// <summary>Duration of the square transmitter pulse (ms), from the activation time.</summary>
    public const double TransmitterDurationMs = 0.5;

    /// <summary>The transmitter of one activation: <see cref="TransmitterMm"/> for <see cref="TransmitterDurationMs"/>.</summary>
    public static TransmitterPulse Transmitter { get; } = new(TransmitterMm, TransmitterDurationMs);

    /// <summary>Maximal conductance in the engine's unit (µS): <see cref="GMaxPs"/> · 1e-6.</summary>
    public const double GMaxUs = 1e-6 * GMaxPs;

    /// <summary>The scheme with [Mg²⁺] = <paramref name="magnesiumMm"/> (mM).</summary>
    public static KineticScheme Scheme(double magnesiumMm = MagnesiumMm)
    {
        string[] states = ["U", "Cl", "O", "D1", "D2", "UMg", "ClMg", "OMg", "D1Mg", "D2Mg"];
        const int u = 0,
            cl = 1,
            o = 2,
            d1 = 3,
            d2 = 4,
            uMg = 5,
            clMg = 6,
            oMg = 7,
            d1Mg = 8,
            d2Mg = 9;
        KineticRate block = (v, _) => 5e-5 * magnesiumMm * Eb(v);
        KineticRate unblock = (v, _) => 0.06 * Eu(v);
        return new KineticScheme(
            "NMDA (Branco 2010)",
            states,
            [
                new(u, cl, (_, c) => 10 * c, Constant(0.02016)),
                new(cl, o, Constant(0.0465), Constant(0.0916)),
                new(cl, d1, Constant(0.02266), Constant(0.00736)),
                new(d1, d2, Constant(0.004429), Constant(0.0023)),
                new(o, oMg, (v, _) => 0.05 * magnesiumMm * Eb(v), (v, _) => 12.8 * Eu(v)),
                new(uMg, clMg, (_, c) => 10 * c, Constant(0.06156)),
                new(clMg, oMg, Constant(0.0465), Constant(0.0916)),
                new(clMg, d1Mg, Constant(0.02163), Constant(0.004002)),
                new(d1Mg, d2Mg, Constant(0.002678), Constant(0.001932)),
                new(u, uMg, block, unblock),
                new(cl, clMg, block, unblock),
                new(d1, d1Mg, block, unblock),
                new(d2, d2Mg, block, unblock),
            ],
            [o]
        );
    }

    /// <summary>Voltage factor of Mg²⁺ binding (dimensionless; v in mV).</summary>
    public static double Eb(double voltageMv) => Math.Exp(-0.064 * (voltageMv - 40));

    /// <summary>Voltage factor of Mg²⁺ unbinding (dimensionless; v in mV).</summary>
    public static double Eu(double voltageMv) => Math.Exp(0.016 * (voltageMv - 40));

    private static KineticRate Constant(double ratePerMs) => (_, _) => ratePerMs;
}
