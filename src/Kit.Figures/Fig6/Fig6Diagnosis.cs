using System.Text.Json.Serialization;
using Kit.Learning.Metrics;
using Microsoft.Data.Analysis;

namespace Kit.Figures.Fig6;

/// <summary>
/// One simulation of a figure-6 test set scored on its own: what its input was, what the cell did, and how well the
/// network predicted it. The first <see cref="Kit.Figures.L5pcNetwork.L5pcNetworkConfig.DropFirstMs"/> ms are left
/// out, as in the paper's evaluation.
/// </summary>
/// <param name="Condition">The condition's name, or <c>in-distribution</c> for the figure-2 test set.</param>
/// <param name="Index">Position of the simulation in its test set (0-based).</param>
/// <param name="ClustersStimulated">Clusters that received input (every cluster in distribution).</param>
/// <param name="PeriodMs">Period of the common sinusoid (ms), or null without one.</param>
/// <param name="ExcitatoryInputsPerMs">Excitatory input spikes per ms, all synapses together.</param>
/// <param name="InhibitoryInputsPerMs">Inhibitory input spikes per ms, all synapses together.</param>
/// <param name="OutputSpikes">Somatic spikes in the scored part.</param>
/// <param name="MeanSomaMv">Mean somatic voltage, spikes clipped as the network's target clips them (mV).</param>
/// <param name="Auc">ROC AUC of the spike probability over the simulation's 1 ms bins (NaN without an output spike).</param>
/// <param name="RmseMvRescaled">Soma RMSE after the paper's rescaling, of this simulation alone (mV).</param>
public sealed record Fig6SimulationScore(
    [property: JsonPropertyName("condition")] string Condition,
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("clusters_stimulated")] int ClustersStimulated,
    [property: JsonPropertyName("period_ms")] double? PeriodMs,
    [property: JsonPropertyName("excitatory_inputs_per_ms")] double ExcitatoryInputsPerMs,
    [property: JsonPropertyName("inhibitory_inputs_per_ms")] double InhibitoryInputsPerMs,
    [property: JsonPropertyName("output_spikes")] int OutputSpikes,
    [property: JsonPropertyName("mean_soma_mv")] double MeanSomaMv,
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("rmse_mv_rescaled")] double RmseMvRescaled
);

/// <summary>
/// Where a condition leaves the training distribution, in numbers: how hard its input drives the cell compared with
/// the figure-2 test set (drawn like the training set), and the network's AUC on the simulations whose output stays
/// within what it was trained on against those beyond.
/// </summary>
/// <param name="Condition">The condition's name, or <c>in-distribution</c>.</param>
/// <param name="Simulations">Simulations scored.</param>
/// <param name="MedianOutputSpikes">Median somatic spikes per simulation (scored part).</param>
/// <param name="MedianExcitatoryInputsPerMs">Median over simulations of the excitatory input spikes per ms.</param>
/// <param name="MedianInhibitoryInputsPerMs">Median over simulations of the inhibitory input spikes per ms.</param>
/// <param name="MedianMeanSomaMv">Median over simulations of the mean somatic voltage (mV).</param>
/// <param name="SimulationsWithinRange">Simulations with at most <see cref="Fig6Diagnosis.TrainingRangeSpikes"/> output
/// spikes.</param>
/// <param name="AucWithinRange">AUC pooled over those simulations (NaN when they hold no spike or none is left).</param>
/// <param name="AucBeyondRange">AUC pooled over the others (NaN likewise).</param>
/// <param name="AucRankCorrelationWithSpikes">Spearman correlation, over the simulations with a spike, of the per-simulation
/// AUC with the output spike count (negative: the harder the cell is driven, the worse the prediction).</param>
/// <param name="AucRankCorrelationWithPeriod">Spearman correlation, over the simulations with a spike and a sinusoid, of
/// the per-simulation AUC with the sinusoid's period (positive: the faster the common modulation, the worse); NaN
/// without a sinusoid.</param>
public sealed record Fig6ConditionDiagnosis(
    [property: JsonPropertyName("condition")] string Condition,
    [property: JsonPropertyName("simulations")] int Simulations,
    [property: JsonPropertyName("median_output_spikes")] double MedianOutputSpikes,
    [property: JsonPropertyName("median_excitatory_inputs_per_ms")]
        double MedianExcitatoryInputsPerMs,
    [property: JsonPropertyName("median_inhibitory_inputs_per_ms")]
        double MedianInhibitoryInputsPerMs,
    [property: JsonPropertyName("median_mean_soma_mv")] double MedianMeanSomaMv,
    [property: JsonPropertyName("simulations_within_range")] int SimulationsWithinRange,
    [property: JsonPropertyName("auc_within_range")] double AucWithinRange,
    [property: JsonPropertyName("auc_beyond_range")] double AucBeyondRange,
    [property: JsonPropertyName("auc_rank_correlation_with_spikes")]
        double AucRankCorrelationWithSpikes,
    [property: JsonPropertyName("auc_rank_correlation_with_period")]
        double AucRankCorrelationWithPeriod
);

