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
/// The kernels live in partial files named for what they hold: <c>LaneKernels.VectorMath.cs</c> (exp, ln, array sums),
/// <c>.Gates.cs</c>, <c>.Channels.cs</c>, <c>.Synapses.cs</c>, <c>.Calcium.cs</c> and <c>.Hines.cs</c> (assembly and solve).
/// </summary>
internal static partial class LaneKernels
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
}
