using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// The engine's SIMD kernels: the same arithmetic as the scalar reference kernels (<see cref="ChannelKernels"/>,
/// <see cref="Passive"/>, the synapses' <c>AccumulateCurrent</c>, <see cref="HinesSolver"/>, <see cref="CaDynamicsE2"/>,
/// <see cref="SynapseKernels"/>) on <see cref="Width"/> lanes at once with <see cref="Vector256{T}"/> (AVX2).
/// Every [node × lane] array is read in groups of 4 consecutive lanes of one node, so they need
/// <c>lanes % 4 == 0</c>. Same operations in the same order as the scalar code, so the results are bitwise equal,
/// except where a transcendental is evaluated in vector form (<see cref="Exp"/> for the Mg block and SK_E2's power,
/// <see cref="Log"/> for ln cai), which differs from <see cref="Math"/> by an ulp or so. Rate tables are read at a table coordinate computed once per node
/// and lane for all gates (<see cref="TableCoordinates"/>), one 4-value load per lane and a register transpose.
/// </summary>
internal static unsafe class LaneKernels
{
    /// <summary>Lanes per vector.</summary>
    public const int Width = 4;

    /// <summary>Whether this CPU runs the kernels (AVX2).</summary>
    public static bool Supported => Avx2.IsSupported && Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Load(ReadOnlySpan<double> s, int i) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<double> x, Span<double> s, int i) =>
        x.StoreUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Power(Vector256<double> x, int p) =>
        p switch
        {
            1 => x,
            2 => x * x,
            3 => x * x * x,
            _ => x * x * (x * x),
        };

    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01; // fdlibm: 32 significant bits, k·Ln2Hi exact
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double RoundMagic = 6755399441055744.0; // 1.5·2^52

    /// <summary>
    /// exp(x) for 4 lanes, |x| ≤ 700 (clamped): x = k·ln2 + r with |r| ≤ ln2/2 (Cody–Waite), e^r by its degree-13
    /// Taylor polynomial (truncation &lt; 1e-17 relative), 2^k added to the exponent bits. Within ~2 ulp of
    /// <see cref="Math.Exp"/>; ~3× faster than <see cref="Vector256.Exp(Vector256{double})"/> here.
    /// </summary>
    public static Vector256<double> Exp(Vector256<double> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-700.0)), Vector256.Create(700.0));
        var magic = Vector256.Create(RoundMagic);
        var kd = x * Vector256.Create(Log2E) + magic;
        var k = kd - magic;
        var r = x - k * Vector256.Create(Ln2Hi) - k * Vector256.Create(Ln2Lo);
        var p = Vector256.Create(1.0 / 6227020800.0); // 1/13!
        p = p * r + Vector256.Create(1.0 / 479001600.0);
        p = p * r + Vector256.Create(1.0 / 39916800.0);
        p = p * r + Vector256.Create(1.0 / 3628800.0);
        p = p * r + Vector256.Create(1.0 / 362880.0);
        p = p * r + Vector256.Create(1.0 / 40320.0);
        p = p * r + Vector256.Create(1.0 / 5040.0);
        p = p * r + Vector256.Create(1.0 / 720.0);
        p = p * r + Vector256.Create(1.0 / 120.0);
        p = p * r + Vector256.Create(1.0 / 24.0);
        p = p * r + Vector256.Create(1.0 / 6.0);
        p = p * r + Vector256.Create(0.5);
        p = p * r + Vector256<double>.One;
        p = p * r + Vector256<double>.One;
        var e = (kd.AsInt64() - Vector256.Create(0x4338000000000000L)) << 52;
        return (p.AsInt64() + e).AsDouble();
    }

    private const double Sqrt2 = 1.4142135623730951;

    /// <summary>
    /// ln(x) for 4 lanes of positive normal x: x = m·2^e with m in [√½, √2), ln m = 2·atanh(s) for s = (m − 1)/(m + 1)
    /// (|s| ≤ 0.172) by its series to s²⁵ (truncation &lt; 1e-18 relative), plus e·ln2 in two parts. Within ~2 ulp
    /// of <see cref="Math.Log(double)"/>; ~2× faster than <see cref="Vector256.Log(Vector256{double})"/> here.
    /// </summary>
    public static Vector256<double> Log(Vector256<double> x)
    {
        var bits = x.AsInt64();
        var exponent = (bits >>> 52) - Vector256.Create(1023L);
        var m = (
            (bits & Vector256.Create(0x000FFFFFFFFFFFFFL)) | Vector256.Create(0x3FF0000000000000L)
        ).AsDouble();
        var big = Vector256.GreaterThanOrEqual(m, Vector256.Create(Sqrt2));
        m = Vector256.ConditionalSelect(big, m * Vector256.Create(0.5), m);
        exponent -= big.AsInt64(); // all-ones lanes are −1
        var magic = Vector256.Create(RoundMagic);
        var e = (exponent + Vector256.Create(0x4338000000000000L)).AsDouble() - magic;
        var one = Vector256<double>.One;
        var sv = (m - one) / (m + one);
        var z = sv * sv;
        var p = Vector256.Create(1.0 / 25);
        p = p * z + Vector256.Create(1.0 / 23);
        p = p * z + Vector256.Create(1.0 / 21);
        p = p * z + Vector256.Create(1.0 / 19);
        p = p * z + Vector256.Create(1.0 / 17);
        p = p * z + Vector256.Create(1.0 / 15);
        p = p * z + Vector256.Create(1.0 / 13);
        p = p * z + Vector256.Create(1.0 / 11);
        p = p * z + Vector256.Create(1.0 / 9);
        p = p * z + Vector256.Create(1.0 / 7);
        p = p * z + Vector256.Create(1.0 / 5);
        p = p * z + Vector256.Create(1.0 / 3);
        var lnM = Vector256.Create(2.0) * sv + Vector256.Create(2.0) * sv * z * p;
        return e * Vector256.Create(Ln2Hi) + (lnM + e * Vector256.Create(Ln2Lo));
    }

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

    /// <summary><c>y[i] += x[i]</c> over whole arrays (any length).</summary>
    public static void AddTo(Span<double> y, ReadOnlySpan<double> x)
    {
        int i = 0;
        for (; i <= y.Length - Width; i += Width)
            Store(Load(y, i) + Load(x, i), y, i);
        for (; i < y.Length; i++)
            y[i] += x[i];
    }

    /// <summary><c>y[i] += a[i]·b[i]</c> over whole arrays (any length).</summary>
    public static void AddProduct(Span<double> y, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int i = 0;
        for (; i <= y.Length - Width; i += Width)
            Store(Load(y, i) + Load(a, i) * Load(b, i), y, i);
        for (; i < y.Length; i++)
            y[i] += a[i] * b[i];
    }

    /// <summary><c>y[i] += f·x[i]</c> over whole arrays (any length).</summary>
    public static void AddScaled(Span<double> y, double f, ReadOnlySpan<double> x)
    {
        var fv = Vector256.Create(f);
        int i = 0;
        for (; i <= y.Length - Width; i += Width)
            Store(Load(y, i) + fv * Load(x, i), y, i);
        for (; i < y.Length; i++)
            y[i] += f * x[i];
    }

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

    /// <summary>
    /// The diagonal and right-hand side of the tree system (as <see cref="Simulation"/>'s scalar assembly):
    /// <c>d = C/dt + g·area + gSyn</c>, <c>rhs = −(i·area + iSyn)</c>, then the axial terms node–parent.
    /// </summary>
    public static void Assemble(
        int lanes,
        ReadOnlySpan<int> parent,
        ReadOnlySpan<double> coupling,
        ReadOnlySpan<double> capOverDt,
        ReadOnlySpan<double> areaFactor,
        ReadOnlySpan<double> gDensity,
        ReadOnlySpan<double> iDensity,
        ReadOnlySpan<double> gUs,
        ReadOnlySpan<double> iNa,
        ReadOnlySpan<double> v,
        Span<double> d,
        Span<double> rhs
    )
    {
        int nodes = parent.Length;
        for (int k = 0; k < nodes; k++)
        {
            var af = Vector256.Create(areaFactor[k]);
            var c = Vector256.Create(capOverDt[k]);
            int o = k * lanes;
            for (int l = 0; l < lanes; l += Width)
            {
                Store(c + Load(gDensity, o + l) * af + Load(gUs, o + l), d, o + l);
                Store(-(Load(iDensity, o + l) * af + Load(iNa, o + l)), rhs, o + l);
            }
        }
        for (int k = 1; k < nodes; k++)
        {
            var g = Vector256.Create(coupling[k]);
            int ok = k * lanes,
                op = parent[k] * lanes;
            for (int l = 0; l < lanes; l += Width)
            {
                var axial = g * (Load(v, op + l) - Load(v, ok + l));
                Store(Load(rhs, ok + l) + axial, rhs, ok + l);
                Store(Load(rhs, op + l) - axial, rhs, op + l);
                Store(Load(d, ok + l) + g, d, ok + l);
                Store(Load(d, op + l) + g, d, op + l);
            }
        }
    }

    /// <summary>As <see cref="HinesSolver.Solve"/>, 4 lanes at a time.</summary>
    public static void HinesSolve(
        ReadOnlySpan<int> parent,
        ReadOnlySpan<double> offDiagonal,
        Span<double> d,
        Span<double> rhs,
        int lanes
    )
    {
        int nodes = parent.Length;
        var one = Vector256<double>.One;
        for (int k = nodes - 1; k >= 1; k--)
        {
            var a = Vector256.Create(offDiagonal[k]);
            int ok = k * lanes,
                op = parent[k] * lanes;
            for (int l = 0; l < lanes; l += Width)
            {
                var inv = one / Load(d, ok + l);
                Store(inv, d, ok + l);
                var f = a * inv;
                Store(Load(d, op + l) - f * a, d, op + l);
                Store(Load(rhs, op + l) - f * Load(rhs, ok + l), rhs, op + l);
            }
        }
        for (int l = 0; l < lanes; l += Width)
            Store(Load(rhs, l) / Load(d, l), rhs, l);
        for (int k = 1; k < nodes; k++)
        {
            var a = Vector256.Create(offDiagonal[k]);
            int ok = k * lanes,
                op = parent[k] * lanes;
            for (int l = 0; l < lanes; l += Width)
                Store((Load(rhs, ok + l) - a * Load(rhs, op + l)) * Load(d, ok + l), rhs, ok + l);
        }
    }
}

/// <summary>One channel group as <see cref="LaneKernels.AccumulateChannelBatch"/> reads it.</summary>
/// <param name="State">Gate states, gate-major blocks of [instance × lane].</param>
/// <param name="Block">Instances × lanes.</param>
/// <param name="Powers">Power of each gate in the open probability.</param>
/// <param name="GbarSPerCm2">Maximal conductance per instance (S/cm²).</param>
/// <param name="ReversalMv">Fixed reversal (mV), or NaN for the node's eca.</param>
/// <param name="Calcium">Whether the current is a Ca current (goes to ica and gca).</param>
internal sealed record FusedChannel(
    double[] State,
    int Block,
    int[] Powers,
    double[] GbarSPerCm2,
    double ReversalMv,
    bool Calcium
);
