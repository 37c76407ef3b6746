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

    /// <summary>
    /// Steps of <see cref="DtMs"/> taken as finer ones while some lane's soma is near threshold or spiking (null: never).
    /// </summary>
    public StepRefinement? Refinement { get; init; }

    /// <summary>
    /// NEURON's default fixed step (backward Euler, dt 0.025 ms), for comparisons with NEURON runs made that way. Its
    /// spike times on the 1 nA current step are 4.1 ms off the converged solution, with an extra spike.
    /// </summary>
    public static SimulationOptions NeuronDefault { get; } = new();

    /// <summary>
    /// Backward Euler at dt 0.005 ms, for comparisons with NEURON runs made that way (the step NEURON users often take
    /// for the spiking L5PC). Not converged: on the burst case it misses the near-threshold doublet, as NEURON does at
    /// this step.
    /// </summary>
    public static SimulationOptions NeuronFine { get; } = new() { DtMs = 0.005 };

    /// <summary>
    /// Crank–Nicolson (NEURON's <c>secondorder = 2</c>) at dt 0.025 ms: the cheapest step that follows NEURON's own
    /// Crank–Nicolson run of the same step (burst case: every spike, soma RMS 0.0001 mV). On simulations whose soma
    /// rests just below threshold after a spike it can land on the other side of the converged solution (the burst
    /// case's 2690 ms doublet: missed, as NEURON misses it at this step).
    /// </summary>
    public static SimulationOptions Fast { get; } =
        new() { DtMs = 0.025, Method = IntegrationMethod.CrankNicolson };

    /// <summary>
    /// <see cref="Fast"/> with the step refined 5× (dt 0.005 ms) while some lane's soma is at or above -58 mV and for
    /// 3 ms after: lands where the converged solution lands on the burst case (doublet fired, every spike within 0.25
    /// ms of CVODE) at a fraction of <see cref="Converged"/>'s cost. The dataset factory's default; the README's
    /// validation section has the measured frontier.
    /// </summary>
    public static SimulationOptions Refined { get; } =
        Fast with
        {
            Refinement = new StepRefinement(Factor: 5, AboveMv: -58, HoldMs: 3),
        };

    /// <summary>
    /// Crank–Nicolson at dt 0.005 ms: the kit's converged reference. Agrees with NEURON's CVODE (atol 1e-6) on the burst
    /// case (every spike within 0.25 ms, soma RMS 0.04 mV) and with NEURON's Crank–Nicolson at the same step to
    /// 0.0001 mV; five times the cost of <see cref="Fast"/>.
    /// </summary>
    public static SimulationOptions Converged { get; } =
        new() { DtMs = 0.005, Method = IntegrationMethod.CrankNicolson };
}
