using System.Text.Json.Serialization;

namespace Kit.Figures.S1;

/// <summary>
/// The numbers of an S1 run, as written to <c>figures/S1-l5pc-simulation/metrics.json</c>: spike counts of the
/// kit's protocols and, where NEURON's reference run exists for them, its counts and the largest spike-time
/// difference. The paper reports no numbers for this figure, so there is no <c>paper</c> object.
/// </summary>
/// <param name="Profile">Profile of the run.</param>
/// <param name="Morphology">"Hay2011 (cell1.asc)" or "synthetic (cell1.asc not found)".</param>
/// <param name="CurrentStepSpikes">Somatic spikes (upward -20 mV crossings) during the current step.</param>
/// <param name="CurrentStepSpikesNeuron">NEURON's count for the same step, or null without a reference.</param>
/// <param name="CurrentStepMaxSpikeTimeErrorMs">Largest |kit - NEURON| spike time (ms) when the counts agree, else null.</param>
/// <param name="BacSomaSpikes">Somatic spikes of pulse only, EPSC only, pulse + EPSC.</param>
/// <param name="RandomInputMs">Length of the random-input simulation (ms).</param>
/// <param name="RandomInputOutputSpikes">Somatic spikes under random input.</param>
public sealed record S1Metrics(
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("morphology")] string Morphology,
    [property: JsonPropertyName("current_step_spikes")] int CurrentStepSpikes,
    [property: JsonPropertyName("current_step_spikes_neuron")] int? CurrentStepSpikesNeuron,
    [property: JsonPropertyName("current_step_max_spike_time_error_ms")]
        double? CurrentStepMaxSpikeTimeErrorMs,
    [property: JsonPropertyName("bac_soma_spikes")] int[] BacSomaSpikes,
    [property: JsonPropertyName("random_input_ms")] double RandomInputMs,
    [property: JsonPropertyName("random_input_output_spikes")] int RandomInputOutputSpikes
) : FigureMetrics
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, double> PaperValues => None;

    private static readonly Dictionary<string, double> None = [];
}
