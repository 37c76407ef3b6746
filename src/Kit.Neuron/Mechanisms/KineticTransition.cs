namespace Kit.Neuron.Mechanisms;

/// <summary>
/// One reversible transition <c>From ⇄ To</c> of a <see cref="KineticScheme"/>: <see cref="Forward"/> moves occupancy
/// from <see cref="From"/> to <see cref="To"/>, <see cref="Backward"/> the other way (both 1/ms).
/// </summary>
/// <param name="From">Index of the source state.</param>
/// <param name="To">Index of the target state.</param>
/// <param name="Forward">Rate From → To (1/ms).</param>
/// <param name="Backward">Rate To → From (1/ms).</param>
public sealed record KineticTransition(int From, int To, KineticRate Forward, KineticRate Backward);
