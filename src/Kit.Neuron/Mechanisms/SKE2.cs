namespace Kit.Neuron.Mechanisms;

/// <summary>
/// SK_E2: small-conductance Ca-activated K current (Köhler et al. 1996; docs/l5pc/channels.md, "SK_E2"), driven by
/// <c>cai</c>, not by v. Gate z, <c>ik = gbar·z·(v − ek)</c>, <c>zTau</c> = 1 ms, no temperature factor.
/// </summary>
public static class SKE2
{
    /// <summary>Constant time constant of z (ms).</summary>
    public const double ZTauMs = 1.0;

    /// <summary>Half-activation calcium of z (mM): <c>zInf = 1/(1 + (ZHalfMm/cai)^ZHill)</c>.</summary>
    public const double ZHalfMm = 0.00043;

    /// <summary>Hill exponent of z (dimensionless).</summary>
    public const double ZHill = 4.8;

    /// <summary>Below this cai (mM) the mod file adds it to cai before the power (its guard against cai = 0).</summary>
    public const double ZCaiGuardMm = 1e-7;

    /// <summary>The z gate at intracellular calcium <paramref name="caiMm"/> (mM).</summary>
    public static (double Inf, double TauMs) Z(double caiMm)
    {
        double ca = caiMm < ZCaiGuardMm ? caiMm + ZCaiGuardMm : caiMm;
        return (1 / (1 + Math.Pow(ZHalfMm / ca, ZHill)), ZTauMs);
    }

    /// <summary>Kinetics (gate z driven by cai; ion K).</summary>
    public static ChannelDefinition Definition { get; } =
        new("SK_E2", Ion.K, new GateDefinition("z", 1, GateInput.Calcium, Z));

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²) and potassium reversal <paramref name="eKMv"/> (mV).</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2, double eKMv = -85) =>
        new(Definition, gbarSPerCm2, eKMv);
}
