namespace Kit.Neuron.Inputs;

/// <summary>A range [Low, High) of population spike counts per 100 ms (spikes / 100 ms), drawn uniformly.</summary>
/// <param name="Low">Lower bound (spikes / 100 ms).</param>
/// <param name="High">Upper bound (spikes / 100 ms).</param>
public sealed record SpikeCountRange(double Low, double High);
