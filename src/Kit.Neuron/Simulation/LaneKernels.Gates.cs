using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

// Gate kernels: table coordinates of every voltage, the cnexp step of tabled voltage gates (lanes, or 4 instances
// of one lane) and SK_E2's calcium gate.
internal static unsafe partial class LaneKernels
{
    /// <summary>
    /// Table coordinates of every [node × lane] voltage on the grid shared by all rate tables: <c>index</c> =
    /// 2·⌊u⌋ (the interleaved offset) and <c>frac</c> = u − ⌊u⌋ for u = (v − vMin)/step inside the grid, index −1
    /// outside (the gate kernels then use the exact rates).
    /// </summary>
    public static void TableCoordinates(
        ReadOnlySpan<double> vMv,
        Span<int> index,
        Span<double> frac,
        double vMinMv,
        double inverseStep,
        double lastPoint
    )
    {
        var vmin = Vector256.Create(vMinMv);
        var inv = Vector256.Create(inverseStep);
        var last = Vector256.Create(lastPoint);
        int i = 0;
        for (; i <= vMv.Length - Width; i += Width)
        {
            var u = (Load(vMv, i) - vmin) * inv;
            var inside =
                Vector256.GreaterThanOrEqual(u, Vector256<double>.Zero)
                & Vector256.LessThan(u, last);
            if (Vector256.ExtractMostSignificantBits(inside) == 0b1111)
            {
                var k = Avx.ConvertToVector128Int32WithTruncation(u);
                Store(u - Avx.ConvertToVector256Double(k), frac, i);
                (k + k).StoreUnsafe(ref MemoryMarshal.GetReference(index), (nuint)i);
            }
            else
                for (int j = i; j < i + Width; j++)
                    ScalarCoordinate(vMv, index, frac, vMinMv, inverseStep, lastPoint, j);
        }
        for (; i < vMv.Length; i++)
            ScalarCoordinate(vMv, index, frac, vMinMv, inverseStep, lastPoint, i);
    }

    private static void ScalarCoordinate(
        ReadOnlySpan<double> vMv,
        Span<int> index,
        Span<double> frac,
        double vMinMv,
        double inverseStep,
        double lastPoint,
        int j
    )
    {
        {
            double u = (vMv[j] - vMinMv) * inverseStep;
            if (u >= 0 && u < lastPoint)
            {
                int k = (int)u;
                index[j] = 2 * k;
                frac[j] = u - k;
            }
            else
            {
                index[j] = -1;
                frac[j] = 0;
            }
        }
    }

    /// <summary>
    /// One cnexp step of a voltage gate from its table at precomputed coordinates (<see cref="TableCoordinates"/>):
    /// <c>inf = a + f·(b − a)</c>, <c>decay = c + f·(d − c)</c>, <c>x ← inf + (x − inf)·decay</c>, as
    /// <see cref="ChannelKernels.Advance"/> does per lane.
    /// </summary>
    public static void AdvanceTabledGate(
        RateTable table,
        Span<double> block,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<int> index,
        ReadOnlySpan<double> frac,
        ReadOnlySpan<double> vMv
    )
    {
        fixed (double* t = table.Values)
        fixed (int* ix = index)
        {
            for (int k = 0; k < nodeOf.Length; k++)
            {
                int o = nodeOf[k] * lanes;
                for (int g = 0; g < lanes; g += Width)
                {
                    int s = k * lanes + g;
                    var j = Vector128.Load(ix + o + g);
                    if (Vector128.LessThanAny(j, Vector128<int>.Zero))
                    {
                        for (int l = 0; l < Width; l++)
                        {
                            ref double xs = ref block[s + l];
                            int jj = index[o + g + l];
                            if (jj < 0)
                                xs = table.Step(xs, vMv[o + g + l]);
                            else
                            {
                                double fs = frac[o + g + l];
                                double infs = t[jj] + fs * (t[jj + 2] - t[jj]);
                                double decs = t[jj + 1] + fs * (t[jj + 3] - t[jj + 1]);
                                xs = infs + (xs - infs) * decs;
                            }
                        }
                        continue;
                    }
                    // Each lane's [inf_i, decay_i, inf_i+1, decay_i+1] is contiguous: four loads and a 4×4
                    // transpose (8 shuffles) beat four vgatherdpd ~4× here (gathers are microcoded slow under the
                    // GDS mitigation).
                    var r0 = Avx.LoadVector256(t + ix[o + g]);
                    var r1 = Avx.LoadVector256(t + ix[o + g + 1]);
                    var r2 = Avx.LoadVector256(t + ix[o + g + 2]);
                    var r3 = Avx.LoadVector256(t + ix[o + g + 3]);
                    var t0 = Avx.UnpackLow(r0, r1);
                    var t1 = Avx.UnpackHigh(r0, r1);
                    var t2 = Avx.UnpackLow(r2, r3);
                    var t3 = Avx.UnpackHigh(r2, r3);
                    var a = Avx.Permute2x128(t0, t2, 0x20);
                    var b = Avx.Permute2x128(t0, t2, 0x31);
                    var c = Avx.Permute2x128(t1, t3, 0x20);
                    var d = Avx.Permute2x128(t1, t3, 0x31);
                    var f = Load(frac, o + g);
                    var inf = a + f * (b - a);
                    var decay = c + f * (d - c);
                    var x = Load(block, s);
                    Store(inf + (x - inf) * decay, block, s);
                }
            }
        }
    }

