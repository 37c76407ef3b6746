namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Physical constants and NEURON defaults shared by the L5PC mechanisms (docs/units-and-conventions.md, "Temperature",
/// "Ions and reversal potentials", "NEURON defaults").
/// </summary>
public static class MechanismConstants
{
    /// <summary>
    /// Hard-coded 34 °C correction of the Hay channels, <c>2.3^((34 − 21)/10)</c> (dimensionless;
    /// docs/units-and-conventions.md, "Temperature").
    /// Every time constant of NaTa_t, NaTs2_t, Nap_Et2, K_Pst, K_Tst, Ca_LVAst and Im is divided by it.
    /// </summary>
    public static readonly double Qt = Math.Pow(2.3, (34.0 - 21.0) / 10.0);

    /// <summary>Faraday constant (C/mol), NEURON ≥ 8 units.</summary>
    public const double FaradayCPerMol = 96485.33212;

    /// <summary>Gas constant (J/(mol·K)), NEURON ≥ 8 units.</summary>
    public const double GasConstantJPerMolK = 8.314462618;

    /// <summary>
    /// NEURON's default <c>celsius</c> (°C); the dataset never changes it (docs/units-and-conventions.md,
    /// "Temperature").
    /// </summary>
    public const double DefaultCelsius = 6.3;

    /// <summary>Extracellular calcium (mM), NEURON's <c>cao0_ca_ion</c>.</summary>
    public const double CaoMm = 2.0;

    /// <summary>Intracellular calcium at initialisation (mM), NEURON's <c>cai0_ca_ion</c>.</summary>
    public const double Cai0Mm = 5e-5;

    /// <summary>Initial membrane potential of the L5PC dataset runs (mV), <c>finitialize(-76)</c>.</summary>
    public const double L5pcVInitMv = -76.0;

    /// <summary>The +1e-4 mV nudge the original rate code applies at a removable singularity (mV).</summary>
    public const double SingularityNudgeMv = 1e-4;
}
