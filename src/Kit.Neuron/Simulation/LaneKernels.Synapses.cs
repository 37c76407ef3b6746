using System.Runtime.Intrinsics;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

// Synapse kernels: the double-exponential and AMPA+NMDA currents and the decay of the synaptic states.
internal static partial class LaneKernels
{
    /// <summary>As <see cref="DoubleExponentialSynapse.AccumulateCurrent"/>, 4 lanes at a time.</summary>
    public static void AccumulateDoubleExponential(
        double eMv,
        ReadOnlySpan<double> state,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> gmaxUs,
        ReadOnlySpan<double> vMv,
        Span<double> iNa,
        Span<double> gUs
    )
    {
        int block = nodeOf.Length * lanes;
        var e = Vector256.Create(eMv);
        for (int k = 0; k < nodeOf.Length; k++)
        {
            var gmax = Vector256.Create(gmaxUs[k]);
            int o = nodeOf[k] * lanes;
            for (int l = 0; l < lanes; l += Width)
            {
                int s = k * lanes + l;
                var gv = gmax * (Load(state, block + s) - Load(state, s));
                Store(Load(iNa, o + l) + gv * (Load(vMv, o + l) - e), iNa, o + l);
                Store(Load(gUs, o + l) + gv, gUs, o + l);
            }
        }
    }

    /// <summary>As <see cref="AmpaNmdaSynapse.AccumulateCurrent"/>, 4 lanes at a time (Mg block with a vector exp).</summary>
    public static void AccumulateAmpaNmda(
        AmpaNmdaSynapse synapse,
        ReadOnlySpan<double> state,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> gmaxUs,
        ReadOnlySpan<double> vMv,
        Span<double> iNa,
        Span<double> gUs
    )
    {
        int block = nodeOf.Length * lanes;
        var e = Vector256.Create(synapse.EMv);
        var mg = Vector256.Create(synapse.MgMm / 3.57);
        var slopeK = Vector256.Create(-0.08);
        var k008 = Vector256.Create(0.08);
        var one = Vector256<double>.One;
        for (int k = 0; k < nodeOf.Length; k++)
        {
            var gmax = Vector256.Create(gmaxUs[k]);
            int o = nodeOf[k] * lanes;
            for (int l = 0; l < lanes; l += Width)
            {
                int s = k * lanes + l;
                var ga = gmax * (Load(state, block + s) - Load(state, s));
                var gn = gmax * (Load(state, 3 * block + s) - Load(state, 2 * block + s));
                var v = Load(vMv, o + l);
                var x = Exp(slopeK * v) * mg;
                var b = one / (one + x);
                var dv = v - e;
                var i = (ga + gn * b) * dv;
                var slope = ga + gn * (b + dv * k008 * b * (one - b));
                Store(Load(iNa, o + l) + i, iNa, o + l);
                Store(Load(gUs, o + l) + slope, gUs, o + l);
            }
        }
    }

    /// <summary>As <see cref="SynapseKernels.Advance"/> (decay, flush below 1e-30), any lane count.</summary>
    public static void AdvanceSynapseStates(Span<double> state, ReadOnlySpan<double> decay)
    {
        int block = state.Length / decay.Length;
        var tiny = Vector256.Create(SynapseKernels.FlushBelow);
        for (int s = 0; s < decay.Length; s++)
        {
            var b = state.Slice(s * block, block);
            double f = decay[s];
            var fv = Vector256.Create(f);
            int i = 0;
            for (; i <= b.Length - Width; i += Width)
            {
                var x = Load(b, i) * fv;
                Store(
                    Vector256.ConditionalSelect(
                        Vector256.LessThan(Vector256.Abs(x), tiny),
                        Vector256<double>.Zero,
                        x
                    ),
                    b,
                    i
                );
            }
            for (; i < b.Length; i++)
            {
                double x = b[i] * f;
                b[i] = Math.Abs(x) < SynapseKernels.FlushBelow ? 0 : x;
            }
        }
    }
}
