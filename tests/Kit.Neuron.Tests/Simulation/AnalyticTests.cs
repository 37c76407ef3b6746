using Kit.Neuron.Cells;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Simulation;

/// <summary>Engine checks against closed-form solutions and a dense linear solve.</summary>
public sealed class AnalyticTests(ITestOutputHelper output)
{
    private static Kit.Neuron.Morphology.Morphology Cable(
        double lengthUm,
        double diamUm,
        int nseg
    ) =>
        new(
            "cable",
            [Section.Cylinder("soma[0]", SectionType.Soma, -1, 0, lengthUm, diamUm, nseg)]
        );

    [Fact]
    public void Passive_soma_charges_like_an_rc_circuit()
    {
        // One isopotential compartment: area π·d·L; R = 1/(gpas·A·1e-2) MΩ, C = cm·A·1e-5 nF, τ = cm/gpas·1e-3 ms.
        double l = 20,
            d = 20,
            gpas = 1e-4,
            cm = 1,
            e = -70,
            amp = 0.1,
            dt = 0.025;
        var cell = PassiveCell.Build(Cable(l, d, 1), cm, gpas, e);
        double area = Math.PI * d * l;
        double rMOhm = 1 / (gpas * area * 1e-2);
        double tauMs = cm / gpas * 1e-3;
        var sim = new Kit.Neuron.Simulation.Simulation(cell, new SimulationOptions { DtMs = dt });
        sim.AddStimulus(new CurrentClamp(0, amp, 0, 1e9));
        var v = sim.Run(50, RecordingPlan.Of(-1, new Probe("v", 0, dt))).Trace("v");
        double vInf = e + amp * rMOhm;
        double maxBe = 0,
            maxExact = 0;
        for (int k = 0; k < v.Length; k++)
        {
            // Backward Euler on dV/dt = (vInf - V)/τ: V_k = vInf + (V_0 - vInf)·(1 + dt/τ)^-k (exact for the scheme).
            double be = vInf + (e - vInf) * Math.Pow(1 + dt / tauMs, -k);
            double exact = vInf + (e - vInf) * Math.Exp(-k * dt / tauMs);
            maxBe = Math.Max(maxBe, Math.Abs(v[k] - be));
            maxExact = Math.Max(maxExact, Math.Abs(v[k] - exact));
        }
        output.WriteLine(
            $"R {rMOhm:F2} MΩ, τ {tauMs} ms: max |V − BE| {maxBe:E2}, max |V − exact| {maxExact:E2} mV"
        );
        Assert.True(maxBe < 1e-9, $"differs from the backward-Euler recursion by {maxBe}");
        Assert.True(
            maxExact < 0.02 * amp * rMOhm,
            $"differs from the continuous solution by {maxExact}"
        );
        Assert.True(maxExact > 1e-6, "a first-order scheme must show some error at dt = 0.025");
    }

    [Fact]
    public void Sealed_cable_steady_state_matches_the_cable_equation()
    {
        // Cable of length λ, current into the first node (x0 = Δ/2); continuous Green's function of the sealed cable:
        // V(x) − E = I·r_a·λ·cosh(min(x, x0)/λ)·cosh((L − max(x, x0))/λ)/sinh(L/λ).
        double d = 2,
            gpas = 1e-4,
            ra = 100,
            e = -70,
            amp = 0.05;
        double lambdaUm = Math.Sqrt(d * 1e-4 / (4 * ra * gpas)) * 1e4;
        double l = lambdaUm;
        int n = 101;
        var cell = PassiveCell.Build(Cable(l, d, n), 1, gpas, e, ra);
        var sim = new Kit.Neuron.Simulation.Simulation(cell, new SimulationOptions { DtMs = 1 });
        sim.AddStimulus(new CurrentClamp(0, amp, 0, 1e9));
        for (int s = 0; s < 2000; s++)
            sim.Step();
        double raPerUm = 4 * ra / (Math.PI * d * d) * 0.01; // MΩ/µm
        double dx = l / n,
            x0 = dx / 2;
        double maxRel = 0;
        for (int i = 0; i < n; i++)
        {
            double x = (i + 0.5) * dx;
            double expected =
                amp
                * raPerUm
                * lambdaUm
                * Math.Cosh(Math.Min(x, x0) / lambdaUm)
                * Math.Cosh((l - Math.Max(x, x0)) / lambdaUm)
                / Math.Sinh(l / lambdaUm);
            double actual = sim.VoltageMv(cell.Tree.NodeAt(0, (i + 0.5) / n)) - e;
            maxRel = Math.Max(maxRel, Math.Abs(actual - expected) / expected);
        }
        output.WriteLine($"λ = {lambdaUm:F1} µm, {n} segments: max relative error {maxRel:E2}");
        Assert.True(maxRel < 1e-4, $"relative error {maxRel}");
        // The end node of a sealed cable carries no current: it equals the last membrane node.
        Assert.Equal(
            sim.VoltageMv(cell.Tree.NodeAt(0, 1 - 0.5 / n)),
            sim.VoltageMv(cell.Tree.EndNodeOf(0)),
            9
        );
    }

