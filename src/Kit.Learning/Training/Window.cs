namespace Kit.Learning.Training;

/// <summary>Bins [StartMs, StartMs + length) of simulation <paramref name="Simulation"/>.</summary>
public readonly record struct Window(int Simulation, int StartMs);
