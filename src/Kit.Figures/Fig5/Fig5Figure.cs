using System.Globalization;
using Kit.Learning.Training;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;
using Kit.Plots;

namespace Kit.Figures.Fig5;

/// <summary>
/// The panels of figure 5 (the Branco branch learned by four units): a run's simulations, sequences, network
/// predictions and filters mapped onto the generic panels of Kit.Plots, with the figure's legends.
/// </summary>
public static class Fig5Figure
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Legend entry of the simulated cell.</summary>
    public const string CellName = "L2/3 branch (kit)";

    /// <summary>Legend entry of the network.</summary>
    public const string NetworkName = "4-unit network";

    /// <summary>Colour of the IN sequence.</summary>
    public const string InColor = "#d62728";

    /// <summary>Colour of the OUT sequence.</summary>
    public const string OutColor = "#1f77b4";

    /// <summary>
    /// All panels in paper order, named for export (<c>a-morphology</c> … <c>h-learning-curve</c>). The random-input
    /// example is test simulation <paramref name="simulation"/> (default: the one with the median input count).
    /// </summary>
    public static IReadOnlyList<NamedChart> Panels(
        Fig5Config config,
        Fig5Datasets data,
        Fig5Sequences sequences,
        FitResult fit,
        Fig5Evaluation evaluation,
        Fig5SequencePredictions predictions,
        int? simulation = null
    )
    {
        var panels = new List<NamedChart> { new("a-morphology", Morphology(new BrancoBranch())) };
        panels.AddRange(RandomInputExample(data, evaluation, simulation));
        panels.AddRange(InOut(config, sequences, predictions));
        foreach (var f in Fig5Experiment.Filters(fit.Model))
            panels.Add(new($"d-filter-unit-{f.Unit}", Filter(f)));
        int k = Array.IndexOf([.. config.Intervals], config.PermutedIntervalMs);
        LabelledPoint[] Highlights(Func<int, bool, double> x) =>
            k < 0
                ? []
                :
                [
                    new("IN", x(k, true), sequences.In[k].PeakSomaMv, InColor, "triangle-up"),
                    new("OUT", x(k, false), sequences.Out[k].PeakSomaMv, OutColor, "triangle-down"),
                ];
        string interval = string.Create(Inv, $"{config.PermutedIntervalMs:0.#} ms");
        // Panels e and f over one set of orders: peak against the directionality index, then against the network.
        void PeakPanels(
            IReadOnlyList<BrancoSequenceRun> runs,
            double[] predictedPeakMv,
            string suffix,
            string orders
        )
        {
            var simPeaks = runs.Select(r => r.PeakSomaMv).ToArray();
            panels.Add(
                new(
                    "e-peak-vs-directionality" + suffix,
                    CorrelationPanel.Create(
                        [.. runs.Select(r => r.DirectionalityIndex)],
                        simPeaks,
                        "directionality index",
                        "peak V<sub>soma</sub> − V<sub>rest</sub> (mV)",
                        Highlights(
                            (i, isIn) =>
                                (isIn ? sequences.In : sequences.Out)[i].DirectionalityIndex
                        ),
                        title: $"{runs.Count} {orders} at {interval}"
                    )
                )
            );
            panels.Add(
                new(
                    "f-peak-vs-network" + suffix,
                    CorrelationPanel.Create(
                        predictedPeakMv,
                        simPeaks,
                        "network peak (mV)",
                        "simulated peak (mV)",
                        Highlights(
                            (i, isIn) => (isIn ? predictions.InPeakMv : predictions.OutPeakMv)[i]
                        ),
                        identityLine: true,
                        title: suffix == ""
                            ? "network vs simulation"
                            : $"network vs simulation, {orders}"
                    )
                )
            );
        }
        PeakPanels(sequences.Permuted, predictions.PermutedPeakMv, "", "orders");
        if (sequences.Spanning.Count > 1)
            PeakPanels(
                sequences.Spanning,
                predictions.SpanningPeakMv,
                "-spanning",
                "orders spanning the index"
            );
        panels.Add(
            new(
                "g-voltage-scatter",
                ScatterPanel.Create(
                    evaluation.TrueMv,
                    evaluation.PredictedMv,
                    5000,
                    (int)config.Seed,
                    title: "test set, every 1 ms bin"
                )
            )
        );
        if (fit.History.Count > 0)
            panels.Add(
                new(
                    "h-learning-curve",
                    LearningCurvePanel.Create(
                        [.. fit.History.Select(h => (double)h.Step)],
                        [.. fit.History.Select(h => h.TrainLoss)],
                        [.. fit.History.Select(h => h.ValidLoss)]
                    )
                )
            );
        return panels;
    }

    /// <summary>The rc19 cell with dend[13] highlighted and its nine synapses marked (0 distal … 8 proximal).</summary>
    public static Plotly.NET.GenericChart Morphology(BrancoBranch branch)
    {
        var m = branch.Morphology;
        var groups = new List<int>();
        foreach (var type in new[] { SectionType.Basal, SectionType.Apical })
        foreach (var s in m.SectionsOf(type))
            groups.AddRange(
                Enumerable.Repeat(s.Name == Rc19Morphology.StimulatedBranch ? 1 : 0, s.Nseg)
            );
        var section = m[Rc19Morphology.StimulatedBranch];
        var xs = new double[BrancoBranch.Synapses];
        var ys = new double[BrancoBranch.Synapses];
        for (int s = 0; s < BrancoBranch.Synapses; s++)
            (xs[s], ys[s]) = PointAt(section, 1 - s / 8.0);
        return MorphologyPanel.Create(
            m,
            title: "rc19 cell: dend[13], 9 synapses",
            segmentGroups: groups,
            groups:
            [
                new SegmentGroup("dendrites", "#404040"),
                new SegmentGroup("dend[13]", PaperStyle.Excitatory),
            ],
            markers: [new MorphologyMarkers("synapses", xs, ys, PaperStyle.Truth)]
        );
    }

    /// <summary>The x-y position at fraction <paramref name="x"/> of a section's path length.</summary>
    private static (double X, double Y) PointAt(Section section, double x)
    {
        var p = section.Points;
        double target = x * section.LengthUm,
            walked = 0;
        for (int i = 1; i < p.Length; i++)
        {
            double dx = p[i].XUm - p[i - 1].XUm,
                dy = p[i].YUm - p[i - 1].YUm,
                dz = p[i].ZUm - p[i - 1].ZUm;
            double len = Math.Sqrt(dx * dx + dy * dy + dz * dz);
            if (walked + len >= target && len > 0)
            {
                double f = (target - walked) / len;
                return (p[i - 1].XUm + f * dx, p[i - 1].YUm + f * dy);
            }
            walked += len;
        }
        return (p[^1].XUm, p[^1].YUm);
    }

    private static IEnumerable<NamedChart> RandomInputExample(
        Fig5Datasets data,
        Fig5Evaluation evaluation,
        int? simulation
    )
    {
        var test = data.Test.Simulations;
        var counts = test.Select(r => r.SpikeTimesMs.Count).ToArray();
        int median = counts.Order().ElementAt(counts.Length / 2);
        int k = simulation ?? Array.IndexOf(counts, median);
        if (k < 0 || k >= test.Count)
            throw new ArgumentOutOfRangeException(
                nameof(simulation),
                $"test simulation {k} outside 0..{test.Count - 1}"
            );
        var r = test[k];
        int t = evaluation.SimulationMs;
        yield return new(
            "b-input-raster",
            SpikeRasterPanel.Create(
                [.. r.SpikeChannels],
                [.. r.SpikeTimesMs],
                BrancoBranch.Synapses,
                BrancoBranch.Synapses,
                (0, t),
                title: $"random input, test simulation {k} (0 distal … 8 proximal)"
            )
        );
        yield return new(
            "b-voltage",
            VoltageTracePanel.Compare(
                evaluation.TrueMv.AsSpan(k * t, t).ToArray(),
                evaluation.PredictedMv.AsSpan(k * t, t).ToArray(),
                0,
                truthName: CellName,
                predictionName: NetworkName
            )
        );
    }

    private static IEnumerable<NamedChart> InOut(
        Fig5Config config,
        Fig5Sequences sequences,
        Fig5SequencePredictions predictions
    )
    {
        var intervals = config.Intervals;
        int k = Array.IndexOf(intervals, config.PermutedIntervalMs);
        if (k < 0)
            k = intervals.Length / 2;
        double[] Sim(BrancoSequenceRun run) => [.. run.Trace.SomaVMv];
        var window = (40.0, 40.0 + 8 * intervals[k] + 80);
        yield return new(
            "c-in-out-traces",
            VoltageTracePanel.Series(
                string.Create(Inv, $"IN and OUT at {intervals[k]:0.#} ms intervals"),
                [
                    new VoltageSeries("IN, cell", Sim(sequences.In[k]), 1, InColor),
                    new VoltageSeries("IN, network", predictions.InTraceMv[k], 1, InColor, "dot"),
                    new VoltageSeries("OUT, cell", Sim(sequences.Out[k]), 1, OutColor),
                    new VoltageSeries(
                        "OUT, network",
                        predictions.OutTraceMv[k],
                        1,
                        OutColor,
                        "dot"
                    ),
                ],
                window,
                PaperStyle.OneColumn(60),
                "V<sub>soma</sub> (mV)"
            )
        );
        var reference = intervals
            .Select((dt, i) => (dt, i))
            .Where(x => x.dt == Math.Floor(x.dt) && x.dt is >= 0 and <= 8)
            .ToArray();
        yield return new(
            "c-in-out-peaks",
            CurvesPanel.Create(
                [
                    new CurveSeries(
                        "IN, cell",
                        intervals,
                        [.. sequences.In.Select(r => r.PeakSomaMv)],
                        InColor
                    ),
                    new CurveSeries(
                        "OUT, cell",
                        intervals,
                        [.. sequences.Out.Select(r => r.PeakSomaMv)],
                        OutColor
                    ),
                    new CurveSeries("IN, network", intervals, predictions.InPeakMv, InColor, "dot"),
                    new CurveSeries(
                        "OUT, network",
                        intervals,
                        predictions.OutPeakMv,
                        OutColor,
                        "dot"
                    ),
                    new CurveSeries(
                        "NEURON",
                        [.. reference.Select(x => x.dt)],
                        [.. reference.Select(x => BrancoNeuronPeaks.InMv[(int)x.dt])],
                        PaperStyle.Truth,
                        "dash",
                        LinesOnly: true
                    ),
                    new CurveSeries(
                        "NEURON ",
                        [.. reference.Select(x => x.dt)],
                        [.. reference.Select(x => BrancoNeuronPeaks.OutMv[(int)x.dt])],
                        PaperStyle.Truth,
                        "dash",
                        LinesOnly: true
                    ),
                ],
                "interval between activations (ms)",
                "peak V<sub>soma</sub> − V<sub>rest</sub> (mV)",
                title: "sequence selectivity"
            )
        );
    }

    /// <summary>One unit's filter, synapses distal (bottom) to proximal (top) by lag.</summary>
    public static Plotly.NET.GenericChart Filter(Fig5UnitFilter filter) =>
        FilterHeatmapPanel.Create(
            filter.WeightsByLag,
            [
                new ChannelBand("distal", 3),
                new ChannelBand("middle", 3),
                new ChannelBand("proximal", 3),
            ],
            [.. Enumerable.Range(0, filter.WeightsByLag.GetLength(1)).Select(l => (double)l)],
            title: string.Create(
                Inv,
                $"unit {filter.Unit} (voltage weight {filter.VoltageHeadWeight:+0.00;-0.00})"
            )
        );
}
