namespace Kit.Neuron.Mechanisms;

/// <summary>
/// NaTa_t: fast inactivating Na current of the axon (Colbert &amp; Pan 2002; docs/l5pc/channels.md, "NaTa_t").
/// Gates m³h, <c>ina = gbar·m³·h·(v − ena)</c>, all time constants divided by <see cref="MechanismConstants.Qt"/>.
/// </summary>
public static class NaTat
{
    /// <summary>Half-activation offset of the m rates (mV): rates use <c>v + 38</c>.</summary>
    public const double MOffsetMv = 38;

    /// <summary>Offset of the h rates (mV): rates use <c>v + 66</c>.</summary>
    public const double HOffsetMv = 66;

    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv) => TransientNa.M(vMv, MOffsetMv);

    /// <summary>The h gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) H(double vMv) =>
        TransientNa.H(vMv, MOffsetMv, HOffsetMv);

    /// <summary>Kinetics (gates m³, h; ion Na).</summary>
    public static ChannelDefinition Definition { get; } =
        new(
            "NaTa_t",
            Ion.Na,
            new GateDefinition("m", 3, GateInput.Voltage, M),
            new GateDefinition("h", 1, GateInput.Voltage, H)
        );

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²) and sodium reversal <paramref name="eNaMv"/> (mV).</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2, double eNaMv = 50) =>
        new(Definition, gbarSPerCm2, eNaMv);
}

/// <summary>
/// Shared rate code of NaTa_t and NaTs2_t (identical up to a +6 mV shift; docs/l5pc/channels.md, "NaTs2_t").
/// </summary>
internal static class TransientNa
{
    /// <summary>
    /// Nudges v by 1e-4 mV when it sits exactly on a removable 0/0 singularity, as the Hay mod files do
    /// (docs/l5pc/channels.md, introduction).
    /// </summary>
    internal static double Guard(double vMv, double atMv) =>
        vMv == atMv ? vMv + MechanismConstants.SingularityNudgeMv : vMv;

    internal static (double Inf, double TauMs) M(double v, double mOff)
    {
        v = Guard(v, -mOff);
        double a = 0.182 * (v + mOff) / (1 - Math.Exp(-(v + mOff) / 6));
        double b = 0.124 * (-v - mOff) / (1 - Math.Exp(-(-v - mOff) / 6));
        return (a / (a + b), 1 / (a + b) / MechanismConstants.Qt);
    }

    internal static (double Inf, double TauMs) H(double v, double mOff, double hOff)
    {
        // The mod file applies the m guard first and keeps the nudged v (cumulative).
        v = Guard(Guard(v, -mOff), -hOff);
        double a = -0.015 * (v + hOff) / (1 - Math.Exp((v + hOff) / 6));
        double b = -0.015 * (-v - hOff) / (1 - Math.Exp((-v - hOff) / 6));
        return (a / (a + b), 1 / (a + b) / MechanismConstants.Qt);
    }
}
