using Kit.Plots;

namespace Kit.Figures.Fig1;

/// <summary>
/// Everything figure 1 draws, as plain arrays, so evaluation code of any origin can feed it
/// (<see cref="Fig1Figure.Panels(Fig1Data)"/>). Times are integer milliseconds on the 1 ms grid of the dataset; voltages are mV.
/// </summary>
/// <param name="InputChannels">Channel of each input spike (0 .. <paramref name="TotalChannels"/>-1).</param>
/// <param name="InputTimesMs">Time of each input spike, ms (same length as channels).</param>
/// <param name="ExcitatoryChannels">Channels below this index are excitatory, the rest inhibitory.</param>
/// <param name="TotalChannels">Number of input channels.</param>
/// <param name="TrueMv">Simulated somatic voltage, one sample per ms from <paramref name="StartMs"/>.</param>
/// <param name="PredMv">Predicted somatic voltage, same grid.</param>
/// <param name="TrueSpikeTimesMs">Output spike times of the simulated neuron, ms.</param>
/// <param name="SpikeProbability">Predicted spike probability per ms, same grid as the voltage.</param>
/// <param name="StartMs">Time of sample 0 of the voltage and probability arrays, ms.</param>
/// <param name="WindowMs">Time range of panels a and b.</param>
/// <param name="ZoomMs">Time range of the zoomed voltage panel.</param>
/// <param name="FilterWeights">Learned filter, [channel, lag].</param>
/// <param name="CrossSectionLagsMs">Lags of the temporal cross-sections, ms.</param>
/// <param name="MeanExcitatoryFilter">Mean excitatory filter over channels, per lag.</param>
/// <param name="MeanInhibitoryFilter">Mean inhibitory filter over channels, per lag.</param>
/// <param name="Fit">Exponential fitted to the excitatory cross-section.</param>
/// <param name="Roc">ROC curve of spike prediction.</param>
/// <param name="CrossCorrelationLagsMs">Lags of the spike cross-correlation, ms.</param>
/// <param name="CrossCorrelation">Cross-correlation of true and predicted spikes per lag.</param>
/// <param name="ScatterMaxPoints">Most points drawn in the voltage scatter.</param>
/// <param name="Seed">Seed of the scatter subsampling.</param>
public sealed record Fig1Data(
    int[] InputChannels,
    int[] InputTimesMs,
    int ExcitatoryChannels,
    int TotalChannels,
    double[] TrueMv,
    double[] PredMv,
    int[] TrueSpikeTimesMs,
    double[] SpikeProbability,
    int StartMs,
    (int From, int To) WindowMs,
    (int From, int To) ZoomMs,
    double[,] FilterWeights,
    double[] CrossSectionLagsMs,
    double[] MeanExcitatoryFilter,
    double[] MeanInhibitoryFilter,
    ExponentialCurve Fit,
    RocSeries Roc,
    double[] CrossCorrelationLagsMs,
    double[] CrossCorrelation,
    int ScatterMaxPoints = 5000,
    int Seed = 0
);
