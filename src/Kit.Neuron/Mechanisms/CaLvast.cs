namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Ca_LVAst: low-voltage-activated Ca current (Avery &amp; Johnston 1996, shifted −10 mV; docs/l5pc/channels.md,
/// "Ca_LVAst").
/// Gates m²h, <c>ica = gbar·m²·h·(v − eca)</c>, time constants divided by <see cref="MechanismConstants.Qt"/>.
/// </summary>
public static class CaLvast
{
    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv)
    {
        double u = vMv + 10;
        return (
            1 / (1 + Math.Exp((u + 30) / -6)),
            (5 + 20 / (1 + Math.Exp((u + 25) / 5))) / MechanismConstants.Qt
        );
    }

    /// <summary>The h gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) H(double vMv)
    {
        double u = vMv + 10;
        return (
            1 / (1 + Math.Exp((u + 80) / 6.4)),
            (20 + 50 / (1 + Math.Exp((u + 40) / 7))) / MechanismConstants.Qt
        );
    }

    /// <summary>Kinetics (gates m², h; ion Ca).</summary>
    public static ChannelDefinition Definition { get; } =
        new(
            "Ca_LVAst",
            Ion.Ca,
            new GateDefinition("m", 2, GateInput.Voltage, M),
            new GateDefinition("h", 1, GateInput.Voltage, H)
        );

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²); the reversal is the dynamic eca.</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2) =>
        new(Definition, gbarSPerCm2, null);
}
