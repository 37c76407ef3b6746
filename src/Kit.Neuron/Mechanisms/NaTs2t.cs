namespace Kit.Neuron.Mechanisms;

/// <summary>
/// NaTs2_t: fast inactivating Na current of soma and apical dendrites (docs/l5pc/channels.md, "NaTs2_t"): NaTa_t
/// shifted by +6 mV.
/// Gates m³h, <c>ina = gbar·m³·h·(v − ena)</c>, time constants divided by <see cref="MechanismConstants.Qt"/>.
/// </summary>
public static class NaTs2t
{
    /// <summary>Offset of the m rates (mV): rates use <c>v + 32</c>.</summary>
    public const double MOffsetMv = 32;

    /// <summary>Offset of the h rates (mV): rates use <c>v + 60</c>.</summary>
    public const double HOffsetMv = 60;

    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv) => TransientNa.M(vMv, MOffsetMv);

    /// <summary>The h gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) H(double vMv) =>
        TransientNa.H(vMv, MOffsetMv, HOffsetMv);

    /// <summary>Kinetics (gates m³, h; ion Na).</summary>
    public static ChannelDefinition Definition { get; } =
        new(
            "NaTs2_t",
            Ion.Na,
            new GateDefinition("m", 3, GateInput.Voltage, M),
            new GateDefinition("h", 1, GateInput.Voltage, H)
        );

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²) and sodium reversal <paramref name="eNaMv"/> (mV).</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2, double eNaMv = 50) =>
        new(Definition, gbarSPerCm2, eNaMv);
}
