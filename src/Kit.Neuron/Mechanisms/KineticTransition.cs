namespace Kit.Neuron.Mechanisms;

/// <summary>
/// A rate (1/ms) of a kinetic-scheme transition as a function of the membrane voltage (mV) and the ligand
/// concentration (mM) at the synapse.
/// </summary>
public delegate double KineticRate(double voltageMv, double ligandMm);

/// <summary>
/// One reversible transition <c>From ⇄ To</c> of a <see cref="KineticScheme"/>: <see cref="Forward"/> moves occupancy
/// from <see cref="From"/> to <see cref="To"/>, <see cref="Backward"/> the other way (both 1/ms).
/// </summary>
/// <param name="From">Index of the source state.</param>
/// <param name="To">Index of the target state.</param>
/// <param name="Forward">Rate From → To (1/ms).</param>
/// <param name="Backward">Rate To → From (1/ms).</param>
public sealed record KineticTransition(int From, int To, KineticRate Forward, KineticRate Backward);
