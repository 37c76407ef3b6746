namespace Kit.Neuron.Simulation;

/// <summary>Time-stepping scheme for the membrane potential (channel states always use cnexp, staggered).</summary>
public enum IntegrationMethod
{
    /// <summary>
    /// NEURON's default fixed step (<c>secondorder = 0</c>; docs/numerical-method.md, "Fixed-step scheme"): linearised
    /// backward Euler for V.
    /// </summary>
    BackwardEuler,

    /// <summary>
    /// NEURON's <c>secondorder = 2</c> style Crank–Nicolson: the implicit solve is done for the half step
    /// (C·2/dt) and V is extrapolated, <c>V^{n+1} = V^n + 2·ΔV</c>; the Ca current feeding the pools is corrected to
    /// t + dt/2 (<c>ica += dica/dv·ΔV</c>, NEURON's second_order_cur); states stay staggered (cnexp at V^{n+1}).
    /// </summary>
    CrankNicolson,
}
