namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Im: muscarinic M current (Adams et al. 1982; docs/l5pc/channels.md, "Im"). Gate m, <c>ik = gbar·m·(v − ek)</c>,
/// time constant divided by <see cref="MechanismConstants.Qt"/>.
/// </summary>
public static class Im
{
    /// <summary>The m gate at <paramref name="vMv"/> (mV): steady state and time constant (ms).</summary>
    public static (double Inf, double TauMs) M(double vMv)
    {
        double a = 3.3e-3 * Math.Exp(0.1 * (vMv + 35)); // 2.5 × 0.04 = 0.1 per mV
        double b = 3.3e-3 * Math.Exp(-0.1 * (vMv + 35));
        return (a / (a + b), 1 / (a + b) / MechanismConstants.Qt);
    }

    /// <summary>Kinetics (gate m; ion K).</summary>
    public static ChannelDefinition Definition { get; } =
        new("Im", Ion.K, new GateDefinition("m", 1, GateInput.Voltage, M));

    /// <summary>Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²) and potassium reversal <paramref name="eKMv"/> (mV).</summary>
    public static ChannelParameters Parameters(double gbarSPerCm2, double eKMv = -85) =>
        new(Definition, gbarSPerCm2, eKMv);
}
