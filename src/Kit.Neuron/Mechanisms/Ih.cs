namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Ih: HCN non-specific cation current (Kole, Hallermann &amp; Stuart 2006; docs/l5pc/channels.md, "Ih"). No
/// temperature factor. Gate m, <c>ihcn = gbar·m·(v − ehcn)</c>, <c>ehcn</c> = −45 mV. <c>vshift</c> is the dataset
/// script's <c>Ih_vshift</c> (0 in the published data).
/// </summary>
public static class Ih
{
    /// <summary>Reversal potential of the HCN current (mV).</summary>
    public const double EhcnMv = -45;

    /// <summary>Half-activation parameter of the alpha rate (mV).</summary>
    public const double VHalfMv = -154.9;

    /// <summary>The m gate at <paramref name="vMv"/> (mV) with activation shift <paramref name="vShiftMv"/> (mV).</summary>
    public static (double Inf, double TauMs) M(double vMv, double vShiftMv = 0)
    {
        double v = TransientNa.Guard(vMv, VHalfMv);
        // The original guard sits at vhalf only; with a non-zero shift the 0/0 moves to vhalf + vshift,
        // which we nudge the same way so the rates stay finite.
        v = TransientNa.Guard(v, VHalfMv + vShiftMv);
        double x = v - (VHalfMv + vShiftMv);
        double a = 0.001 * 6.43 * x / (Math.Exp(x / 11.9) - 1);
        double b = 0.001 * 193 * Math.Exp((v - vShiftMv) / 33.1);
        return (a / (a + b), 1 / (a + b));
    }

    /// <summary>Kinetics with no shift (the dataset's configuration).</summary>
    public static ChannelDefinition Definition { get; } = Build(0);

    /// <summary>Kinetics with activation shift <paramref name="vShiftMv"/> (mV).</summary>
    public static ChannelDefinition Create(double vShiftMv) =>
        vShiftMv == 0 ? Definition : Build(vShiftMv);

    /// <summary>
    /// Parameters with maximal conductance <paramref name="gbarSPerCm2"/> (S/cm²), reversal
    /// <paramref name="ehcnMv"/> (mV) and activation shift <paramref name="vShiftMv"/> (mV).
    /// </summary>
    public static ChannelParameters Parameters(
        double gbarSPerCm2,
        double ehcnMv = EhcnMv,
        double vShiftMv = 0
    ) => new(Create(vShiftMv), gbarSPerCm2, ehcnMv);

    private static ChannelDefinition Build(double vShiftMv) =>
        new(
            "Ih",
            Ion.NonSpecific,
            new GateDefinition("m", 1, GateInput.Voltage, v => M(v, vShiftMv))
        );
}
