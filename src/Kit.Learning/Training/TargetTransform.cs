using Kit.Neuron.Data;

namespace Kit.Learning.Training;

/// <summary>
/// Soma-voltage target of the voltage head: <c>min(V, ClipMv) - OffsetMv</c> (spikes clipped away).
/// Integrate-and-fire: clip -54.9 mV, offset = mean of the clipped training voltage; L5PC: clip -55 mV, offset -67.7 mV.
/// </summary>
/// <param name="ClipMv">Upper clip of the voltage (mV).</param>
/// <param name="OffsetMv">Subtracted after clipping (mV); null = the clipped training mean, resolved by the trainer.</param>
public sealed record TargetTransform(double ClipMv, double? OffsetMv)
{
    /// <summary>
    /// Integrate-and-fire neuron: clip at -54.9 mV, just below its -55 mV threshold, offset = training mean
    /// (docs/training-and-evaluation.md, "Figure 1: integrate-and-fire").
    /// </summary>
    public static TargetTransform IntegrateAndFire { get; } = new(-54.9, null);

    /// <summary>L5PC: clip at -55 mV, minus -67.7 mV (docs/training-and-evaluation.md, "Figures 2-4: the L5PC networks").</summary>
    public static TargetTransform L5pc { get; } = new(-55.0, -67.7);

    /// <summary>
    /// L5PC nexus (the dendritic head's target): clip at -40 mV, minus -67.7 mV. The clip keeps the dendrite's NMDA and
    /// calcium plateaus below it and cuts the back-propagating action potentials and calcium-spike peaks, which are tens
    /// of mV tall and locked to the somatic spikes the spike head already predicts.
    /// </summary>
    public static TargetTransform L5pcNexus { get; } = new(-40.0, -67.7);

    /// <summary>The offset, which must have been resolved.</summary>
    public double Offset =>
        OffsetMv
        ?? throw new InvalidOperationException(
            "the voltage offset is unresolved; call Resolve first"
        );

    /// <summary>This transform with a null offset replaced by the mean clipped voltage of <paramref name="training"/>.</summary>
    public TargetTransform Resolve(IReadOnlyList<SimulationRecord> training)
    {
        if (OffsetMv != null)
            return this;
        var mean = new ClippedMean(ClipMv);
        foreach (var r in training)
            mean.Add(r);
        return this with { OffsetMv = mean.Mean };
    }

    /// <summary>Model target from a voltage (mV).</summary>
    public float Forward(float voltageMv) => (float)(Math.Min(voltageMv, ClipMv) - Offset);

    /// <summary>Voltage (mV) from a model output (the clipped voltage it learned).</summary>
    public double Inverse(double output) => output + Offset;
}

/// <summary>Running mean of min(V, clip) over every bin of the simulations added (the offset <see cref="TargetTransform.Resolve"/> finds).</summary>
internal sealed class ClippedMean(double clipMv)
{
    private double sum;
    private long count;

    /// <summary>Adds every bin of <paramref name="record"/>'s soma voltage.</summary>
    public void Add(SimulationRecord record)
    {
        foreach (var v in record.SomaVoltageMv)
        {
            sum += Math.Min(v, clipMv);
            count++;
        }
    }

    /// <summary>The mean; throws when nothing was added.</summary>
    public double Mean =>
        count > 0
            ? sum / count
            : throw new ArgumentException(
                "cannot resolve the voltage offset from an empty training set"
            );
}
