using System.Collections.Immutable;

namespace Kit.Neuron.Simulation;

/// <summary>What a run records: probes, and upward threshold crossings of one node checked at every step.</summary>
/// <param name="Probes">Sampled traces.</param>
/// <param name="SpikeNode">Node whose every-step voltage is scanned for crossings, or −1 for none.</param>
/// <param name="SpikeThresholdMv">Crossing threshold (mV); the protocol references use −20 mV.</param>
public sealed record RecordingPlan(
    ImmutableArray<Probe> Probes,
    int SpikeNode = -1,
    double SpikeThresholdMv = SpikeRules.CrossingThresholdMv
)
{
    /// <summary>A plan with the given probes and crossing detection at <paramref name="spikeNode"/>.</summary>
    public static RecordingPlan Of(int spikeNode, params Probe[] probes) =>
        new([.. probes], spikeNode);
}
