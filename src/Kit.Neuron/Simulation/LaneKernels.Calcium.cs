using System.Runtime.Intrinsics;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

// Calcium kernels: ln cai (shared by the Nernst eca and SK_E2), eca from it, and the CaDynamics_E2 pool step.
internal static partial class LaneKernels
{
    /// <summary>
    /// <c>ln(cai)</c> at the listed nodes ([node × lane], <see cref="Log"/>), shared by the
    /// Nernst eca (<see cref="UpdateEcaFromLog"/>) and SK_E2 (<see cref="AdvanceSkGate"/>), which read the same cai.
    /// </summary>
    public static void LogCai(
        ReadOnlySpan<double> caiMm,
        Span<double> logCai,
        ReadOnlySpan<int> nodes,
        int lanes
    )
    {
        foreach (int n in nodes)
        {
            int o = n * lanes;
            for (int l = 0; l < lanes; l += Width)
                Store(Log(Load(caiMm, o + l)), logCai, o + l);
        }
    }

    /// <summary>eca = (RT/2F)·(ln cao − ln cai) at the listed nodes from <see cref="LogCai"/>'s logarithms.</summary>
    public static void UpdateEcaFromLog(
        ReadOnlySpan<double> logCai,
        Span<double> ecaMv,
        ReadOnlySpan<int> nodes,
        int lanes,
        double celsius
    )
    {
        var s = Vector256.Create(CaDynamicsE2.NernstScaleMv(celsius));
        var lnCao = Vector256.Create(Math.Log(MechanismConstants.CaoMm));
        foreach (int n in nodes)
        {
            int o = n * lanes;
            for (int l = 0; l < lanes; l += Width)
                Store(s * (lnCao - Load(logCai, o + l)), ecaMv, o + l);
        }
    }

    /// <summary>As <see cref="CaDynamicsE2.AdvanceNodes"/>, 4 lanes at a time.</summary>
    public static void AdvanceCalcium(
        Span<double> caiMm,
        ReadOnlySpan<double> icaMaPerCm2,
        ReadOnlySpan<int> nodes,
        int lanes,
        CaDynamicsE2.Decay decay,
        CaDynamicsE2.Parameters p
    )
    {
        var perIca = Vector256.Create(
            -10000 * p.Gamma / (2 * MechanismConstants.FaradayCPerMol * p.DepthUm) * p.DecayMs
        );
        var min = Vector256.Create(p.MinCaiMm);
        var f = Vector256.Create(decay.Factor);
        foreach (int n in nodes)
        {
            int o = n * lanes;
            for (int l = 0; l < lanes; l += Width)
            {
                var steady = perIca * Load(icaMaPerCm2, o + l) + min;
                Store(steady + (Load(caiMm, o + l) - steady) * f, caiMm, o + l);
            }
        }
    }
}