/// <summary>
/// Why a condition is harder than the training inputs: every simulation scored alone (<see cref="Rows"/>) and, per
/// test set, how far it drives the cell beyond the figure-2 training range and how the network does inside and
/// beyond it (<see cref="Conditions"/>). The training range is the paper's own evaluation rule: simulations with
/// 0 to <see cref="TrainingRangeSpikes"/> output spikes (the figure-2 rule, set by the training statistics).
/// </summary>
/// <param name="Rows">Every simulation of the figure-2 test set (all spike counts) and of every condition.</param>
/// <param name="Conditions">Per test set, in-distribution first, then the conditions in the config's order.</param>
/// <param name="TrainingRangeSpikes">Most output spikes of a simulation within the training range.</param>
public sealed record Fig6Diagnosis(
    IReadOnlyList<Fig6SimulationScore> Rows,
    IReadOnlyList<Fig6ConditionDiagnosis> Conditions,
    int TrainingRangeSpikes
)
{
    /// <summary>
    /// The rows as a table, one per simulation, columns named as in JSON (<c>condition</c>, <c>index</c>,
    /// <c>clusters_stimulated</c>, <c>period_ms</c>, ...); what <c>per-simulation.csv</c> holds.
    /// </summary>
    public DataFrame Table()
    {
        DoubleDataFrameColumn Doubles(string name, Func<Fig6SimulationScore, double?> f) =>
            new(name, Rows.Select(r => f(r) is { } v && double.IsFinite(v) ? v : (double?)null));
        return new DataFrame(
            new StringDataFrameColumn("condition", Rows.Select(r => r.Condition)),
            new Int32DataFrameColumn("index", Rows.Select(r => r.Index)),
            new Int32DataFrameColumn("clusters_stimulated", Rows.Select(r => r.ClustersStimulated)),
            Doubles("period_ms", r => r.PeriodMs),
            Doubles("excitatory_inputs_per_ms", r => r.ExcitatoryInputsPerMs),
            Doubles("inhibitory_inputs_per_ms", r => r.InhibitoryInputsPerMs),
            new Int32DataFrameColumn("output_spikes", Rows.Select(r => r.OutputSpikes)),
            Doubles("mean_soma_mv", r => r.MeanSomaMv),
            Doubles("auc", r => r.Auc),
            Doubles("rmse_mv_rescaled", r => r.RmseMvRescaled)
        );
    }

    /// <summary>
    /// Scores every simulation alone and summarises each test set.
    /// </summary>
    /// <param name="sets">Per test set (in-distribution first), its name and its simulations, each with its
    /// spike probability, predicted and true (clipped) voltage and true spike train over the scored bins.</param>
    /// <param name="trainingRangeSpikes">Most output spikes of a simulation within the training range.</param>
    /// <exception cref="ArgumentException">A simulation's arrays differ in length.</exception>
    public static Fig6Diagnosis Of(
        IReadOnlyList<(string Name, IReadOnlyList<ScoredSimulation> Simulations)> sets,
        int trainingRangeSpikes
    )
    {
        var rows = new List<Fig6SimulationScore>();
        var summaries = new List<Fig6ConditionDiagnosis>();
        foreach (var (name, sims) in sets)
        {
            var scored = sims.Select(s => s.Score(name)).ToList();
            rows.AddRange(scored);
            var within = sims.Where(s => s.OutputSpikes <= trainingRangeSpikes).ToList();
            var beyond = sims.Where(s => s.OutputSpikes > trainingRangeSpikes).ToList();
            var spiking = scored.Where(r => double.IsFinite(r.Auc)).ToList();
            var periodic = spiking.Where(r => r.PeriodMs is not null).ToList();
            summaries.Add(
                new Fig6ConditionDiagnosis(
                    name,
                    sims.Count,
                    Median(scored.Select(r => (double)r.OutputSpikes)),
                    Median(scored.Select(r => r.ExcitatoryInputsPerMs)),
                    Median(scored.Select(r => r.InhibitoryInputsPerMs)),
                    Median(scored.Select(r => r.MeanSomaMv)),
                    within.Count,
                    PooledAuc(within),
                    PooledAuc(beyond),
                    Spearman(spiking, r => r.OutputSpikes),
                    Spearman(periodic, r => r.PeriodMs!.Value)
                )
            );
        }
        return new Fig6Diagnosis(rows, summaries, trainingRangeSpikes);
    }

    /// <summary>AUC of the bins of <paramref name="sims"/> pooled; NaN without both a spike and a silent bin.</summary>
    public static double PooledAuc(IReadOnlyList<ScoredSimulation> sims)
    {
        var scores = sims.SelectMany(s => s.SpikeProbability).ToArray();
        var labels = sims.SelectMany(s => s.SpikeTrain).ToArray();
        int positives = labels.Count(l => l > 0.5);
        return positives == 0 || positives == labels.Length ? double.NaN : Roc.Auc(scores, labels);
    }

    /// <summary>Spearman correlation of the rows' AUC with <paramref name="x"/>; NaN with fewer than 3 rows.</summary>
    private static double Spearman(
        IReadOnlyList<Fig6SimulationScore> rows,
        Func<Fig6SimulationScore, double> x
    ) =>
        rows.Count < 3
            ? double.NaN
            : MathNet.Numerics.Statistics.Correlation.Spearman(
                rows.Select(r => r.Auc),
                rows.Select(x)
            );

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        return v.Length == 0 ? double.NaN : MathNet.Numerics.Statistics.Statistics.Median(v);
    }
}

