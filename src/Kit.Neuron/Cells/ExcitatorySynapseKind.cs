namespace Kit.Neuron.Cells;

/// <summary>The excitatory synapse of the L5PC dataset configurations (spec 05).</summary>
public enum ExcitatorySynapseKind
{
    /// <summary>AMPA + NMDA with Mg block (the main "NMDA" dataset).</summary>
    AmpaNmda,

    /// <summary>AMPA only (the "AMPA" datasets).</summary>
    Ampa,
}
