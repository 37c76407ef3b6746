using Kit.Neuron.Data;
using MathNet.Numerics.LinearAlgebra;

namespace Kit.Learning.Metrics;

/// <summary>
/// The best linear filter in the least-squares sense, for comparison with what a network learned: the target
/// (voltage clipped at <c>clipMv</c>) is regressed on the input summed per group (excitatory, inhibitory) at lags
/// 0..K-1 plus a constant, by the normal equations (MathNet). Channels of a group are exchangeable in the
/// integrate-and-fire model, so one filter per group is the optimum of the full per-channel problem averaged
/// over channels.
/// </summary>
public static class LinearFilterRegression
{
    /// <summary>Least-squares filters per lag (lag 0 = the current bin), per channel of each group.</summary>
    /// <param name="simulations">Simulations to fit (every bin from lag K-1 on is a row).</param>
    /// <param name="excitatoryChannels">Channels 0..excitatoryChannels-1 form the excitatory group.</param>
    /// <param name="lags">Filter length K (ms).</param>
    /// <param name="clipMv">Upper clip of the voltage target (mV); +infinity for none.</param>
    public static (double[] Excitatory, double[] Inhibitory) Fit(
        IReadOnlyList<SimulationRecord> simulations,
        int excitatoryChannels,
        int lags,
        double clipMv
    )
    {
        if (simulations.Count == 0)
            throw new ArgumentException("no simulations to fit");
        int p = 2 * lags + 1;
        var xtx = Matrix<double>.Build.Dense(p, p);
        var xty = Vector<double>.Build.Dense(p);
        var row = new double[p];
        foreach (var sim in simulations)
        {
            int t = sim.DurationMs;
            var exc = new double[t];
            var inh = new double[t];
            for (int i = 0; i < sim.SpikeChannels.Count; i++)
                if (sim.SpikeChannels[i] < excitatoryChannels)
                    exc[sim.SpikeTimesMs[i]]++;
                else
                    inh[sim.SpikeTimesMs[i]]++;
            var a = xtx.AsColumnMajorArray();
            for (int time = lags - 1; time < t; time++)
            {
                for (int l = 0; l < lags; l++)
                {
                    row[l] = exc[time - l];
                    row[lags + l] = inh[time - l];
                }
                row[p - 1] = 1;
                double y = Math.Min(sim.SomaVoltageMv[time], clipMv);
                // Rank-one update of the upper triangle, column-major.
                for (int j = 0; j < p; j++)
                {
                    double rj = row[j];
                    if (rj == 0)
                        continue;
                    xty[j] += rj * y;
                    int col = j * p;
                    for (int i = 0; i <= j; i++)
                        a[col + i] += row[i] * rj;
                }
            }
        }
        for (int j = 0; j < p; j++)
        for (int i = 0; i < j; i++)
            xtx[j, i] = xtx[i, j];
        var w = xtx.Cholesky().Solve(xty);
        // The group sums share one weight per lag: it is the filter of every channel of the group.
        return (
            Enumerable.Range(0, lags).Select(l => w[l]).ToArray(),
            Enumerable.Range(0, lags).Select(l => w[lags + l]).ToArray()
        );
    }
}
