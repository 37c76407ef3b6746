namespace Kit.Neuron.Mechanisms;

/// <summary>The ion a channel's current is carried by (decides which reversal potential applies).</summary>
public enum Ion
{
    /// <summary>Sodium, <c>ena</c> (+50 mV in the L5PC).</summary>
    Na,

    /// <summary>Potassium, <c>ek</c> (−85 mV in the L5PC).</summary>
    K,

    /// <summary>Calcium, <c>eca</c> from the Nernst equation each step; the current feeds CaDynamics_E2.</summary>
    Ca,

    /// <summary>Non-specific cation current with a fixed reversal parameter (Ih: <c>ehcn</c> = −45 mV).</summary>
    NonSpecific,
}

/// <summary>What a gate's steady state and time constant depend on.</summary>
public enum GateInput
{
    /// <summary>The membrane potential (mV).</summary>
    Voltage,

    /// <summary>The intracellular calcium concentration <c>cai</c> (mM) — SK_E2.</summary>
    Calcium,
}