/// <summary>
/// One simulation's scored bins (the dropped start left out) with the network's prediction of them, and what its
/// input was: the material of <see cref="Fig6Diagnosis.Of"/>.
/// </summary>
/// <param name="Index">Position of the simulation in its test set.</param>
/// <param name="ClustersStimulated">Clusters that received input.</param>
/// <param name="PeriodMs">Period of the common sinusoid (ms), or null.</param>
/// <param name="ExcitatoryInputsPerMs">Excitatory input spikes per ms over the scored bins.</param>
/// <param name="InhibitoryInputsPerMs">Inhibitory input spikes per ms over the scored bins.</param>
/// <param name="SpikeProbability">Predicted spike probability per 1 ms bin.</param>
/// <param name="SpikeTrain">True spikes per bin (1 or 0), as long as <paramref name="SpikeProbability"/>.</param>
/// <param name="PredictedMv">Predicted soma voltage per bin (mV).</param>
/// <param name="TrueMv">Simulated soma voltage per bin, clipped as the network's target (mV).</param>
public sealed record ScoredSimulation(
    int Index,
    int ClustersStimulated,
    double? PeriodMs,
    double ExcitatoryInputsPerMs,
    double InhibitoryInputsPerMs,
    double[] SpikeProbability,
    double[] SpikeTrain,
    double[] PredictedMv,
    double[] TrueMv
)
{
    /// <summary>Somatic spikes in the scored bins.</summary>
    public int OutputSpikes => SpikeTrain.Count(s => s > 0.5);

    /// <summary>The simulation's row.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length.</exception>
    public Fig6SimulationScore Score(string condition)
    {
        int n = SpikeProbability.Length;
        if (SpikeTrain.Length != n || PredictedMv.Length != n || TrueMv.Length != n)
            throw new ArgumentException(
                $"{condition} simulation {Index}: {n} probabilities, {SpikeTrain.Length} spike bins, "
                    + $"{PredictedMv.Length} predicted and {TrueMv.Length} true voltages; all must be equal"
            );
        int spikes = OutputSpikes;
        return new Fig6SimulationScore(
            condition,
            Index,
            ClustersStimulated,
            PeriodMs,
            ExcitatoryInputsPerMs,
            InhibitoryInputsPerMs,
            spikes,
            n == 0 ? double.NaN : TrueMv.Average(),
            spikes == 0 || spikes == n ? double.NaN : Roc.Auc(SpikeProbability, SpikeTrain),
            n < 2 ? double.NaN : RegressionMetrics.RmseRescaled(PredictedMv, TrueMv)
        );
    }
}
