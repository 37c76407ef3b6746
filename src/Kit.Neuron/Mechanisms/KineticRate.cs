namespace Kit.Neuron.Mechanisms;

/// <summary>
/// A rate (1/ms) of a kinetic-scheme transition as a function of the membrane voltage (mV) and the ligand
/// concentration (mM) at the synapse.
/// </summary>
public delegate double KineticRate(double voltageMv, double ligandMm);
