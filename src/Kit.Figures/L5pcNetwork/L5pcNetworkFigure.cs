using System.Globalization;
using Kit.Learning.Evaluation;
using Kit.Learning.Metrics;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Morphology;
using Kit.Plots;

namespace Kit.Figures.L5pcNetwork;

/// <summary>
/// The panels of an L5PC network figure (the paper's figures 2 and 3) from a run's data, trained network,
/// evaluation and data curve, mapped onto the generic panels of Kit.Plots: the cell, the input raster, soma voltage
/// of simulator vs network with a zoom and the spike probability, ROC with a low-FPR inset, cross-correlation,
/// predicted vs true voltage, the first layer's filters, the learning curve and the data curve.
/// </summary>
public static class L5pcNetworkFigure
{
    /// <summary>The first layer's unit whose effective kernel has the largest norm (the most used one), as [channel, tap].</summary>
    public static (int Unit, double[,] Filter) StrongestUnit(CausalNet model)
    {
        var w = model.FirstLayerWeights();
        int best = 0;
        double bestNorm = -1;
        for (int o = 0; o < w.GetLength(0); o++)
        {
            double norm = 0;
            for (int c = 0; c < w.GetLength(1); c++)
            for (int k = 0; k < w.GetLength(2); k++)
                norm += w[o, c, k] * w[o, c, k];
            if (norm > bestNorm)
                (best, bestNorm) = (o, norm);
        }
        return (best, FilterAnalysis.Unit(w, best));
    }

