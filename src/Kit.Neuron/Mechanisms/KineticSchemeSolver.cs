namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Solves a <see cref="KineticScheme"/>: its steady state (Q·p = 0 with Σp = 1) and one implicit (backward Euler)
/// step <c>(I − dt·Q(v, C))·p_new = p_old</c> with the rates at the new voltage, as NEURON's sparse solver does for a
/// KINETIC block. Backward Euler is A-stable and keeps Σp = 1 exactly (Q's columns sum to zero). Dense Gaussian
/// elimination with partial pivoting: schemes have a handful of states. One solver holds the scratch space for one
/// scheme; not thread-safe.
/// </summary>
public sealed class KineticSchemeSolver
{
    private readonly double[] q;
    private readonly double[] a;
    private readonly double[] rhs;

    /// <summary>A solver for <paramref name="scheme"/>.</summary>
    public KineticSchemeSolver(KineticScheme scheme)
    {
        Scheme = scheme;
        int n = scheme.States.Length;
        q = new double[n * n];
        a = new double[n * n];
        rhs = new double[n];
    }

    /// <summary>The scheme.</summary>
    public KineticScheme Scheme { get; }

    /// <summary>
    /// Steady-state occupancies at fixed <paramref name="voltageMv"/> (mV) and <paramref name="ligandMm"/> (mM):
    /// solves Q·p = 0 with the last equation replaced by Σp = 1 (NEURON's STEADYSTATE with CONSERVE).
    /// </summary>
    public double[] SteadyState(double voltageMv, double ligandMm)
    {
        int n = Scheme.States.Length;
        Scheme.RateMatrix(voltageMv, ligandMm, q);
        q.CopyTo(a, 0);
        for (int j = 0; j < n; j++)
            a[(n - 1) * n + j] = 1;
        Array.Clear(rhs);
        rhs[n - 1] = 1;
        Solve(n);
        return (double[])rhs.Clone();
    }

    /// <summary>
    /// Advances <paramref name="occupancy"/> in place by one backward-Euler step of <paramref name="dtMs"/> (ms) with
    /// the rates at <paramref name="voltageMv"/> (mV) and <paramref name="ligandMm"/> (mM).
    /// </summary>
    public void Step(Span<double> occupancy, double voltageMv, double ligandMm, double dtMs)
    {
        int n = Scheme.States.Length;
        Scheme.RateMatrix(voltageMv, ligandMm, q);
        for (int i = 0; i < n * n; i++)
            a[i] = -dtMs * q[i];
        for (int i = 0; i < n; i++)
        {
            a[i * n + i] += 1;
            rhs[i] = occupancy[i];
        }
        Solve(n);
        rhs.AsSpan(0, n).CopyTo(occupancy);
    }

    /// <summary>Solves a·x = rhs in place (x into rhs) by Gaussian elimination with partial pivoting.</summary>
    private void Solve(int n)
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            for (int i = k + 1; i < n; i++)
                if (Math.Abs(a[i * n + k]) > Math.Abs(a[p * n + k]))
                    p = i;
            if (a[p * n + k] == 0)
                throw new InvalidOperationException(
                    $"kinetic scheme {Scheme.Name}: singular system (a state is unreachable)"
                );
            if (p != k)
            {
                for (int j = 0; j < n; j++)
                    (a[k * n + j], a[p * n + j]) = (a[p * n + j], a[k * n + j]);
                (rhs[k], rhs[p]) = (rhs[p], rhs[k]);
            }
            for (int i = k + 1; i < n; i++)
            {
                double f = a[i * n + k] / a[k * n + k];
                if (f == 0)
                    continue;
                for (int j = k; j < n; j++)
                    a[i * n + j] -= f * a[k * n + j];
                rhs[i] -= f * rhs[k];
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = rhs[i];
            for (int j = i + 1; j < n; j++)
                s -= a[i * n + j] * rhs[j];
            rhs[i] = s / a[i * n + i];
        }
    }
}
