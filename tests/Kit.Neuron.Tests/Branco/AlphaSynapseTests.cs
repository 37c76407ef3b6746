using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Tests.Branco;

/// <summary>NEURON's AlphaSynapse as used for the Branco AMPA synapse.</summary>
public sealed class AlphaSynapseTests
{
    private static readonly AlphaSynapse Ampa = AlphaSynapse.BrancoAmpa;

    [Fact]
    public void PeaksAtGMaxOneTauAfterOnset()
    {
        Assert.Equal(Ampa.GMaxUs, Ampa.ConductanceUs(Ampa.TauMs), 15);
        Assert.True(Ampa.ConductanceUs(Ampa.TauMs - 0.01) < Ampa.GMaxUs);
        Assert.True(Ampa.ConductanceUs(Ampa.TauMs + 0.01) < Ampa.GMaxUs);
    }

    [Fact]
    public void HardCutOffAtTenTau()
    {
        Assert.Equal(0, Ampa.ConductanceUs(-0.001));
        Assert.Equal(Ampa.GMaxUs * 10 * Math.Exp(-9), Ampa.ConductanceUs(10 * Ampa.TauMs), 15);
        Assert.Equal(0, Ampa.ConductanceUs(10 * Ampa.TauMs + 1e-9));
        Assert.Equal(0, Ampa.ConductanceUs(100));
    }
}
