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

    /// <summary>
    /// Use the AVX2 kernels (<see cref="LaneKernels"/>) when the CPU has AVX2: with <see cref="Lanes"/> a multiple of 4
    /// every phase runs 4 lanes per vector (results equal the scalar kernels' up to the vector exp/log, ≈ 1 ulp; 8 lanes
    /// amortise best); with one lane the rate-table gates and channel currents run 4 instances per vector (bitwise
    /// equal). False, or other lane counts, runs the scalar reference kernels.
    /// </summary>
    public bool Simd { get; init; } = true;

    /// <summary>Voltage integration scheme.</summary>
    public IntegrationMethod Method { get; init; } = IntegrationMethod.BackwardEuler;

    /// <summary>NEURON's default (dt 0.025 ms, backward Euler).</summary>
    public static SimulationOptions NeuronDefault { get; } = new();

    /// <summary>
    /// The engine's default for the spiking L5PC: Crank–Nicolson at dt 0.025 ms. On the current-step protocol its
    /// spike times are within 0.32 ms of NEURON's converged dt = 0.001 run (backward Euler at the same dt: 4.1 ms and
    /// an extra spike); on the NeuronIO fixtures soma RMS 0.035–0.044 mV and 55/55 spikes matched, at a fifth of the
    /// cost of <see cref="Reference"/>.
    /// </summary>
    public static SimulationOptions Accurate { get; } =
        new() { DtMs = 0.025, Method = IntegrationMethod.CrankNicolson };

    /// <summary>
    /// NEURON's own scheme at the step recommended for the spiking L5PC (backward Euler, dt 0.005 ms: within 0.2 ms of
    /// NEURON's converged dt = 0.001 run; docs/numerical-method.md, "Accuracy requirements").
    /// </summary>
    public static SimulationOptions Reference { get; } = new() { DtMs = 0.005 };
}
