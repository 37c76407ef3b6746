using TorchSharp;

namespace Kit.Learning.Tests;

/// <summary>The native backend loads in a test output folder (the GLIBCXX_3.4.32 fix of the build works).</summary>
public class TorchLoadsTests
{
    [Fact]
    public void NativeTorchComputesOnCpu()
    {
        using var a = torch.ones(3, 4);
        using var s = a.sum();
        Assert.Equal(12f, s.item<float>());
    }
}
