namespace Kit.Neuron.Cells;

/// <summary>
/// The discrete-time (1 ms) current-based leaky integrate-and-fire neuron of the paper's Fig. 1 replication
/// (docs/integrate-and-fire.md, "Parameters", "Membrane potential", "Spiking and reset"). Defaults are the values the
/// paper's script passes (not the function's own defaults).
/// </summary>
/// <param name="ExcitatorySynapses">Channels 0..ExcitatorySynapses−1 carry <see cref="ExcitatoryWeight"/>; the rest <see cref="InhibitoryWeight"/>.</param>
/// <param name="InhibitorySynapses">Inhibitory channels (after the excitatory ones).</param>
/// <param name="MembraneTimeConstantMs">τ (ms) of the exponential synaptic/membrane kernel.</param>
/// <param name="VResetMv">Resting and reset potential (mV).</param>
/// <param name="VThresholdMv">Spike threshold (mV); a spike needs V &gt; threshold.</param>
/// <param name="CurrentToVoltageMv">Factor c (mV per unit of filtered input): V = v_reset + c·D.</param>
public sealed record IntegrateAndFireConfig(
    int ExcitatorySynapses = 80,
    int InhibitorySynapses = 20,
    double MembraneTimeConstantMs = 20,
    double VResetMv = -75,
    double VThresholdMv = -55,
    double CurrentToVoltageMv = 2
)
{
    /// <summary>The paper's neuron (all defaults).</summary>
    public static IntegrateAndFireConfig Paper { get; } = new();

    /// <summary>Weight of an excitatory synapse (units of input; +1).</summary>
    public double ExcitatoryWeight { get; init; } = 1.0;

    /// <summary>Weight of an inhibitory synapse (units of input; −1).</summary>
    public double InhibitoryWeight { get; init; } = -1.0;

    /// <summary>
    /// Value (mV) the paper stores instead of any V above threshold in the learning target (threshold + 0.1 = −54.9 mV).
    /// Applied by <see cref="IntegrateAndFireNeuron.ClipForTarget"/>, never by the simulation itself.
    /// </summary>
    public double ClipMv { get; init; } = -54.9;

    /// <summary>Kernel length in 1 ms samples: int(7·τ) + 1 (141 for τ = 20 ms).</summary>
    public int KernelLength => (int)(7 * MembraneTimeConstantMs) + 1;

    /// <summary>Total input channels.</summary>
    public int Channels => ExcitatorySynapses + InhibitorySynapses;
}
