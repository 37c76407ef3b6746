namespace Kit.Neuron.Simulation;

/// <summary>
/// Where the fixed step is refined: a step of dt whose start finds some lane's soma at or above
/// <paramref name="AboveMv"/> (near threshold, spiking, or on the plateau after a spike), or that starts within
/// <paramref name="HoldMs"/> after such a step, is taken as <paramref name="Factor"/> steps of dt/Factor. Spikes and
/// the ms around them are a few percent of a simulation, and that is where a coarse step decides whether a
/// near-threshold doublet fires (docs/numerical-method.md, "Which method when"). All lanes of an engine step
/// together, so a step is refined when any lane needs it. Recording stays on the dt grid.
/// </summary>
/// <param name="Factor">Finer steps per step (2 or more).</param>
/// <param name="AboveMv">Soma voltage (mV) at or above which a step is refined.</param>
/// <param name="HoldMs">How long refinement continues after the soma was last above the threshold (ms).</param>
public sealed record StepRefinement(int Factor = 2, double AboveMv = -56, double HoldMs = 2)
{
    /// <summary>Throws naming the field when the refinement is not valid.</summary>
    public void Validate()
    {
        if (Factor < 2)
            throw new ArgumentOutOfRangeException(
                nameof(Factor),
                $"refinement Factor must be at least 2, got {Factor}"
            );
        if (!double.IsFinite(AboveMv))
            throw new ArgumentOutOfRangeException(nameof(AboveMv), "AboveMv must be finite");
        if (!(HoldMs >= 0))
            throw new ArgumentOutOfRangeException(
                nameof(HoldMs),
                $"HoldMs must be >= 0, got {HoldMs}"
            );
    }
}
