namespace Kit.Neuron.Mechanisms;

/// <summary>
/// SKv3_1: Kv3.1 current of soma, axon and apical dendrites (docs/l5pc/channels.md, "SKv3_1"). No temperature factor.
/// Gate m, <c>ik = gbar·m·(v − ek)</c>.
/// </summary>
public static class SKv31
{
    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv) =>
        (
            1 / (1 + Math.Exp((vMv - 18.7) / -9.7)),
            0.2 * 20 / (1 + Math.Exp((vMv + 46.56) / -44.14))
        );

    /// <summary>Kinetics (gate m; ion K).</summary>
    public static ChannelDefinition Definition { get; } =
        new("SKv3_1", Ion.K, new GateDefinition("m", 1, GateInput.Voltage, M));

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²) and potassium reversal <paramref name="eKMv"/> (mV).</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2, double eKMv = -85) =>
        new(Definition, gbarSPerCm2, eKMv);
}
