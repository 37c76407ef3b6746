using TorchSharp;
using static TorchSharp.torch;

namespace Kit.Learning.Tests;

public class NadamTests
{
    [Fact]
    public void OneStepMatchesHandComputedNadam()
    {
        // loss = 0.5 p, p0 = 1 → g = 0.5. PyTorch/Keras Nadam (Dozat 2016), beta1 0.9, beta2 0.999, psi 0.004:
        // mu1 = 0.9 (1 - 0.5 * 0.96^0.004) = 0.4500734708, mu2 = 0.9 (1 - 0.5 * 0.96^0.008) = 0.4501469293
        // m = 0.05, v = 0.00025, vhat = 0.25, denom = 0.5
        // p1 = 1 - lr (1 - mu1)/(1 - mu1) g/denom - lr mu2/(1 - mu1 mu2) m/denom
        //    = 1 - 0.1 - 0.1 * 0.4501469293 / 0.7974007 * 0.1 = 0.894354828 (with eps 1e-8 in the
        //    denominator, evaluated in double: 0.8943548242773647)
        var p = nn.Parameter(tensor(new[] { 1.0 }, dtype: ScalarType.Float64));
        using var opt = new Kit.Learning.Training.Nadam([p], 0.1);
        opt.ZeroGrad();
        (p * 0.5).sum().backward();
        opt.Step();
        Assert.Equal(0.8943548242773647, p.item<double>(), 14);
    }

    [Fact]
    public void MatchesTorchSharpNadamOverManySteps()
    {
        // Same algorithm as torch.optim.NAdam: 50 steps on a quadratic give the same parameters.
        var a = nn.Parameter(tensor(new[] { 1.0, -2.0, 0.5 }, dtype: ScalarType.Float64));
        var b = nn.Parameter(tensor(new[] { 1.0, -2.0, 0.5 }, dtype: ScalarType.Float64));
        using var ours = new Kit.Learning.Training.Nadam([a], 0.05);
        using var theirs = optim.NAdam([b], lr: 0.05);
        for (int i = 0; i < 50; i++)
        {
            ours.ZeroGrad();
            (a * a * tensor(new[] { 1.0, 3.0, 0.1 }, dtype: ScalarType.Float64)).sum().backward();
            ours.Step();
            theirs.zero_grad();
            (b * b * tensor(new[] { 1.0, 3.0, 0.1 }, dtype: ScalarType.Float64)).sum().backward();
            theirs.step();
        }
        Assert.True(a.allclose(b, rtol: 1e-12, atol: 1e-12));
        Assert.NotEqual(1.0, a[0].item<double>());
    }

    [Fact]
    public void StateRoundTripsAndRejectsAnotherModel()
    {
        var p = nn.Parameter(tensor(new[] { 1.0, 2.0 }, dtype: ScalarType.Float64));
        using var opt = new Kit.Learning.Training.Nadam([p], 0.1);
        opt.ZeroGrad();
        (p * p).sum().backward();
        opt.Step();
        var ms = new MemoryStream();
        opt.Save(new BinaryWriter(ms));
        var q = nn.Parameter(tensor(new[] { 1.0, 2.0 }, dtype: ScalarType.Float64));
        using var restored = new Kit.Learning.Training.Nadam([q], 0.1);
        ms.Position = 0;
        restored.Load(new BinaryReader(ms));
        Assert.Equal(1, restored.Steps);
        var r1 = nn.Parameter(tensor(new[] { 1.0 }, dtype: ScalarType.Float64));
        var r2 = nn.Parameter(tensor(new[] { 1.0 }, dtype: ScalarType.Float64));
        using var other = new Kit.Learning.Training.Nadam([r1, r2], 0.1);
        ms.Position = 0;
        Assert.Throws<InvalidDataException>(() => other.Load(new BinaryReader(ms)));
    }
}
