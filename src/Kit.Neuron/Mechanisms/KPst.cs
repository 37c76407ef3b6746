namespace Kit.Neuron.Mechanisms;

/// <summary>
/// K_Pst: persistent K current of the axon (Korngreen &amp; Sakmann 2000, shifted −10 mV; docs/l5pc/channels.md,
/// "K_Pst").
/// Gates m²h, <c>ik = gbar·m²·h·(v − ek)</c>, time constants divided by <see cref="MechanismConstants.Qt"/>.
/// </summary>
public static class KPst
{
    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv)
    {
        double u = vMv + 10; // −10 mV junction correction
        double inf = 1 / (1 + Math.Exp(-(u + 1) / 12));
        double tau =
            u < -50 ? 1.25 + 175.03 * Math.Exp(0.026 * u) : 1.25 + 13 * Math.Exp(-0.026 * u);
        return (inf, tau / MechanismConstants.Qt);
    }

    /// <summary>The h gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) H(double vMv)
    {
        double u = vMv + 10;
        double inf = 1 / (1 + Math.Exp(-(u + 54) / -11));
        double x = (u + 75) / 48;
        double tau = 360 + (1010 + 24 * (u + 55)) * Math.Exp(-x * x);
        return (inf, tau / MechanismConstants.Qt);
    }

    /// <summary>Kinetics (gates m², h; ion K).</summary>
    public static ChannelDefinition Definition { get; } =
        new(
            "K_Pst",
            Ion.K,
            new GateDefinition("m", 2, GateInput.Voltage, M),
            new GateDefinition("h", 1, GateInput.Voltage, H)
        );

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²) and potassium reversal <paramref name="eKMv"/> (mV).</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2, double eKMv = -85) =>
        new(Definition, gbarSPerCm2, eKMv);
}
