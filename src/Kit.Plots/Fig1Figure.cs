using Kit.Learning.Evaluation;
using Kit.Learning.Experiments;

namespace Kit.Plots;

/// <summary>Turns a Figure 1 run (datasets, evaluation, filter) into the panels of <see cref="Fig1Panels"/>.</summary>
public static class Fig1Figure
{
    /// <summary>
    /// The plain-array inputs of the panels. The traces show test simulation <paramref name="simulation"/>
    /// (default: the one whose output spike count is closest to the median, with at least 3 spikes when any has).
    /// </summary>
    public static Fig1Data Data(
        Fig1Config config,
        Fig1Datasets data,
        EvaluationResult evaluation,
        Fig1Filter filter,
        int? simulation = null
    )
    {
        if (evaluation.DropFirstMs != 0)
            throw new ArgumentException(
                "Figure 1 panels expect an evaluation that keeps every bin"
            );
        var test = data.Test.Simulations;
        int k =
            simulation ?? PickSimulation(test.Select(s => s.OutputSpikeTimesMs.Count).ToArray());
        if (k < 0 || k >= test.Count)
            throw new ArgumentOutOfRangeException(
                nameof(simulation),
                $"test simulation {k} outside 0..{test.Count - 1}"
            );
        var record = test[k];
        int t = record.DurationMs,
            offset = k * t;
        var trueMv = evaluation.VoltageTargetMv.AsSpan(offset, t).ToArray();
        var predMv = evaluation.VoltagePredictedMv.AsSpan(offset, t).ToArray();
        var prob = evaluation.SpikeProbability.AsSpan(offset, t).ToArray();
        var spikes = record.OutputSpikeTimesMs.Select(s => (int)s).ToArray();

        // Panels a/b show 3 s in the middle of the simulation; the zoom 300 ms around its first spike there.
        int from = Math.Max(0, t / 2 - 1500),
            to = Math.Min(t, from + 3000);
        int firstSpike = spikes.FirstOrDefault(s => s >= from && s < to, (from + to) / 2);
        int zoomFrom = Math.Clamp(firstSpike - 150, 0, Math.Max(0, t - 300));

        var (fpr, tpr) = Decimate(evaluation.Roc.Fpr, evaluation.Roc.Tpr, 0.0005);
        return new Fig1Data(
            record.SpikeChannels.ToArray(),
            record.SpikeTimesMs.ToArray(),
            config.ExcitatoryChannels,
            record.Channels,
            trueMv,
            predMv,
            spikes,
            prob,
            0,
            (from, to),
            (zoomFrom, Math.Min(t, zoomFrom + 300)),
            filter.Weights,
            filter.LagsMs,
            filter.Excitatory,
            filter.Inhibitory,
            new ExponentialCurve(filter.Fit.TauMs, filter.Fit.Amplitude),
            new RocSeries(fpr, tpr, evaluation.Auc),
            evaluation.CrossCorrelation.LagsMs.Select(l => (double)l).ToArray(),
            evaluation.CrossCorrelation.Values,
            ScatterMaxPoints: 5000,
            Seed: (int)config.Seed
        );
    }

    /// <summary>All Figure 1 panels of a run, named a-... to g-... for export.</summary>
    public static IReadOnlyList<NamedChart> Panels(
        Fig1Config config,
        Fig1Datasets data,
        EvaluationResult evaluation,
        Fig1Filter filter,
        int? simulation = null
    ) => Fig1Panels.All(Data(config, data, evaluation, filter, simulation));

    /// <summary>Index of the count closest to the median, preferring counts of at least 3.</summary>
    internal static int PickSimulation(int[] spikeCounts)
    {
        if (spikeCounts.Length == 0)
            throw new ArgumentException("the test set is empty");
        var candidates = Enumerable
            .Range(0, spikeCounts.Length)
            .Where(i => spikeCounts[i] >= 3)
            .ToArray();
        if (candidates.Length == 0)
            candidates = Enumerable.Range(0, spikeCounts.Length).ToArray();
        var sorted = candidates.Select(i => spikeCounts[i]).Order().ToArray();
        int median = sorted[sorted.Length / 2];
        return candidates.MinBy(i => Math.Abs(spikeCounts[i] - median));
    }

    /// <summary>
    /// Thins a ROC curve for drawing: keeps the end points and every point that moves at least
    /// <paramref name="step"/> in FPR or TPR from the last kept one (a test-set ROC has a point per distinct score).
    /// </summary>
    internal static (double[] Fpr, double[] Tpr) Decimate(double[] fpr, double[] tpr, double step)
    {
        var f = new List<double>();
        var p = new List<double>();
        for (int i = 0; i < fpr.Length; i++)
        {
            bool keep =
                i == 0
                || i == fpr.Length - 1
                || Math.Abs(fpr[i] - f[^1]) >= step
                || Math.Abs(tpr[i] - p[^1]) >= step;
            if (keep)
            {
                f.Add(fpr[i]);
                p.Add(tpr[i]);
            }
        }
        return (f.ToArray(), p.ToArray());
    }
}
