using System.Diagnostics;

namespace Kit.Neuron.Simulation;

/// <summary>The phases of one <see cref="Simulation.Step"/> that <see cref="StepProfile"/> times separately.</summary>
public enum StepPhase
{
    /// <summary>Event delivery (release rule, state increments).</summary>
    Events,

    /// <summary>Zeroing the current and conductance accumulators.</summary>
    Clear,

    /// <summary>Nernst eca from cai (one log per Ca node and lane).</summary>
    Eca,

    /// <summary>Leak current.</summary>
    Passive,

    /// <summary>Channel currents and conductances (gbar·Πxᵖ·(v − e)).</summary>
    ChannelCurrents,

    /// <summary>Synaptic currents and slopes (including the NMDA Mg block).</summary>
    SynapseCurrents,

    /// <summary>Current clamps and other stimuli.</summary>
    Stimuli,

    /// <summary>Diagonal and right-hand side of the tree system, axial currents.</summary>
    Assembly,

    /// <summary>Hines elimination and back substitution.</summary>
    Hines,

    /// <summary>Voltage update (and CN's Ca-current correction).</summary>
    Update,

    /// <summary>CaDynamics_E2 pools.</summary>
    Calcium,

    /// <summary>Rate-table coordinates of every node and lane, shared by all gates (SIMD path).</summary>
    TableCoordinates,

    /// <summary>Gate states (rate tables or exact rates).</summary>
    Gates,

    /// <summary>Synapse state decay and flush.</summary>
    SynapseStates,
}

/// <summary>
/// Wall time per <see cref="StepPhase"/> accumulated over the steps of a <see cref="Simulation"/> whose
/// <see cref="Simulation.Profile"/> is set (one Stopwatch timestamp between phases).
/// </summary>
public sealed class StepProfile
{
    private readonly long[] _ticks = new long[Enum.GetValues<StepPhase>().Length];

    /// <summary>Steps recorded.</summary>
    public long Steps { get; internal set; }

    internal void Add(StepPhase phase, long ticks) => _ticks[(int)phase] += ticks;

    /// <summary>Total wall time (µs) of <paramref name="phase"/> over all recorded steps.</summary>
    public double TotalMicroseconds(StepPhase phase) =>
        _ticks[(int)phase] * 1e6 / Stopwatch.Frequency;

    /// <summary>Mean wall time (µs) of <paramref name="phase"/> per step.</summary>
    public double MicrosecondsPerStep(StepPhase phase) =>
        Steps == 0 ? 0 : TotalMicroseconds(phase) / Steps;

    /// <summary>Mean wall time (µs) per step over all phases.</summary>
    public double TotalMicrosecondsPerStep => Enum.GetValues<StepPhase>().Sum(MicrosecondsPerStep);

    /// <summary>Adds another profile's times and steps to this one (threads, batches).</summary>
    public void Merge(StepProfile other)
    {
        for (int i = 0; i < _ticks.Length; i++)
            _ticks[i] += other._ticks[i];
        Steps += other.Steps;
    }

    /// <summary>One line per phase: µs per step and share of the total.</summary>
    public override string ToString()
    {
        double total = TotalMicrosecondsPerStep;
        return string.Join(
            "\n",
            Enum.GetValues<StepPhase>()
                .Select(p =>
                    string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"{p, -16} {MicrosecondsPerStep(p), 8:0.00} us/step {100 * MicrosecondsPerStep(p) / Math.Max(total, 1e-12), 5:0.0} %"
                    )
                )
                .Append(
                    string.Create(
                        System.Globalization.CultureInfo.InvariantCulture,
                        $"{"total", -16} {total, 8:0.00} us/step ({Steps} steps)"
                    )
                )
        );
    }
}
