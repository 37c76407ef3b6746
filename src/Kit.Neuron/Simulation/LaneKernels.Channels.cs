using System.Runtime.Intrinsics;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

// Membrane current kernels: the fused channel batches (lanes, or 4 instances of one lane) and the leak.
internal static partial class LaneKernels
{
    /// <summary>
    /// Channel currents of consecutive channel groups on the same nodes in one pass (v and the accumulators are
    /// loaded and stored once per node instead of once per channel). Per node the additions happen in the groups'
    /// order, as in the channel-by-channel scalar code, so the sums are bitwise the same.
    /// </summary>
    /// <param name="channels">Groups sharing <paramref name="nodes"/>, in engine order.</param>
    /// <param name="nodes">Node of each instance (common to the groups).</param>
    /// <param name="lanes">Lanes (a multiple of 4).</param>
    /// <param name="vMv">Membrane potential [node × lane] (mV).</param>
    /// <param name="ecaMv">Nernst eca [node × lane] (mV), for groups without a fixed reversal.</param>
    /// <param name="iDensity">Total current density [node × lane] (mA/cm²).</param>
    /// <param name="gDensity">Conductance of non-Ca channels [node × lane] (S/cm²).</param>
    /// <param name="icaDensity">Ca current density [node × lane] (mA/cm²).</param>
    /// <param name="gcaDensity">Ca conductance [node × lane] (S/cm²).</param>
    public static void AccumulateChannelBatch(
        FusedChannel[] channels,
        ReadOnlySpan<int> nodes,
        int lanes,
        ReadOnlySpan<double> vMv,
        ReadOnlySpan<double> ecaMv,
        Span<double> iDensity,
        Span<double> gDensity,
        Span<double> icaDensity,
        Span<double> gcaDensity
    )
    {
        for (int k = 0; k < nodes.Length; k++)
        {
            int o = nodes[k] * lanes;
            for (int g = 0; g < lanes; g += Width)
            {
                int s = k * lanes + g;
                int n = o + g;
                var v = Load(vMv, n);
                var iAcc = Load(iDensity, n);
                var gAcc = Load(gDensity, n);
                var icaAcc = Load(icaDensity, n);
                var gcaAcc = Load(gcaDensity, n);
                foreach (var ch in channels)
                {
                    var state = ch.State;
                    var powers = ch.Powers;
                    var open = Power(Load(state, s), powers[0]);
                    for (int j = 1; j < powers.Length; j++)
                        open *= Power(Load(state, j * ch.Block + s), powers[j]);
                    var gv = Vector256.Create(ch.GbarSPerCm2[k]) * open;
                    var e = double.IsNaN(ch.ReversalMv)
                        ? Load(ecaMv, n)
                        : Vector256.Create(ch.ReversalMv);
                    var i = gv * (v - e);
                    iAcc += i;
                    if (ch.Calcium)
                    {
                        gcaAcc += gv;
                        icaAcc += i;
                    }
                    else
                        gAcc += gv;
                }
                Store(iAcc, iDensity, n);
                Store(gAcc, gDensity, n);
                Store(icaAcc, icaDensity, n);
                Store(gcaAcc, gcaDensity, n);
            }
        }
    }

    /// <summary>
    /// One lane (latency runs): <see cref="AccumulateChannelBatch"/> over 4 consecutive instances per vector where their
    /// nodes are consecutive, one instance at a time elsewhere; per node the same additions in the same order.
    /// </summary>
    public static void AccumulateChannelBatchSingleLane(
        FusedChannel[] channels,
        ReadOnlySpan<int> nodes,
        ReadOnlySpan<double> vMv,
        ReadOnlySpan<double> ecaMv,
        Span<double> iDensity,
        Span<double> gDensity,
        Span<double> icaDensity,
        Span<double> gcaDensity
    )
    {
        int k = 0;
        for (; k <= nodes.Length - Width; k += Width)
        {
            int n = nodes[k];
            if (nodes[k + 1] != n + 1 || nodes[k + 2] != n + 2 || nodes[k + 3] != n + 3)
            {
                for (int l = 0; l < Width; l++)
                    FusedInstance(
                        channels,
                        k + l,
                        nodes[k + l],
                        vMv,
                        ecaMv,
                        iDensity,
                        gDensity,
                        icaDensity,
                        gcaDensity
                    );
                continue;
            }
            var v = Load(vMv, n);
            var iAcc = Load(iDensity, n);
            var gAcc = Load(gDensity, n);
            var icaAcc = Load(icaDensity, n);
            var gcaAcc = Load(gcaDensity, n);
            foreach (var ch in channels)
            {
                var state = ch.State;
                var powers = ch.Powers;
                var open = Power(Load(state, k), powers[0]);
                for (int j = 1; j < powers.Length; j++)
                    open *= Power(Load(state, j * ch.Block + k), powers[j]);
                var gv = Load(ch.GbarSPerCm2, k) * open;
                var e = double.IsNaN(ch.ReversalMv)
                    ? Load(ecaMv, n)
                    : Vector256.Create(ch.ReversalMv);
                var i = gv * (v - e);
                iAcc += i;
                if (ch.Calcium)
                {
                    gcaAcc += gv;
                    icaAcc += i;
                }
                else
                    gAcc += gv;
            }
            Store(iAcc, iDensity, n);
            Store(gAcc, gDensity, n);
            Store(icaAcc, icaDensity, n);
            Store(gcaAcc, gcaDensity, n);
        }
        for (; k < nodes.Length; k++)
            FusedInstance(
                channels,
                k,
                nodes[k],
                vMv,
                ecaMv,
                iDensity,
                gDensity,
                icaDensity,
                gcaDensity
            );
    }

    private static void FusedInstance(
        FusedChannel[] channels,
        int k,
        int n,
        ReadOnlySpan<double> vMv,
        ReadOnlySpan<double> ecaMv,
        Span<double> iDensity,
        Span<double> gDensity,
        Span<double> icaDensity,
        Span<double> gcaDensity
    )
    {
        double v = vMv[n];
        foreach (var ch in channels)
        {
            var powers = ch.Powers;
            double open = ChannelDefinition.PowerOf(ch.State[k], powers[0]);
            for (int j = 1; j < powers.Length; j++)
                open *= ChannelDefinition.PowerOf(ch.State[j * ch.Block + k], powers[j]);
            double g = ch.GbarSPerCm2[k] * open;
            double e = double.IsNaN(ch.ReversalMv) ? ecaMv[n] : ch.ReversalMv;
            double i = g * (v - e);
            iDensity[n] += i;
            if (ch.Calcium)
            {
                gcaDensity[n] += g;
                icaDensity[n] += i;
            }
            else
                gDensity[n] += g;
        }
    }

    /// <summary>As <see cref="Passive.Accumulate"/>, 4 lanes at a time.</summary>
    public static void AccumulatePassive(
        ReadOnlySpan<double> vMv,
        int lanes,
        ReadOnlySpan<double> gPasSPerCm2,
        ReadOnlySpan<double> ePasMv,
        Span<double> iDensity,
        Span<double> gDensity
    )
    {
        for (int n = 0; n < gPasSPerCm2.Length; n++)
        {
            var g = Vector256.Create(gPasSPerCm2[n]);
            var e = Vector256.Create(ePasMv[n]);
            int o = n * lanes;
            for (int l = 0; l < lanes; l += Width)
            {
                Store(Load(iDensity, o + l) + g * (Load(vMv, o + l) - e), iDensity, o + l);
                Store(Load(gDensity, o + l) + g, gDensity, o + l);
            }
        }
    }
}