    /// <summary>All panels, in paper order, named for export.</summary>
    /// <param name="config">The run.</param>
    /// <param name="data">Its data (the morphology panel needs the simulated cell; NeuronIO runs have none).</param>
    /// <param name="fit">The trained network and its history.</param>
    /// <param name="evaluation">The test-set evaluation, with at least one kept prediction.</param>
    /// <param name="curve">The data curve (may be empty).</param>
    /// <param name="neuronName">Legend entry of the simulated cell.</param>
    /// <param name="networkName">Legend entry of the network.</param>
    public static IReadOnlyList<NamedChart> Panels(
        L5pcNetworkConfig config,
        L5pcNetworkData data,
        FitResult fit,
        PaperEvaluationResult evaluation,
        IReadOnlyList<DataCurvePoint> curve,
        string neuronName,
        string networkName
    )
    {
        if (evaluation.Predictions.Count == 0)
            throw new ArgumentException(
                "the panels need one kept prediction: evaluate with keepPredictions >= 1",
                nameof(evaluation)
            );
        var panels = new List<NamedChart>();
        // Synapse regions (basal, oblique, tuft) of the simulated cell; NeuronIO runs fall back to excitatory vs inhibitory.
        var regions = data.Morphology is { } morphology
            ? SynapseRegions.Classify(morphology.Morphology)
            : null;
        if (regions != null && regions.ChannelCount != fit.Model.Config.Channels)
            regions = null;
        if (regions != null)
            panels.Add(
                new(
                    "a-morphology",
                    MorphologyPanel.ByRegion(
                        regions,
                        title: $"synapse regions ({data.Morphology!.Name})"
                    )
                )
            );

        var shown = evaluation.Predictions[0];
        var record = shown.Record;
        int t = record.DurationMs,
            excitatory = record.Channels / 2;
        int from = Math.Clamp(t / 2 - 1500, 0, Math.Max(0, t - 1)),
            to = Math.Min(t, from + 3000);
        var trueMv = record.SomaVoltageMv.Select(v => (double)v).ToArray();
        var predMv = shown.Prediction.VoltageMv;
        var spikes = record.OutputSpikeTimesMs.Select(s => (int)s).ToArray();
        int firstSpike = spikes.FirstOrDefault(s => s >= from && s < to, (from + to) / 2);
        int zoomFrom = Math.Clamp(firstSpike - 100, 0, Math.Max(0, t - 200));
        panels.Add(
            new(
                "b-input-raster",
                SpikeRasterPanel.Create(
                    [.. record.SpikeChannels],
                    [.. record.SpikeTimesMs],
                    excitatory,
                    record.Channels,
                    (from, to)
                )
            )
        );
        panels.Add(
            new(
                "c-voltage",
                VoltageTracePanel.Compare(
                    trueMv,
                    predMv,
                    0,
                    (from, to),
                    truthName: neuronName,
                    predictionName: networkName
                )
            )
        );
        panels.Add(
            new(
                "c-voltage-zoom",
                VoltageTracePanel.Zoom(
                    trueMv,
                    predMv,
                    0,
                    (zoomFrom, Math.Min(t, zoomFrom + 200)),
                    truthName: neuronName,
                    predictionName: networkName
                )
            )
        );
        panels.Add(
            new(
                "c-spike-probability",
                SpikeProbabilityPanel.Create(
                    spikes,
                    shown.Prediction.SpikeProbability,
                    0,
                    (from, to)
                )
            )
        );
        var (fpr, tpr) = RocPanel.Decimate(evaluation.Roc.Fpr, evaluation.Roc.Tpr, 0.0005);
        panels.Add(new("d-roc", RocPanel.Create(fpr, tpr, evaluation.Auc)));
        panels.Add(
            new(
                "e-cross-correlation",
                CrossCorrelationPanel.Create(
                    evaluation.CrossCorrelation.LagsMs.Select(l => (double)l).ToArray(),
                    evaluation.CrossCorrelation.Values
                )
            )
        );
        // Predicted vs simulated voltage over the kept predictions (the clipped voltage the network learns).
        var clip = fit.Target.ClipMv;
        var truthAll = new List<double>();
        var predAll = new List<double>();
        foreach (var p in evaluation.Predictions)
            for (int i = config.DropFirstMs; i < p.Record.DurationMs; i++)
            {
                truthAll.Add(Math.Min(p.Record.SomaVoltageMv[i], clip));
                predAll.Add(p.Prediction.VoltageMv[i]);
            }
        panels.Add(
            new(
                "f-voltage-scatter",
                ScatterPanel.Create([.. truthAll], [.. predAll], 5000, (int)config.Seed)
            )
        );

        var (unit, filter) = StrongestUnit(fit.Model);
        int taps = filter.GetLength(1);
        var byLag = new double[filter.GetLength(0), taps];
        for (int c = 0; c < byLag.GetLength(0); c++)
        for (int lag = 0; lag < taps; lag++)
            byLag[c, lag] = filter[c, taps - 1 - lag];
        var lags = Enumerable.Range(0, taps).Select(l => (double)l).ToArray();
        var unitTitle = string.Create(CultureInfo.InvariantCulture, $"first-layer unit {unit}");
        if (regions != null)
        {
            panels.Add(
                new(
                    "g-filter-heatmap",
                    RegionFilterPanel.Heatmap(
                        filter,
                        regions.ChannelRegions,
                        regions.ChannelIsExcitatory,
                        title: unitTitle + " by region"
                    )
                )
            );
            panels.Add(
                new(
                    "h-filter-cross-sections",
                    RegionFilterPanel.Create(
                        filter,
                        regions.ChannelRegions,
                        regions.ChannelIsExcitatory,
                        title: unitTitle + ": mean per region"
                    )
                )
            );
        }
        else
        {
            panels.Add(
                new(
                    "g-filter-heatmap",
                    FilterHeatmapPanel.Create(byLag, excitatory, lags, title: unitTitle)
                )
            );
            var (exc, inh) = FilterAnalysis.TemporalCrossSection(filter, excitatory);
            panels.Add(
                new(
                    "h-filter-cross-sections",
                    FilterCrossSectionPanel.Create(
                        lags,
                        exc,
                        inh,
                        title: unitTitle + ": mean E and I"
                    )
                )
            );
        }
        if (fit.History.Count > 0)
            panels.Add(
                new(
                    "i-learning-curve",
                    LearningCurvePanel.Create(
                        fit.History.Select(h => (double)h.Step).ToArray(),
                        fit.History.Select(h => h.TrainLoss).ToArray(),
                        fit.History.Select(h => h.ValidLoss).ToArray()
                    )
                )
            );
        if (curve.Count > 0)
            panels.Add(
                new(
                    "j-data-curve",
                    MetricCurvePanel.Create(
                        curve.Select(p => p.TrainSimulatedHours).ToArray(),
                        curve.Select(p => p.Auc).ToArray(),
                        curve.Select(p => p.AucCi[0]).ToArray(),
                        curve.Select(p => p.AucCi[1]).ToArray(),
                        curve
                            .Select(p =>
                                string.Create(
                                    CultureInfo.InvariantCulture,
                                    $"{p.TrainSeconds / 60:0} min"
                                )
                            )
                            .ToArray(),
                        "training data (simulated hours)",
                        "test AUC",
                        title: "how far a laptop gets"
                    )
                )
            );
        return panels;
    }
}