    [Fact]
    public void Hines_solve_equals_a_dense_solve_on_a_random_tree()
    {
        var rng = new System.Random(12345);
        int n = 60,
            lanes = 3;
        var parent = new int[n];
        var off = new double[n];
        parent[0] = -1;
        for (int k = 1; k < n; k++)
        {
            parent[k] = rng.Next(k);
            off[k] = -(0.1 + rng.NextDouble());
        }
        var d = new double[n * lanes];
        var rhs = new double[n * lanes];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = 0.01 + rng.NextDouble();
            rhs[i] = rng.NextDouble() - 0.5;
        }
        for (int k = 1; k < n; k++)
        for (int l = 0; l < lanes; l++)
        {
            d[k * lanes + l] -= off[k];
            d[parent[k] * lanes + l] -= off[k];
        }
        var dense = new double[lanes][];
        for (int l = 0; l < lanes; l++)
        {
            var a = new double[n, n];
            var b = new double[n];
            for (int k = 0; k < n; k++)
            {
                a[k, k] = d[k * lanes + l];
                b[k] = rhs[k * lanes + l];
                if (k > 0)
                    a[k, parent[k]] = a[parent[k], k] = off[k];
            }
            dense[l] = GaussSolve(a, b);
        }
        HinesSolver.Solve(parent, off, d, rhs, lanes);
        for (int l = 0; l < lanes; l++)
        for (int k = 0; k < n; k++)
            Assert.Equal(dense[l][k], rhs[k * lanes + l], 10);
    }

    [Fact]
    public void Tree_numbers_parents_before_children_with_junction_nodes()
    {
        var m = Morphologies.Synthetic();
        var tree = CompartmentTree.Build(Discretization.Build(m));
        Assert.Equal(tree.Discretization.Segments.Length + m.Sections.Length, tree.Nodes);
        Assert.Equal(-1, tree.Parent[0]);
        for (int k = 1; k < tree.Nodes; k++)
        {
            Assert.InRange(tree.Parent[k], 0, k - 1);
            Assert.True(tree.CouplingUs[k] > 0);
        }
        for (int s = 1; s < m.Sections.Length; s++)
        {
            var sec = m.Sections[s];
            int expected =
                sec.ParentX >= 1
                    ? tree.EndNodeOf(sec.ParentIndex)
                    : tree.NodeAt(sec.ParentIndex, sec.ParentX);
            Assert.Equal(expected, tree.Parent[tree.FirstNodeOf(s)]);
            Assert.False(tree.HasMembrane(tree.EndNodeOf(s)));
        }
    }

    private static double[] GaussSolve(double[,] a, double[] b)
    {
        int n = b.Length;
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int r = c + 1; r < n; r++)
                if (Math.Abs(a[r, c]) > Math.Abs(a[p, c]))
                    p = r;
            for (int j = 0; j < n; j++)
                (a[c, j], a[p, j]) = (a[p, j], a[c, j]);
            (b[c], b[p]) = (b[p], b[c]);
            for (int r = c + 1; r < n; r++)
            {
                double f = a[r, c] / a[c, c];
                for (int j = c; j < n; j++)
                    a[r, j] -= f * a[c, j];
                b[r] -= f * b[c];
            }
        }
        var x = new double[n];
        for (int r = n - 1; r >= 0; r--)
        {
            double s = b[r];
            for (int j = r + 1; j < n; j++)
                s -= a[r, j] * x[j];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
