using Kit.Learning.Models;

namespace Kit.Learning.Tests;

/// <summary>Assertions about a fit that must stop before training.</summary>
internal static class FitAssert
{
    /// <summary>
    /// Runs <paramref name="fit"/>, which must throw a <see cref="ArgumentException"/> while every parameter of
    /// <paramref name="net"/> keeps its value (a refused setting never half-trains the model); returns the exception
    /// so the caller can check its message.
    /// </summary>
    public static ArgumentException RefusedWithModelUntouched(CausalNet net, Action fit)
    {
        var before = net.parameters().Select(p => p.clone()).ToList();
        var e = Assert.Throws<ArgumentException>(fit);
        Assert.All(
            net.parameters().Zip(before),
            pair => Assert.True(pair.First.equal(pair.Second).all().item<bool>())
        );
        return e;
    }
}
