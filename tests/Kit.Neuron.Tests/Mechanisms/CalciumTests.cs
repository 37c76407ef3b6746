using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Tests.Mechanisms;

public class CalciumTests
{
    [Fact]
    public void NernstMatchesTheSpecAndNeuronAtSixPointThreeDegrees()
    {
        Assert.Equal(12.04057, CaDynamicsE2.NernstScaleMv(), 5);
        Assert.Equal(127.5895, CaDynamicsE2.Eca(5e-5), 3); // NEURON at t = 0
        Assert.Equal(119.24, CaDynamicsE2.Eca(1e-4), 2);
        // the 34 °C counterfactual (docs/units-and-conventions.md, "Ions and reversal potentials")
        Assert.Equal(140.2, CaDynamicsE2.Eca(5e-5, celsius: 34), 1);
    }

    [Fact]
    public void WithoutCurrentCaiRelaxesFromCai0ToMinCaiWithTheDecayTimeConstant()
    {
        var p = CaDynamicsE2.Parameters.Apical;
        double cai = MechanismConstants.Cai0Mm;
        double dt = 0.025;
        int n = (int)Math.Round(p.DecayMs / dt);
        var decay = CaDynamicsE2.Decay.For(p, dt);
        for (int k = 0; k < n; k++)
            cai = CaDynamicsE2.Advance(cai, 0, decay, p);
        double expected = 1e-4 + (5e-5 - 1e-4) * Math.Exp(-n * dt / p.DecayMs);
        Assert.Equal(expected, cai, 15);
    }

    [Fact]
    public void ConstantInwardCurrentRaisesCaiToTheAnalyticSteadyState()
    {
        var p = CaDynamicsE2.Parameters.Soma;
        double ica = -1e-4; // mA/cm², inward
        double steady =
            p.MinCaiMm
            - 10000
                * ica
                * p.Gamma
                / (2 * MechanismConstants.FaradayCPerMol * p.DepthUm)
                * p.DecayMs;
        Assert.True(steady > p.MinCaiMm);
        double cai = CaDynamicsE2.Advance(5e-5, ica, 1e6, p);
        Assert.Equal(steady, cai, 15);
        Assert.Equal(0, CaDynamicsE2.Derivative(steady, ica, p), 15);
        // the exact step agrees with the derivative for a small dt
        double c1 = CaDynamicsE2.Advance(2e-4, ica, 1e-6, p);
        Assert.Equal(CaDynamicsE2.Derivative(2e-4, ica, p), (c1 - 2e-4) / 1e-6, 9);
    }

    [Fact]
    public void NodeKernelsMatchTheScalarFunctions()
    {
        var p = CaDynamicsE2.Parameters.Axon;
        int lanes = 2;
        double[] cai = [1e-4, 2e-4, 9, 9, 3e-4, 5e-5];
        double[] ica = [-1e-3, 0, 0, 0, 2e-4, -5e-4];
        var before = cai.ToArray();
        CaDynamicsE2.AdvanceNodes(cai, ica, [0, 2], lanes, CaDynamicsE2.Decay.For(p, 0.1), p);
        foreach (int i in new[] { 0, 1, 4, 5 })
            Assert.Equal(CaDynamicsE2.Advance(before[i], ica[i], 0.1, p), cai[i], 15);
        Assert.Equal(9, cai[2]); // node 1 not listed
        var eca = new double[6];
        CaDynamicsE2.UpdateEcaNodes(cai, eca, [2], lanes);
        Assert.Equal(CaDynamicsE2.Eca(cai[5]), eca[5], 12);
        Assert.Equal(0, eca[0]);
    }
}
