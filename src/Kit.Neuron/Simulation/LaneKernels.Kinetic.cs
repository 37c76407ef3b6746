using System.Runtime.Intrinsics;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

// Kinetic schemes: one backward-Euler step of 4 lanes of one scheme instance.
internal static partial class LaneKernels
{
    /// <summary>
    /// As <see cref="KineticSchemeSolver.Step"/> on each of lanes <paramref name="lane"/> … +3 of one instance:
    /// <c>(I − dt·Q(v, C))·p' = p</c> with the rates at each lane's <paramref name="vMv"/> and
    /// <paramref name="ligandMm"/>, 4 lanes per vector. The occupancy of state s, lane l is at
    /// <c>occupancy[s·lanes + l]</c>. Same operations in the same order as the scalar solver's elimination; that one
    /// pivots partially, and I − dt·Q never needs a row swap (its columns are diagonally dominant: Q's off-diagonal
    /// rates are ≥ 0 and each column sums to 0), so this kernel eliminates without swaps and the results are equal.
    /// Returns false, leaving the occupancy untouched, when some lane would swap rows or meets a zero pivot (negative
    /// rates): the caller then steps the lanes with the scalar solver.
    /// </summary>
    /// <param name="scheme">The scheme.</param>
    /// <param name="occupancy">The instance's states × lanes block.</param>
    /// <param name="lanes">Lanes of the block (a multiple of 4).</param>
    /// <param name="lane">First of the 4 lanes.</param>
    /// <param name="vMv">Voltage of the 4 lanes (mV).</param>
    /// <param name="ligandMm">Ligand of the 4 lanes (mM).</param>
    /// <param name="dtMs">Step (ms).</param>
    /// <param name="a">Scratch, states² · 4.</param>
    /// <param name="x">Scratch, states · 4.</param>
    public static bool StepKineticScheme(
        KineticScheme scheme,
        Span<double> occupancy,
        int lanes,
        int lane,
        ReadOnlySpan<double> vMv,
        ReadOnlySpan<double> ligandMm,
        double dtMs,
        Span<double> a,
        Span<double> x
    )
    {
        int n = scheme.States.Length;
        a[..(n * n * Width)].Clear();
        for (int w = 0; w < Width; w++)
            scheme.AddRates(vMv[w], ligandMm[w], a, Width, w);
        var minusDt = Vector256.Create(-dtMs);
        var one = Vector256<double>.One;
        for (int i = 0; i < n * n; i++)
            Store(minusDt * Load(a, i * Width), a, i * Width);
        for (int i = 0; i < n; i++)
        {
            int ii = (i * n + i) * Width;
            Store(Load(a, ii) + one, a, ii);
            Store(Load(occupancy, i * lanes + lane), x, i * Width);
        }
        for (int k = 0; k < n; k++)
        {
            var pivot = Load(a, (k * n + k) * Width);
            if (Vector256.EqualsAny(pivot, Vector256<double>.Zero))
                return false;
            var size = Vector256.Abs(pivot);
            for (int i = k + 1; i < n; i++)
                if (Vector256.GreaterThanAny(Vector256.Abs(Load(a, (i * n + k) * Width)), size))
                    return false;
            var xk = Load(x, k * Width);
            for (int i = k + 1; i < n; i++)
            {
                var f = Load(a, (i * n + k) * Width) / pivot;
                if (Vector256.EqualsAll(f, Vector256<double>.Zero))
                    continue;
                for (int j = k; j < n; j++)
                {
                    int ij = (i * n + j) * Width;
                    Store(Load(a, ij) - f * Load(a, (k * n + j) * Width), a, ij);
                }
                Store(Load(x, i * Width) - f * xk, x, i * Width);
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            var s = Load(x, i * Width);
            for (int j = i + 1; j < n; j++)
                s -= Load(a, (i * n + j) * Width) * Load(x, j * Width);
            Store(s / Load(a, (i * n + i) * Width), x, i * Width);
        }
        for (int i = 0; i < n; i++)
            Store(Load(x, i * Width), occupancy, i * lanes + lane);
        return true;
    }
}
