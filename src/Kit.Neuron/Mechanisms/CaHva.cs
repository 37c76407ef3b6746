namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Ca_HVA: high-voltage-activated Ca current (Reuveni et al. 1993; docs/l5pc/channels.md, "Ca_HVA"). No temperature
/// factor.
/// Gates m²h, <c>ica = gbar·m²·h·(v − eca)</c> with the Nernst <c>eca</c>.
/// </summary>
public static class CaHva
{
    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv)
    {
        double v = TransientNa.Guard(vMv, -27);
        double a = 0.055 * (-27 - v) / (Math.Exp((-27 - v) / 3.8) - 1);
        double b = 0.94 * Math.Exp((-75 - v) / 17);
        return (a / (a + b), 1 / (a + b));
    }

    /// <summary>The h gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) H(double vMv)
    {
        double v = TransientNa.Guard(vMv, -27); // cumulative, as in the mod file
        double a = 0.000457 * Math.Exp((-13 - v) / 50);
        double b = 0.0065 / (Math.Exp((-v - 15) / 28) + 1);
        return (a / (a + b), 1 / (a + b));
    }

    /// <summary>Kinetics (gates m², h; ion Ca).</summary>
    public static ChannelDefinition Definition { get; } =
        new(
            "Ca_HVA",
            Ion.Ca,
            new GateDefinition("m", 2, GateInput.Voltage, M),
            new GateDefinition("h", 1, GateInput.Voltage, H)
        );

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²); the reversal is the dynamic eca.</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2) =>
        new(Definition, gbarSPerCm2, null);
}
