using System.Text.Json.Serialization;
using Kit.Learning.Metrics;
using Kit.Neuron.Cells;

namespace Kit.Figures.Fig4;

/// <summary>
/// How much depth buys at a fixed budget, per synapse type: the best test AUC of a deep network (at least
/// <see cref="Fig4Config.DeepFromDepth"/> layers) that has one-layer networks within
/// <see cref="Fig4Config.ParameterFactor"/> of its parameter count, minus the best AUC among those one-layer
/// networks. The paper's finding is that this is large with NMDA synapses and about zero with AMPA only.
/// <para>The interval is a paired bootstrap over test simulations: every network of a synapse type is evaluated on
/// the same test simulations with the same bootstrap seed, so replicate b drew the same simulations for all of them
/// (<see cref="Kit.Learning.Evaluation.PaperEvaluationResult.AucReplicates"/>); the gain is computed again on each
/// replicate's AUCs (the best networks chosen again within it, so the choice's own uncertainty is in the interval)
/// and the 2.5th and 97.5th percentiles of those gains are the interval.</para>
/// </summary>
/// <param name="Gain">The gain in AUC (NaN when no deep network has a one-layer network within the factor).</param>
/// <param name="Ci">95 % paired bootstrap interval of the gain ([NaN, NaN] when the rows cannot be paired).</param>
/// <param name="Deep">The deep network chosen (e.g. <c>nmda 7x64 T153</c>), or null.</param>
/// <param name="Shallow">The one-layer network it is compared with, or null.</param>
/// <param name="DeepParameters">Parameters of the deep network (0 when none).</param>
/// <param name="ShallowParameters">Parameters of the one-layer network (0 when none).</param>
/// <param name="Note">Why there is no gain or no interval, else null.</param>
/// <param name="DeepAuc">Test AUC of the deep network (NaN when none).</param>
/// <param name="ShallowAuc">Test AUC of the one-layer network (NaN when none).</param>
public sealed record DepthGain(
    [property: JsonPropertyName("gain")] double Gain,
    [property: JsonPropertyName("ci")] double[] Ci,
    [property: JsonPropertyName("deep")] string? Deep,
    [property: JsonPropertyName("shallow")] string? Shallow,
    [property: JsonPropertyName("deep_parameters")] long DeepParameters,
    [property: JsonPropertyName("shallow_parameters")] long ShallowParameters,
    [property: JsonPropertyName("note")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        string? Note,
    [property: JsonPropertyName("deep_auc")] double DeepAuc = double.NaN,
    [property: JsonPropertyName("shallow_auc")] double ShallowAuc = double.NaN
)
{
    /// <summary>
    /// The share of the one-layer network's shortfall from a perfect AUC that depth removes,
    /// <see cref="Gain"/> / (1 − <see cref="ShallowAuc"/>): a gain of 0.01 is small for a cell whose one-layer
    /// network misses 0.06 and large for one that misses 0.015, so this compares the two cells on a common scale.
    /// </summary>
    [JsonPropertyName("error_reduction")]
    public double ErrorReduction => Gain / (1 - ShallowAuc);

    /// <summary>The depth gain of <paramref name="synapses"/> among <paramref name="rows"/>.</summary>
    /// <param name="rows">The sweep table (rows of other synapse types are ignored).</param>
    /// <param name="synapses">The synapse type.</param>
    /// <param name="deepFromDepth">Fewest layers of a deep network (3).</param>
    /// <param name="parameterFactor">Largest ratio of parameter counts of a compared pair (2).</param>
    /// <param name="confidence">Interval coverage (0.95).</param>
    public static DepthGain Of(
        IReadOnlyList<SweepRow> rows,
        ExcitatorySynapseKind synapses,
        int deepFromDepth = 3,
        double parameterFactor = 2,
        double confidence = 0.95
    )
    {
        var own = rows.Where(r => r.Point.Synapses == synapses).ToArray();
        int[] deep =
        [
            .. Enumerable.Range(0, own.Length).Where(i => own[i].Point.Depth >= deepFromDepth),
        ];
        int[] shallow = [.. Enumerable.Range(0, own.Length).Where(i => own[i].Point.Depth == 1)];
        bool Near(int a, int b) =>
            Math.Max(own[a].Parameters, own[b].Parameters)
            <= parameterFactor * Math.Min(own[a].Parameters, own[b].Parameters);
        // Each deep network with its one-layer peers.
        var pairs = deep.Select(d => (Deep: d, Peers: shallow.Where(s => Near(d, s)).ToArray()))
            .Where(p => p.Peers.Length > 0)
            .ToArray();
        if (pairs.Length == 0)
            return new(
                double.NaN,
                [double.NaN, double.NaN],
                null,
                null,
                0,
                0,
                $"no network of depth >= {deepFromDepth} has a one-layer network within a factor "
                    + $"{parameterFactor} of its parameter count ({deep.Length} deep, {shallow.Length} one-layer)"
            );

        // The statistic on one vector of AUCs (indexed as own): the best deep network with peers, less its best peer.
        (double Gain, int Deep, int Shallow) Statistic(Func<int, double> auc)
        {
            int bestDeep = -1;
            foreach (var p in pairs)
                if (!double.IsNaN(auc(p.Deep)) && (bestDeep < 0 || auc(p.Deep) > auc(bestDeep)))
                    bestDeep = p.Deep;
            if (bestDeep < 0)
                return (double.NaN, -1, -1);
            int bestPeer = -1;
            foreach (var s in pairs.First(p => p.Deep == bestDeep).Peers)
                if (!double.IsNaN(auc(s)) && (bestPeer < 0 || auc(s) > auc(bestPeer)))
                    bestPeer = s;
            return bestPeer < 0
                ? (double.NaN, bestDeep, -1)
                : (auc(bestDeep) - auc(bestPeer), bestDeep, bestPeer);
        }

        var (gain, d0, s0) = Statistic(i => own[i].Auc);
        var involved = pairs
            .SelectMany(p => p.Peers.Append(p.Deep))
            .Distinct()
            .Select(i => own[i])
            .ToArray();
        string? note = null;
        var ci = ConfidenceInterval.None;
        int resamples = involved[0].AucBootstrap.Length;
        if (resamples == 0)
            note = "no bootstrap replicates in the table (evaluated with Bootstrap = 0)";
        else if (
            involved.Any(r =>
                r.AucBootstrap.Length != resamples
                || r.SimulationsKept != involved[0].SimulationsKept
                || r.BootstrapSeed != involved[0].BootstrapSeed
            )
        )
            note =
                "the networks were not evaluated on the same simulations with the same bootstrap (their kept "
                + "simulations, seeds or replicate counts differ), so their replicates cannot be paired";
        else
            ci = Bootstrap.Percentile(
                Enumerable
                    .Range(0, resamples)
                    .Select(b => Statistic(i => own[i].AucBootstrap[b]).Gain),
                confidence
            );
        return new(
            gain,
            [ci.Lo, ci.Hi],
            d0 < 0 ? null : own[d0].Point.ToString(),
            s0 < 0 ? null : own[s0].Point.ToString(),
            d0 < 0 ? 0 : own[d0].Parameters,
            s0 < 0 ? 0 : own[s0].Parameters,
            note,
            d0 < 0 ? double.NaN : own[d0].Auc,
            s0 < 0 ? double.NaN : own[s0].Auc
        );
    }

    /// <summary>
    /// The minimal passing network of <paramref name="synapses"/>: among rows with AUC at least
    /// <paramref name="aucThreshold"/>, the one with the fewest layers, then the fewest parameters; null when none
    /// passes.
    /// </summary>
    public static SweepRow? MinimalPassing(
        IReadOnlyList<SweepRow> rows,
        ExcitatorySynapseKind synapses,
        double aucThreshold
    ) =>
        rows.Where(r => r.Point.Synapses == synapses && r.Auc >= aucThreshold)
            .OrderBy(r => r.Point.Depth)
            .ThenBy(r => r.Parameters)
            .FirstOrDefault();
}
