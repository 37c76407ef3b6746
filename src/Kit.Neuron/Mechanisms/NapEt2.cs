namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Nap_Et2: persistent Na current of the axon (Magistretti &amp; Alonso 1999; docs/l5pc/channels.md, "Nap_Et2").
/// Gates m³h, <c>ina = gbar·m³·h·(v − ena)</c>, time constants divided by <see cref="MechanismConstants.Qt"/>.
/// </summary>
public static class NapEt2
{
    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv)
    {
        // mInf is evaluated before the guard in the mod file.
        double inf = 1 / (1 + Math.Exp((vMv + 52.6) / -4.6));
        double v = TransientNa.Guard(vMv, -38);
        double a = 0.182 * (v + 38) / (1 - Math.Exp(-(v + 38) / 6));
        double b = 0.124 * (-v - 38) / (1 - Math.Exp(-(-v - 38) / 6));
        return (inf, 6 / (a + b) / MechanismConstants.Qt);
    }

    /// <summary>The h gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) H(double vMv)
    {
        // Guards at −38, −17, −64.4 applied in that order, cumulatively, as the mod file does (docs/l5pc/channels.md,
        // "Nap_Et2").
        double v = TransientNa.Guard(TransientNa.Guard(TransientNa.Guard(vMv, -38), -17), -64.4);
        double inf = 1 / (1 + Math.Exp((v + 48.8) / 10));
        double a = -2.88e-6 * (v + 17) / (1 - Math.Exp((v + 17) / 4.63));
        double b = 6.94e-6 * (v + 64.4) / (1 - Math.Exp(-(v + 64.4) / 2.63));
        return (inf, 1 / (a + b) / MechanismConstants.Qt);
    }

    /// <summary>Kinetics (gates m³, h; ion Na).</summary>
    public static ChannelDefinition Definition { get; } =
        new(
            "Nap_Et2",
            Ion.Na,
            new GateDefinition("m", 3, GateInput.Voltage, M),
            new GateDefinition("h", 1, GateInput.Voltage, H)
        );

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²) and sodium reversal <paramref name="eNaMv"/> (mV).</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2, double eNaMv = 50) =>
        new(Definition, gbarSPerCm2, eNaMv);
}
