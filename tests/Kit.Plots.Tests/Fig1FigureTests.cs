using Kit.Plots;

namespace Kit.Plots.Tests;

public class Fig1FigureTests
{
    [Fact]
    public void PicksTheSimulationNearestTheMedianWithEnoughSpikes()
    {
        Assert.Equal(2, Fig1Figure.PickSimulation([0, 1, 5, 9, 4]));
        Assert.Equal(2, Fig1Figure.PickSimulation([0, 2, 1])); // none has 3 spikes: the median count, 1
        Assert.Throws<ArgumentException>(() => Fig1Figure.PickSimulation([]));
    }

    [Fact]
    public void DecimationKeepsEndsAndVisibleSteps()
    {
        var fpr = Enumerable.Range(0, 10001).Select(i => i / 10000.0).ToArray();
        var tpr = fpr.Select(f => Math.Sqrt(f)).ToArray();
        var (f, t) = Fig1Figure.Decimate(fpr, tpr, 0.01);
        Assert.Equal(0, f[0]);
        Assert.Equal(1, f[^1]);
        Assert.True(f.Length < 400, $"{f.Length} points kept");
        for (int i = 1; i < f.Length - 1; i++)
            Assert.True(f[i] - f[i - 1] >= 0.01 - 1e-12 || t[i] - t[i - 1] >= 0.01 - 1e-12);
        // The steep start of the curve keeps its resolution in TPR.
        Assert.True(f.Count(x => x < 0.01) > 5);
    }
}
