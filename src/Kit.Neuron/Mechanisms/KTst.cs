namespace Kit.Neuron.Mechanisms;

/// <summary>
/// K_Tst: transient K current of the axon (−10 mV shift; docs/l5pc/channels.md, "K_Tst").
/// Gates m⁴h, <c>ik = gbar·m⁴·h·(v − ek)</c>, time constants divided by <see cref="MechanismConstants.Qt"/>.
/// </summary>
public static class KTst
{
    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv)
    {
        double u = vMv + 10;
        double inf = 1 / (1 + Math.Exp(-u / 19));
        double x = (u + 71) / 59;
        return (inf, (0.34 + 0.92 * Math.Exp(-x * x)) / MechanismConstants.Qt);
    }

    /// <summary>The h gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) H(double vMv)
    {
        double u = vMv + 10;
        double inf = 1 / (1 + Math.Exp(-(u + 66) / -10));
        double x = (u + 73) / 23;
        return (inf, (8 + 49 * Math.Exp(-x * x)) / MechanismConstants.Qt);
    }

    /// <summary>Kinetics (gates m⁴, h; ion K).</summary>
    public static ChannelDefinition Definition { get; } =
        new(
            "K_Tst",
            Ion.K,
            new GateDefinition("m", 4, GateInput.Voltage, M),
            new GateDefinition("h", 1, GateInput.Voltage, H)
        );

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²) and potassium reversal <paramref name="eKMv"/> (mV).</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2, double eKMv = -85) =>
        new(Definition, gbarSPerCm2, eKMv);
}
