namespace Kit.Neuron.Mechanisms;

/// <summary>
/// CaDynamics_E2: submembrane calcium pool with buffering and decay (docs/l5pc/channels.md, "Calcium dynamics"), and
/// the Nernst potential of calcium that NEURON recomputes from <c>cai</c> every step (docs/units-and-conventions.md,
/// "Ions and reversal potentials").
/// <c>dcai/dt = −10000·ica·gamma/(2·F·depth) − (cai − minCai)/decay</c>.
/// Order in the state phase: NEURON updates mechanisms in registration order, and nrnivmodl registers the Hay
/// mod files alphabetically (CaDynamics_E2 before SK_E2), so cai is advanced (with the current phase's ica)
/// before SK_E2's gate reads it.
/// </summary>
public static class CaDynamicsE2
{
    /// <summary>Per-region pool parameters.</summary>
    /// <param name="Gamma">Fraction of the Ca current that stays free (dimensionless).</param>
    /// <param name="DecayMs">Decay time constant towards <paramref name="MinCaiMm"/> (ms).</param>
    /// <param name="DepthUm">Depth of the submembrane shell (µm).</param>
    /// <param name="MinCaiMm">Resting concentration (mM).</param>
    public sealed record Parameters(
        double Gamma,
        double DecayMs,
        double DepthUm = 0.1,
        double MinCaiMm = 1e-4
    )
    {
        /// <summary>Soma (L5PCbiophys5b).</summary>
        public static Parameters Soma { get; } = new(0.000509, 294.679571);

        /// <summary>Axon (L5PCbiophys5b).</summary>
        public static Parameters Axon { get; } = new(0.000525, 277.300774);

        /// <summary>Apical dendrites (L5PCbiophys5b).</summary>
        public static Parameters Apical { get; } = new(0.000637, 35.725651);
    }

    /// <summary>
    /// <c>dcai/dt</c> (mM/ms) for total Ca current density <paramref name="icaMaPerCm2"/> (mA/cm², inward negative).
    /// </summary>
    public static double Derivative(double caiMm, double icaMaPerCm2, Parameters p) =>
        -10000 * icaMaPerCm2 * p.Gamma / (2 * MechanismConstants.FaradayCPerMol * p.DepthUm)
        - (caiMm - p.MinCaiMm) / p.DecayMs;

    /// <summary>
    /// Exact exponential step with ica frozen over <paramref name="dtMs"/> (state phase of docs/numerical-method.md,
    /// "Fixed-step scheme"): <c>cai ← a/b + (cai − a/b)·exp(−b·dt)</c>,
    /// <c>a = −10000·ica·gamma/(2F·depth) + minCai/decay</c>, <c>b = 1/decay</c>.
    /// </summary>
    public static double Advance(double caiMm, double icaMaPerCm2, double dtMs, Parameters p) =>
        Advance(caiMm, icaMaPerCm2, Decay.For(p, dtMs), p);

    /// <summary>As <see cref="Advance(double, double, double, Parameters)"/> with <c>exp(−dt/decay)</c> precomputed.</summary>
    public static double Advance(double caiMm, double icaMaPerCm2, Decay decay, Parameters p)
    {
        double steady =
            (-10000 * icaMaPerCm2 * p.Gamma / (2 * MechanismConstants.FaradayCPerMol * p.DepthUm))
                * p.DecayMs
            + p.MinCaiMm;
        return steady + (caiMm - steady) * decay.Factor;
    }

    /// <summary>Precomputed <c>exp(−dt/decay)</c> (dimensionless) for one parameter set and dt.</summary>
    /// <param name="Factor">The decay factor per step.</param>
    public readonly record struct Decay(double Factor)
    {
        /// <summary>Decay factor for <paramref name="p"/> over <paramref name="dtMs"/> (ms).</summary>
        public static Decay For(Parameters p, double dtMs) => new(Math.Exp(-dtMs / p.DecayMs));
    }

    /// <summary><c>RT/(2F)</c> in mV at <paramref name="celsius"/> (°C): 12.04057 mV at 6.3 °C.</summary>
    public static double NernstScaleMv(double celsius = MechanismConstants.DefaultCelsius) =>
        1e3
        * MechanismConstants.GasConstantJPerMolK
        * (celsius + 273.15)
        / (2 * MechanismConstants.FaradayCPerMol);

    /// <summary>
    /// Nernst potential of calcium (mV): <c>eca = (1e3·R·T/(2F))·ln(cao/cai)</c>, T = celsius + 273.15
    /// (docs/units-and-conventions.md, "Ions and reversal potentials"; the dataset runs at NEURON's default 6.3 °C).
    /// </summary>
    public static double Eca(
        double caiMm,
        double celsius = MechanismConstants.DefaultCelsius,
        double caoMm = MechanismConstants.CaoMm
    ) => NernstScaleMv(celsius) * Math.Log(caoMm / caiMm);

    /// <summary>
    /// Array kernel: advances <c>cai</c> (mM) at the listed nodes with the Ca current density of the current
    /// phase. <paramref name="caiMm"/> and <paramref name="icaMaPerCm2"/> are [node × lane]; <paramref name="nodes"/>
    /// lists the nodes of this parameter set (one region).
    /// </summary>
    public static void AdvanceNodes(
        Span<double> caiMm,
        ReadOnlySpan<double> icaMaPerCm2,
        ReadOnlySpan<int> nodes,
        int lanes,
        Decay decay,
        Parameters p
    )
    {
        double perIca = SteadyPerIca(p);
        double f = decay.Factor;
        foreach (int n in nodes)
        {
            int o = n * lanes;
            for (int l = 0; l < lanes; l++)
            {
                double steady = perIca * icaMaPerCm2[o + l] + p.MinCaiMm;
                caiMm[o + l] = steady + (caiMm[o + l] - steady) * f;
            }
        }
    }

    /// <summary>
    /// Steady-state cai per unit Ca current density (mM per mA/cm²) of the array kernel
    /// <see cref="AdvanceNodes"/>: <c>steady = SteadyPerIca·ica + minCai</c>. Shared with the GPU engine so both
    /// evaluate the same product.
    /// </summary>
    internal static double SteadyPerIca(Parameters p) =>
        -10000 * p.Gamma / (2 * MechanismConstants.FaradayCPerMol * p.DepthUm) * p.DecayMs;

    /// <summary>
    /// Array kernel: recomputes <c>eca</c> (mV) from <c>cai</c> (mM) at the listed nodes (both [node × lane]).
    /// </summary>
    public static void UpdateEcaNodes(
        ReadOnlySpan<double> caiMm,
        Span<double> ecaMv,
        ReadOnlySpan<int> nodes,
        int lanes,
        double celsius = MechanismConstants.DefaultCelsius,
        double caoMm = MechanismConstants.CaoMm
    )
    {
        double s = NernstScaleMv(celsius);
        foreach (int n in nodes)
        {
            int o = n * lanes;
            for (int l = 0; l < lanes; l++)
                ecaMv[o + l] = s * Math.Log(caoMm / caiMm[o + l]);
        }
    }
}
