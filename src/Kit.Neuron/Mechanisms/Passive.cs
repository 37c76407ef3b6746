namespace Kit.Neuron.Mechanisms;

/// <summary>
/// The leak mechanism <c>pas</c>: <c>i = g_pas·(v − e_pas)</c> (docs/l5pc/passive-and-regions.md,
/// "Passive parameters").
/// </summary>
public static class Passive
{
    /// <summary>Leak current density (mA/cm², outward positive) for g (S/cm²), v and e (mV).</summary>
    public static double Current(double gPasSPerCm2, double vMv, double ePasMv) =>
        gPasSPerCm2 * (vMv - ePasMv);

    /// <summary>
    /// Array kernel: adds the leak current density (mA/cm²) and conductance (S/cm²) of every node into
    /// <paramref name="iDensity"/> and <paramref name="gDensity"/> (both [node × lane], like <paramref name="vMv"/>).
    /// <paramref name="gPasSPerCm2"/> and <paramref name="ePasMv"/> are per node.
    /// </summary>
    public static void Accumulate(
        ReadOnlySpan<double> vMv,
        int lanes,
        ReadOnlySpan<double> gPasSPerCm2,
        ReadOnlySpan<double> ePasMv,
        Span<double> iDensity,
        Span<double> gDensity
    )
    {
        int nodes = gPasSPerCm2.Length;
        for (int n = 0; n < nodes; n++)
        {
            double g = gPasSPerCm2[n],
                e = ePasMv[n];
            int o = n * lanes;
            for (int l = 0; l < lanes; l++)
            {
                iDensity[o + l] += g * (vMv[o + l] - e);
                gDensity[o + l] += g;
            }
        }
    }
}
