using Kit.Learning.Evaluation;
using Kit.Plots;

namespace Kit.Figures.Fig1;

/// <summary>
/// The panels of figure 1 (an integrate-and-fire neuron approximated by a one-unit causal network): a run's
/// datasets, evaluation and filter mapped onto the generic panels of Kit.Plots, with the figure's legends.
/// </summary>
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

        var (fpr, tpr) = RocPanel.Decimate(evaluation.Roc.Fpr, evaluation.Roc.Tpr, 0.0005);
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
    ) => Panels(Data(config, data, evaluation, filter, simulation));

    /// <summary>Legend entry of the simulated neuron in the voltage panels.</summary>
    public const string NeuronName = "I&F neuron";

    /// <summary>Legend entry of the network in the voltage panels.</summary>
    public const string NetworkName = "1-unit CNN";

    /// <summary>
    /// All panels of figure 1 in paper order, named for export (<c>a-input-raster</c>, ...,
    /// <c>g-voltage-scatter</c>).
    /// </summary>
    public static IReadOnlyList<NamedChart> Panels(Fig1Data data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var lagsForHeatmap =
            data.CrossSectionLagsMs.Length == data.FilterWeights.GetLength(1)
                ? data.CrossSectionLagsMs
                : null;
        return
        [
            new(
                "a-input-raster",
                SpikeRasterPanel.Create(
                    data.InputChannels,
                    data.InputTimesMs,
                    data.ExcitatoryChannels,
                    data.TotalChannels,
                    data.WindowMs
                )
            ),
            new(
                "b-voltage",
                VoltageTracePanel.Compare(
                    data.TrueMv,
                    data.PredMv,
                    data.StartMs,
                    data.WindowMs,
                    truthName: NeuronName,
                    predictionName: NetworkName
                )
            ),
            new(
                "b-voltage-zoom",
                VoltageTracePanel.Zoom(
                    data.TrueMv,
                    data.PredMv,
                    data.StartMs,
                    data.ZoomMs,
                    truthName: NeuronName,
                    predictionName: NetworkName
                )
            ),
            new(
                "b-spike-probability",
                SpikeProbabilityPanel.Create(
                    data.TrueSpikeTimesMs,
                    data.SpikeProbability,
                    data.StartMs,
                    data.WindowMs
                )
            ),
            new(
                "c-filter-heatmap",
                FilterHeatmapPanel.Create(
                    data.FilterWeights,
                    data.ExcitatoryChannels,
                    lagsForHeatmap
                )
            ),
            new(
                "d-filter-cross-sections",
                FilterCrossSectionPanel.Create(
                    data.CrossSectionLagsMs,
                    data.MeanExcitatoryFilter,
                    data.MeanInhibitoryFilter,
                    data.Fit
                )
            ),
            new("e-roc", RocPanel.Create(data.Roc.Fpr, data.Roc.Tpr, data.Roc.Auc)),
            new(
                "f-cross-correlation",
                CrossCorrelationPanel.Create(data.CrossCorrelationLagsMs, data.CrossCorrelation)
            ),
            new(
                "g-voltage-scatter",
                ScatterPanel.Create(data.TrueMv, data.PredMv, data.ScatterMaxPoints, data.Seed)
            ),
        ];
    }

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
}
