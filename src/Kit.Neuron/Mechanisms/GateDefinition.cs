namespace Kit.Neuron.Mechanisms;

/// <summary>Steady state and time constant of one gate as a pure function of its input.</summary>
/// <param name="x">Membrane potential (mV) or, for calcium gates, <c>cai</c> (mM).</param>
/// <returns><c>Inf</c> (dimensionless, 0..1) and <c>TauMs</c> (ms).</returns>
public delegate (double Inf, double TauMs) GateRates(double x);

/// <summary>
/// One gating variable obeying <c>dx/dt = (xInf − x)/xTau</c>, started at xInf(v_init) (docs/l5pc/channels.md,
/// introduction).
/// </summary>
/// <param name="Name">Gate name as in the mod file (<c>m</c>, <c>h</c>, <c>z</c>).</param>
/// <param name="Power">Exponent of the gate in the open probability (1–4).</param>
/// <param name="Input">Whether the rates depend on v (mV) or on cai (mM).</param>
/// <param name="Rates">The exact rate functions.</param>
public sealed record GateDefinition(string Name, int Power, GateInput Input, GateRates Rates)
{
    /// <summary>
    /// One exponential-Euler ("cnexp") step with frozen input: <c>x ← inf + (x − inf)·exp(−dt/tau)</c>
    /// (state phase of docs/numerical-method.md, "Fixed-step scheme"). Exact for constant input.
    /// </summary>
    public static double Step(double x, double inf, double tauMs, double dtMs) =>
        inf + (x - inf) * Math.Exp(-dtMs / tauMs);
}
