using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Tests.Mechanisms;

public class ChannelKineticsTests
{
    internal static readonly ChannelDefinition[] VoltageChannels =
    [
        NaTat.Definition,
        NaTs2t.Definition,
        NapEt2.Definition,
        KPst.Definition,
        KTst.Definition,
        SKv31.Definition,
        Im.Definition,
        CaHva.Definition,
        CaLvast.Definition,
        Ih.Definition,
    ];

    public static TheoryData<string> VoltageChannelNames() =>
        [.. VoltageChannels.Select(c => c.Name)];

    internal static ChannelDefinition ByName(string name) =>
        VoltageChannels.Concat([SKE2.Definition]).Single(c => c.Name == name);

    [Fact]
    public void QtIsTheHardCoded34DegreeFactor() =>
        Assert.Equal(2.952882641412121, MechanismConstants.Qt, 14);

    [Theory]
    [MemberData(nameof(VoltageChannelNames))]
    public void RatesAreFiniteAndBoundedEverywhereIncludingTheGuardVoltages(string name)
    {
        var ch = ByName(name);
        double[] special = [-38, -66, -32, -60, -17, -64.4, -27, -154.9, -50 - 10, 0];
        var vs = Enumerable.Range(0, 25001).Select(k => -150 + 0.01 * k).Concat(special);
        foreach (var g in ch.GateList)
        foreach (var v in vs)
        {
            var (inf, tau) = g.Rates(v);
            Assert.True(inf >= 0 && inf <= 1, $"{name}.{g.Name} inf({v}) = {inf}");
            Assert.True(tau > 0 && double.IsFinite(tau), $"{name}.{g.Name} tau({v}) = {tau}");
        }
    }

    [Fact]
    public void NaTatGuardsNudgeByOneTenThousandthAndTheCurvesAreContinuous()
    {
        // At a singular voltage the code evaluates at v + 1e-4 (the m guard also applies to h, cumulatively).
        Assert.Equal(NaTat.M(-38 + 1e-4), NaTat.M(-38));
        Assert.Equal(NaTat.H(-38 + 1e-4), NaTat.H(-38));
        Assert.Equal(NaTat.H(-66 + 1e-4), NaTat.H(-66));
        Assert.NotEqual(NaTat.M(-66 + 1e-4), NaTat.M(-66));
        Assert.Equal(NaTat.M(-38 - 1e-4).Inf, NaTat.M(-38).Inf, 4);
        Assert.Equal(NaTat.H(-66 - 1e-4).TauMs, NaTat.H(-66).TauMs, 4);
        Assert.Equal(CaHva.M(-27 + 1e-4), CaHva.M(-27));
        Assert.Equal(NapEt2.H(-64.4 + 1e-4), NapEt2.H(-64.4));
        Assert.Equal(Ih.M(-154.9 + 1e-4), Ih.M(-154.9));
    }

    [Fact]
    public void NaTs2tIsNaTatShiftedBySixMillivolts()
    {
        for (double v = -120; v <= 60; v += 0.37)
        {
            Assert.Equal(NaTat.M(v - 6).Inf, NaTs2t.M(v).Inf, 12);
            Assert.Equal(NaTat.M(v - 6).TauMs, NaTs2t.M(v).TauMs, 12);
            Assert.Equal(NaTat.H(v - 6).Inf, NaTs2t.H(v).Inf, 12);
            Assert.Equal(NaTat.H(v - 6).TauMs, NaTs2t.H(v).TauMs, 12);
        }
    }

    [Fact]
    public void HalfActivationPointsAndSymmetricRatesMatchTheSpecFormulas()
    {
        double qt = MechanismConstants.Qt;
        Assert.Equal(0.5, NapEt2.M(-52.6).Inf, 12);
        Assert.Equal(0.5, NapEt2.H(-48.8).Inf, 12);
        Assert.Equal(0.5, KPst.M(-11).Inf, 12); // u = v + 10 = −1
        Assert.Equal(0.5, KPst.H(-64).Inf, 12); // u = −54
        Assert.Equal(0.5, KTst.M(-10).Inf, 12);
        Assert.Equal(0.5, KTst.H(-76).Inf, 12);
        Assert.Equal(0.5, SKv31.M(18.7).Inf, 12);
        Assert.Equal(2.0, SKv31.M(-46.56).TauMs, 12); // 4 / (1 + 1)
        Assert.Equal(0.5, Im.M(-35).Inf, 12);
        Assert.Equal(1 / (2 * 3.3e-3) / qt, Im.M(-35).TauMs, 9);
        Assert.Equal(0.5, CaLvast.M(-40).Inf, 12);
        Assert.Equal(0.5, CaLvast.H(-90).Inf, 12);
        Assert.Equal((5 + 10) / qt, CaLvast.M(-35).TauMs, 12);
        Assert.Equal((20 + 25) / qt, CaLvast.H(-50).TauMs, 12);
        Assert.Equal(0.5, SKE2.Z(0.00043).Inf, 12);
        Assert.Equal(1.0, SKE2.Z(0.00043).TauMs);
        // K_Pst m tau branches at u = −50 (v = −60): below uses 175.03·exp(0.026u), above 13·exp(−0.026u).
        Assert.Equal((1.25 + 175.03 * Math.Exp(0.026 * -50.5)) / qt, KPst.M(-60.5).TauMs, 12);
        Assert.Equal((1.25 + 13 * Math.Exp(0.026 * 50)) / qt, KPst.M(-60).TauMs, 12);
        Assert.Equal((360 + (1010 + 24 * -20) * 1) / qt, KPst.H(-85).TauMs, 9); // u = −75
        Assert.Equal((0.34 + 0.92) / qt, KTst.M(-81).TauMs, 12); // u = −71
        Assert.Equal((8 + 49) / qt, KTst.H(-83).TauMs, 12); // u = −73
    }