    /// <summary>
    /// One lane (latency runs): <see cref="AdvanceTabledGate"/> with 4 consecutive instances per vector instead of 4
    /// lanes (their nodes' coordinates and table rows loaded one by one, the same arithmetic, bitwise).
    /// </summary>
    public static void AdvanceTabledGateSingleLane(
        RateTable table,
        Span<double> block,
        ReadOnlySpan<int> nodeOf,
        ReadOnlySpan<int> index,
        ReadOnlySpan<double> frac,
        ReadOnlySpan<double> vMv
    )
    {
        int k = 0;
        fixed (double* t = table.Values)
        {
            for (; k <= nodeOf.Length - Width; k += Width)
            {
                int n0 = nodeOf[k],
                    n1 = nodeOf[k + 1],
                    n2 = nodeOf[k + 2],
                    n3 = nodeOf[k + 3];
                int j0 = index[n0],
                    j1 = index[n1],
                    j2 = index[n2],
                    j3 = index[n3];
                if ((j0 | j1 | j2 | j3) < 0)
                {
                    for (int l = 0; l < Width; l++)
                        ScalarTabledStep(table, t, block, k + l, nodeOf[k + l], index, frac, vMv);
                    continue;
                }
                var r0 = Avx.LoadVector256(t + j0);
                var r1 = Avx.LoadVector256(t + j1);
                var r2 = Avx.LoadVector256(t + j2);
                var r3 = Avx.LoadVector256(t + j3);
                var t0 = Avx.UnpackLow(r0, r1);
                var t1 = Avx.UnpackHigh(r0, r1);
                var t2 = Avx.UnpackLow(r2, r3);
                var t3 = Avx.UnpackHigh(r2, r3);
                var a = Avx.Permute2x128(t0, t2, 0x20);
                var b = Avx.Permute2x128(t0, t2, 0x31);
                var c = Avx.Permute2x128(t1, t3, 0x20);
                var d = Avx.Permute2x128(t1, t3, 0x31);
                var f = Vector256.Create(frac[n0], frac[n1], frac[n2], frac[n3]);
                var inf = a + f * (b - a);
                var decay = c + f * (d - c);
                var x = Load(block, k);
                Store(inf + (x - inf) * decay, block, k);
            }
            for (; k < nodeOf.Length; k++)
                ScalarTabledStep(table, t, block, k, nodeOf[k], index, frac, vMv);
        }
    }

    private static void ScalarTabledStep(
        RateTable table,
        double* t,
        Span<double> block,
        int k,
        int node,
        ReadOnlySpan<int> index,
        ReadOnlySpan<double> frac,
        ReadOnlySpan<double> vMv
    )
    {
        ref double x = ref block[k];
        int j = index[node];
        if (j < 0)
        {
            x = table.Step(x, vMv[node]);
            return;
        }
        double f = frac[node];
        double inf = t[j] + f * (t[j + 2] - t[j]);
        double decay = t[j + 1] + f * (t[j + 3] - t[j + 1]);
        x = inf + (x - inf) * decay;
    }

    /// <summary>
    /// SK_E2's z gate (<see cref="SKE2.Z"/>): <c>inf = 1/(1 + (0.00043/ca)^4.8)</c>, constant tau, with the power as
    /// exp(4.8·(ln 0.00043 − ln ca)) from <see cref="LogCai"/>'s logarithms (lanes with cai &lt; 1e-7 mM, which SK_E2
    /// nudges by 1e-7 mM, take their own log).
    /// </summary>
    public static void AdvanceSkGate(
        Span<double> block,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> caiMm,
        ReadOnlySpan<double> logCai,
        double decayFactor
    )
    {
        var small = Vector256.Create(1e-7);
        var lnKd = Vector256.Create(Math.Log(0.00043));
        var n = Vector256.Create(4.8);
        var one = Vector256<double>.One;
        var dec = Vector256.Create(decayFactor);
        for (int k = 0; k < nodeOf.Length; k++)
        {
            int o = nodeOf[k] * lanes;
            for (int g = 0; g < lanes; g += Width)
            {
                int s = k * lanes + g;
                var lnCa = Load(logCai, o + g);
                var cai = Load(caiMm, o + g);
                var nudge = Vector256.LessThan(cai, small);
                if (Vector256.ExtractMostSignificantBits(nudge) != 0)
                    lnCa = Vector256.ConditionalSelect(nudge, Vector256.Log(cai + small), lnCa);
                var inf = one / (one + Exp(n * (lnKd - lnCa)));
                var x = Load(block, s);
                Store(inf + (x - inf) * dec, block, s);
            }
        }
    }
}
