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
        //    = 1 - 0.1 - 0.1 * 0.4501469293 / 0.7974007 * 0.1 = 0.894354828
        var p = nn.Parameter(tensor(new[] { 1.0 }, dtype: ScalarType.Float64));
        using var opt = optim.NAdam([p], lr: 0.1);
        opt.zero_grad();
        (p * 0.5).sum().backward();
        opt.step();
        Assert.Equal(0.894354828, p.item<double>(), 6);
    }
}
