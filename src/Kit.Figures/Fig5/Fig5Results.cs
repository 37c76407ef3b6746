using Kit.Neuron.Data;
using Kit.Neuron.Simulation;

namespace Kit.Figures.Fig5;

/// <summary>The random-input simulations of a Figure 5 run and where they are cached.</summary>
/// <param name="Train">Training simulations (validation is split off by the trainer).</param>
/// <param name="Test">Test simulations.</param>
/// <param name="Directory">Cache folder holding <c>train.npz</c> and <c>test.npz</c> (docs/dataset-format.md).</param>
/// <param name="FromCache">True when read from the cache rather than simulated.</param>
/// <param name="Seconds">Wall time to simulate or read them.</param>
public sealed record Fig5Datasets(
    SpikeDataset Train,
    SpikeDataset Test,
    string Directory,
    bool FromCache,
    double Seconds
)
{
    /// <summary>Mean input spikes per 100 ms on the branch (all nine synapses) over the training set.</summary>
    public double BranchSpikesPer100Ms => BrancoDataset.BranchSpikesPer100Ms(Train.Simulations);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Train.Simulations.Count} training + {Test.Simulations.Count} test simulations of "
        + $"{(Train.Simulations.Count > 0 ? Train.Simulations[0].DurationMs : 0)} ms "
        + $"({(FromCache ? "from cache" : "simulated")} in {Seconds:0.0} s); "
        + $"{BranchSpikesPer100Ms:0.0} input spikes per 100 ms on the branch; {Directory}";
}

/// <summary>Branco's ordered sequences as simulated for a Figure 5 run.</summary>
/// <param name="Permuted">Random activation orders at the permuted interval.</param>
/// <param name="In">IN (distal to proximal) at each IN/OUT interval.</param>
/// <param name="Out">OUT (proximal to distal) at the same intervals.</param>
/// <param name="Spanning">Orders spanning the directionality index (<see cref="Fig5Config.OrdersPerIndexValue"/> per
/// value) at the permuted interval; empty when the config leaves them out.</param>
public sealed record Fig5Sequences(
    IReadOnlyList<BrancoSequenceRun> Permuted,
    IReadOnlyList<BrancoSequenceRun> In,
    IReadOnlyList<BrancoSequenceRun> Out,
    IReadOnlyList<BrancoSequenceRun> Spanning
)
{
    /// <summary>True when read from the cache rather than simulated.</summary>
    public bool FromCache { get; init; }

    /// <summary>Wall time to simulate or read them (s).</summary>
    public double Seconds { get; init; }
}

/// <summary>The network on the test set: the soma voltage of every test simulation, simulated and predicted.</summary>
/// <param name="TrueMv">Simulated soma voltage, the test simulations one after the other (1 ms bins).</param>
/// <param name="PredictedMv">The network's prediction, same bins.</param>
/// <param name="SimulationMs">Length of each test simulation (ms).</param>
/// <param name="RmseMv">Root-mean-square error over every bin (mV).</param>
/// <param name="VarianceExplained">1 − MSE / variance of the simulated voltage.</param>
public sealed record Fig5Evaluation(
    double[] TrueMv,
    double[] PredictedMv,
    int SimulationMs,
    double RmseMv,
    double VarianceExplained
);

/// <summary>The network's answers to the ordered sequences (it was trained on random input only).</summary>
/// <param name="PermutedPeakMv">Predicted peak somatic depolarisation (mV above −75) of each permuted sequence.</param>
/// <param name="SpanningPeakMv">The same for each order of <see cref="Fig5Sequences.Spanning"/>.</param>
/// <param name="InPeakMv">Predicted peak of IN at each interval.</param>
/// <param name="OutPeakMv">Predicted peak of OUT at each interval.</param>
/// <param name="InTraceMv">Predicted soma voltage of IN at each interval (1 ms bins, 0 … 199 ms).</param>
/// <param name="OutTraceMv">Predicted soma voltage of OUT at each interval.</param>
public sealed record Fig5SequencePredictions(
    double[] PermutedPeakMv,
    double[] SpanningPeakMv,
    double[] InPeakMv,
    double[] OutPeakMv,
    double[][] InTraceMv,
    double[][] OutTraceMv
);

/// <summary>One hidden unit's learned filter.</summary>
/// <param name="Unit">Index of the unit.</param>
/// <param name="WeightsByLag">Weights [synapse (0 most distal … 8 most proximal), lag (ms, 0 = the current bin)].</param>
/// <param name="VoltageHeadWeight">The voltage head's weight on this unit (its sign says whether it raises or lowers the prediction).</param>
public sealed record Fig5UnitFilter(int Unit, double[,] WeightsByLag, double VoltageHeadWeight)
{
    /// <summary>Mean weight of the distal (0-2) minus the proximal (6-8) synapses over the first <paramref name="lagsMs"/> lags.</summary>
    public double DistalMinusProximal(int lagsMs = 20)
    {
        int lags = Math.Min(lagsMs, WeightsByLag.GetLength(1));
        double distal = 0,
            proximal = 0;
        for (int l = 0; l < lags; l++)
        {
            for (int s = 0; s < 3; s++)
                distal += WeightsByLag[s, l];
            for (int s = 6; s < 9; s++)
                proximal += WeightsByLag[s, l];
        }
        return (distal - proximal) / (3.0 * lags);
    }
}

/// <summary>
/// Branco's IN sequence after ongoing random input and a silence (<see cref="Fig5Experiment.InAfterOngoingInput"/>).
/// </summary>
/// <param name="SilenceMs">Silence between the end of the random input and the sequence's first activation (ms).</param>
/// <param name="MeanPeakMv">Mean over the backgrounds of the soma's peak above its voltage at the sequence's onset (mV).</param>
/// <param name="MinPeakMv">Smallest such peak (mV).</param>
/// <param name="MaxPeakMv">Largest such peak (mV).</param>
/// <param name="OnsetAboveRestMv">Mean soma voltage at the onset above rest (mV): how far the membrane itself still is
/// from rest.</param>
/// <param name="FromRestPeakMv">The same sequence from rest (mV), Branco's protocol.</param>
public sealed record Fig5Recovery(
    double SilenceMs,
    double MeanPeakMv,
    double MinPeakMv,
    double MaxPeakMv,
    double OnsetAboveRestMv,
    double FromRestPeakMv
);