    [Fact]
    public void RateExpressionsMatchAnIndependentTranscriptionAtRest()
    {
        // Alpha/beta forms written out again at v = −76 mV
        // (docs/l5pc/channels.md: "NaTa_t", "Nap_Et2", "Ca_HVA", "Ih").
        double v = -76,
            qt = MechanismConstants.Qt;
        double ma = 0.182 * (v + 38) / (1 - Math.Exp(-(v + 38) / 6));
        double mb = 0.124 * (-v - 38) / (1 - Math.Exp(-(-v - 38) / 6));
        Assert.Equal(ma / (ma + mb), NaTat.M(v).Inf, 14);
        Assert.Equal(6 / (ma + mb) / qt, NapEt2.M(v).TauMs, 12);
        double ha = -2.88e-6 * (v + 17) / (1 - Math.Exp((v + 17) / 4.63));
        double hb = 6.94e-6 * (v + 64.4) / (1 - Math.Exp(-(v + 64.4) / 2.63));
        Assert.Equal(1 / (ha + hb) / qt, NapEt2.H(v).TauMs, 8);
        double ca = 0.055 * (-27 - v) / (Math.Exp((-27 - v) / 3.8) - 1);
        double cb = 0.94 * Math.Exp((-75 - v) / 17);
        Assert.Equal(ca / (ca + cb), CaHva.M(v).Inf, 14);
        double ia = 0.001 * 6.43 * (v + 154.9) / (Math.Exp((v + 154.9) / 11.9) - 1);
        double ib = 0.001 * 193 * Math.Exp(v / 33.1);
        Assert.Equal(ia / (ia + ib), Ih.M(v).Inf, 14);
        Assert.Equal(1 / (ia + ib), Ih.M(v).TauMs, 10);
    }

    [Fact]
    public void IhShiftMovesTheWholeCurve()
    {
        // alpha depends on v − (vhalf + vshift), beta on v − vshift: a pure translation by vshift.
        for (double v = -130; v < 0; v += 1.3)
        {
            Assert.Equal(Ih.M(v).Inf, Ih.M(v + 7, 7).Inf, 12);
            Assert.Equal(Ih.M(v).TauMs, Ih.M(v + 7, 7).TauMs, 9);
        }
        var shifted = Ih.Create(-5).GateList[0].Rates(VHalfPlus(-5));
        Assert.True(double.IsFinite(shifted.Inf) && double.IsFinite(shifted.TauMs));
        static double VHalfPlus(double s) => Ih.VHalfMv + s;
    }

    [Fact]
    public void SkE2UsesTheLowCalciumGuard()
    {
        Assert.Equal(1 / (1 + Math.Pow(0.00043 / (5e-8 + 1e-7), 4.8)), SKE2.Z(5e-8).Inf, 15);
        Assert.Equal(1 / (1 + Math.Pow(0.00043 / 1e-7, 4.8)), SKE2.Z(1e-7).Inf, 15);
        // cai = 0 is evaluated at the guard's 1e-7 mM, not at 0 (where (0.00043 / ca)^4.8 would give inf = 0).
        Assert.Equal(1 / (1 + Math.Pow(0.00043 / 1e-7, 4.8)), SKE2.Z(0).Inf, 15);
    }

    [Theory]
    [MemberData(nameof(VoltageChannelNames))]
    public void GateRelaxesToInfWithItsTimeConstant(string name)
    {
        var ch = ByName(name);
        foreach (double v in new[] { -90.0, -60, -30, 10 })
        {
            var state = new double[ch.Gates];
            // start every gate at its steady state for a different voltage, then clamp at v
            ch.Initialize(state, v - 25);
            var x0 = state.ToArray();
            // after exactly one tau the remaining distance is 1/e (checked per gate with its own tau)
            for (int j = 0; j < ch.Gates; j++)
            {
                var (inf, tau) = ch.GateList[j].Rates(v);
                double x = GateDefinition.Step(x0[j], inf, tau, tau);
                Assert.Equal((x0[j] - inf) / Math.E, x - inf, 12);
            }
            // exponential Euler is exact for constant v: 200 steps of dt equal one step of 200·dt
            var many = x0.ToArray();
            for (int k = 0; k < 200; k++)
                ch.Advance(many, v, 0.025);
            var once = x0.ToArray();
            ch.Advance(once, v, 5.0);
            for (int j = 0; j < ch.Gates; j++)
            {
                var (inf, tau) = ch.GateList[j].Rates(v);
                double analytic = inf + (x0[j] - inf) * Math.Exp(-5.0 / tau);
                Assert.Equal(analytic, many[j], 12);
                Assert.Equal(analytic, once[j], 14);
            }
        }
    }

    [Fact]
    public void CurrentIsGbarTimesGatePowersTimesDrivingForce()
    {
        var ch = KTst.Definition; // m⁴h
        double[] s = [0.3, 0.8];
        var (g, i) = ch.Current(s, -20, 0.05, -85);
        Assert.Equal(0.05 * Math.Pow(0.3, 4) * 0.8, g, 15);
        Assert.Equal(g * 65, i, 15);
        var (g3, _) = NaTat.Definition.Current(s, 0, 1, 50);
        Assert.Equal(0.027 * 0.8, g3, 15);
        Assert.Throws<ArgumentException>(() => ch.Current([0.1], 0, 1, 0));
    }
}
