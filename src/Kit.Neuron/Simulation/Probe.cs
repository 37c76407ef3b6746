namespace Kit.Neuron.Simulation;

/// <summary>What a <see cref="Probe"/> records.</summary>
public enum ProbeQuantity
{
    /// <summary>Membrane potential (mV).</summary>
    VoltageMv,

    /// <summary>Intracellular calcium (mM).</summary>
    CaiMm,

    /// <summary>Calcium Nernst potential (mV), as used in the last current phase.</summary>
    EcaMv,
}

/// <summary>A recording of one node on a regular grid t = k·interval, k = 0 … duration/interval (inclusive).</summary>
/// <param name="Name">Trace name (unique within a plan).</param>
/// <param name="Node">Node recorded.</param>
/// <param name="IntervalMs">Sampling interval (ms), a multiple of dt.</param>
/// <param name="Quantity">What is recorded.</param>
public sealed record Probe(
    string Name,
    int Node,
    double IntervalMs,
    ProbeQuantity Quantity = ProbeQuantity.VoltageMv
);
