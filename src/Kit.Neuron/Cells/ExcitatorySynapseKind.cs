namespace Kit.Neuron.Cells;

/// <summary>The excitatory synapse of the L5PC dataset configurations (docs/l5pc/synapses.md).</summary>
public enum ExcitatorySynapseKind
{
    /// <summary>AMPA + NMDA with Mg block (the main "NMDA" dataset).</summary>
    AmpaNmda,

    /// <summary>AMPA only (the "AMPA" datasets).</summary>
    Ampa,
}
