namespace Kit.Neuron.Simulation;

/// <summary>One presynaptic event (weight 1, delay 0) for synapse <paramref name="Instance"/> of group <paramref name="Group"/>.</summary>
/// <param name="TimeMs">Event time (ms); delivered before the step from t when TimeMs ≤ t + dt/2 (NEURON's rule).</param>
/// <param name="Group">Index into <see cref="CellModel.Synapses"/>.</param>
/// <param name="Instance">Synapse index within the group.</param>
public readonly record struct SynapticEvent(double TimeMs, int Group, int Instance);
