using System.Runtime.Intrinsics;

namespace Kit.Neuron.Simulation;

// The tree system: assembly of the diagonal and right-hand side, and the Hines solve.
internal static partial class LaneKernels
{
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
