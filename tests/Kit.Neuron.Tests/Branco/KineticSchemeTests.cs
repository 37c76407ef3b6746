using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Tests.Branco;

/// <summary>The general kinetic-scheme mechanism and the Branco NMDA scheme as its instance.</summary>
public sealed class KineticSchemeTests
{
    private static readonly KineticScheme Nmda = BrancoNmda.Scheme();

    [Theory]
    [InlineData(-75, 0)]
    [InlineData(-40, 2)]
    [InlineData(0, 0.5)]
    [InlineData(30, 2)]
    public void SteadyStateSolvesQpEqualsZeroAndSumsToOne(double vMv, double cMm)
    {
        var p = new KineticSchemeSolver(Nmda).SteadyState(vMv, cMm);
        int n = Nmda.States.Length;
        var q = new double[n * n];
        Nmda.RateMatrix(vMv, cMm, q);
        Assert.Equal(1, p.Sum(), 12);
        Assert.All(p, x => Assert.True(x >= -1e-15, $"negative occupancy {x}"));
        for (int i = 0; i < n; i++)
        {
            double flux = 0;
            for (int j = 0; j < n; j++)
                flux += q[i * n + j] * p[j];
            Assert.Equal(0, flux, 12);
        }
    }

    [Fact]
    public void RateMatrixColumnsSumToZero()
    {
        int n = Nmda.States.Length;
        var q = new double[n * n];
        Nmda.RateMatrix(-20, 1, q);
        for (int j = 0; j < n; j++)
            Assert.Equal(0, Enumerable.Range(0, n).Sum(i => q[i * n + j]), 12);
    }

    [Fact]
    public void ImplicitStepsWithConstantRatesConvergeToSteadyStateAndConserveTotal()
    {
        var solver = new KineticSchemeSolver(Nmda);
        var target = solver.SteadyState(-30, 1);
        var p = new double[Nmda.States.Length];
        p[0] = 1; // all unbound, far from the bound steady state
        for (int k = 0; k < 40000; k++)
        {
            solver.Step(p, -30, 1, 0.25);
            if (k % 1000 == 0)
                Assert.Equal(1, p.Sum(), 10); // exact in exact arithmetic; rounding drifts ~1e-16 a step
        }
        for (int i = 0; i < p.Length; i++)
            Assert.Equal(target[i], p[i], 9);
    }

    [Fact]
    public void RestingStateHoldsOnlyUAndUMgAsNeuron()
    {
        // the 2020 NMDA_Mg_T initialisation fix: steady state at v_init with no glutamate (NEURON 8.2 values)
        var p = new KineticSchemeSolver(Nmda).SteadyState(-75, 0);
        Assert.Equal(0.108136, p[Nmda.IndexOf("U")], 6);
        Assert.Equal(0.891864, p[Nmda.IndexOf("UMg")], 6);
        double ratio = 5e-5 * BrancoNmda.Eb(-75) / (0.06 * BrancoNmda.Eu(-75));
        Assert.Equal(ratio, p[Nmda.IndexOf("UMg")] / p[Nmda.IndexOf("U")], 9);
        foreach (var s in new[] { "Cl", "O", "D1", "D2", "ClMg", "OMg", "D1Mg", "D2Mg" })
            Assert.Equal(0, p[Nmda.IndexOf(s)], 15);
    }

    [Fact]
    public void BranchStartsFromTheSteadyState()
    {
        var p = BrancoReference.Branch.InitialNmdaOccupancy;
        Assert.Equal(0.108136, p[0], 6);
        Assert.Equal(0.891864, p[5], 6);
    }

    [Fact]
    public void OnlyOConducts()
    {
        Assert.Equal([Nmda.IndexOf("O")], Nmda.ConductingStates.ToArray());
        Assert.Equal(10, Nmda.States.Length);
        Assert.Equal(13, Nmda.Transitions.Length);
    }

    [Fact]
    public void BadSchemesAreRejectedByName()
    {
        KineticRate one = (_, _) => 1;
        var ex = Assert.Throws<ArgumentException>(() =>
            new KineticScheme("bad", ["A", "B"], [new KineticTransition(0, 2, one, one)], [1])
        );
        Assert.Contains("bad", ex.Message);
        Assert.Throws<ArgumentException>(() =>
            new KineticScheme("bad", ["A", "B"], [new KineticTransition(0, 1, one, one)], [5])
        );
        Assert.Throws<KeyNotFoundException>(() => Nmda.IndexOf("X"));
    }
}
