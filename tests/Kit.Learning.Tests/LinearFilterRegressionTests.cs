using Kit.Learning.Metrics;

namespace Kit.Learning.Tests;

public class LinearFilterRegressionTests
{
    [Fact]
    public void RecoversTheKernelOfTheFreeMembranePotentialExactly()
    {
        // Without threshold the I&F voltage is exactly -75 + 2 sum_s w_s (X_s * exp(-n/20)): the least-squares
        // filter must be 2 exp(-lag/20) for excitation and -2 exp(-lag/20) for inhibition.
        var neuron = Kit.Neuron.Data.IntegrateAndFireDatasetConfig.Paper with
        {
            Cell = Kit.Neuron.Cells.IntegrateAndFireConfig.Paper with { VThresholdMv = 1e9 },
        };
        var data = Kit.Neuron.Data.IntegrateAndFireDataset.Generate(
            neuron,
            4,
            99,
            Kit.Core.Progress.None
        );
        // 141 lags: the whole kernel, so nothing of it is left unexplained.
        var (exc, inh) = LinearFilterRegression.Fit(
            data.Simulations,
            80,
            141,
            double.PositiveInfinity
        );
        for (int lag = 0; lag < 141; lag++)
        {
            Assert.Equal(2 * Math.Exp(-lag / 20.0), exc[lag], tolerance: 1e-5); // voltages are stored as float32
            Assert.Equal(-2 * Math.Exp(-lag / 20.0), inh[lag], tolerance: 1e-5);
        }
        Assert.Equal(20, Kit.Learning.Metrics.FilterAnalysis.FitExponential(exc).TauMs, 1);
    }
}
