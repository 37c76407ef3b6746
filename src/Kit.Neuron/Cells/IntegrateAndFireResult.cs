namespace Kit.Neuron.Cells;

/// <summary>The outcome of one I&amp;F simulation.</summary>
/// <param name="VoltageMv">Somatic voltage (mV) per 1 ms bin, float64, after the in-place resets, not clipped; length T.</param>
/// <param name="OutputSpikeBins">Bins t (ms) where the neuron spiked, ascending.</param>
public sealed record IntegrateAndFireResult(double[] VoltageMv, int[] OutputSpikeBins);
