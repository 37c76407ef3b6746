namespace Kit.Neuron.Simulation;

/// <summary>How a <see cref="Simulation"/> steps.</summary>
public sealed record SimulationOptions
{
    /// <summary>Fixed time step (ms). Must divide 0.125 ms (the dataset's sampling) for the recording grids.</summary>
    public double DtMs { get; init; } = 0.025;

    /// <summary>Independent trials stepped together (state layout [node × lane]).</summary>
    public int Lanes { get; init; } = 1;

    /// <summary>Use interpolated rate tables for the voltage gates (faster; exact rate functions otherwise).</summary>
    public bool UseRateTables { get; init; } = true;

    /// <summary>Voltage integration scheme.</summary>
    public IntegrationMethod Method { get; init; } = IntegrationMethod.BackwardEuler;

    /// <summary>NEURON's default (dt 0.025 ms, backward Euler).</summary>
    public static SimulationOptions NeuronDefault { get; } = new();

    /// <summary>Accurate enough for the spiking L5PC (dt 0.005 ms, spec 07 §7).</summary>
    public static SimulationOptions Accurate { get; } = new() { DtMs = 0.005 };
}
