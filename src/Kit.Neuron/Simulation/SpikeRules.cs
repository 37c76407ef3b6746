using Kit.Neuron.Data;

namespace Kit.Neuron.Simulation;

/// <summary>The two output-spike rules used against NEURON.</summary>
public static class SpikeRules
{
    /// <summary>Threshold of the protocol references' rule (mV): upward crossings of −20 mV.</summary>
    public const double CrossingThresholdMv = -20;

    /// <summary>Threshold of the dataset rule (mV): local maxima above −25 mV on the 0.125 ms trace.</summary>
    public const double DatasetThresholdMv = -25;

    /// <summary>
    /// Dataset rule (docs/l5pc/inputs-and-outputs.md, "Output spike detection"): times (ms) of strict local maxima
    /// above <paramref name="thresholdMv"/> of a trace sampled every <paramref name="dtMs"/> from t = 0 (0.125 ms in
    /// the dataset).
    /// </summary>
    public static double[] DatasetLocalMaxima(
        ReadOnlySpan<double> traceMv,
        double dtMs,
        double thresholdMv = DatasetThresholdMv
    )
    {
        var f = new float[traceMv.Length];
        for (int i = 0; i < f.Length; i++)
            f[i] = (float)traceMv[i];
        return SpikeDetection.LocalMaxima(f, dtMs, thresholdMv);
    }

    /// <summary>
    /// Protocol rule: times (ms) at which a trace sampled every <paramref name="dtMs"/> from
    /// <paramref name="t0Ms"/> crosses <paramref name="thresholdMv"/> upwards, linearly interpolated between samples.
    /// </summary>
    public static double[] UpwardCrossings(
        ReadOnlySpan<double> traceMv,
        double dtMs,
        double thresholdMv = CrossingThresholdMv,
        double t0Ms = 0
    )
    {
        var r = new List<double>();
        for (int i = 1; i < traceMv.Length; i++)
            if (traceMv[i - 1] < thresholdMv && traceMv[i] >= thresholdMv)
                r.Add(
                    t0Ms
                        + dtMs
                            * (
                                i
                                - 1
                                + (thresholdMv - traceMv[i - 1]) / (traceMv[i] - traceMv[i - 1])
                            )
                );
        return [.. r];
    }
}
