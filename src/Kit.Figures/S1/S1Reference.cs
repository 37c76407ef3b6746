using Kit.Neuron.Simulation;

namespace Kit.Figures.S1;

/// <summary>
/// NEURON's runs of the S1 protocols (<c>b_current_step.json</c>, <c>d_bac_firing.json</c> in the reference
/// folder), at one method, or why there are none.
/// </summary>
/// <param name="CurrentStep">NEURON's current step, or null.</param>
/// <param name="Bac">NEURON's BAC runs by condition (soma_pulse_only, ...), empty when absent.</param>
/// <param name="Note">One line for the notebook: the folder read, or why the comparison is skipped.</param>
public sealed record S1Reference(
    ProtocolRun? CurrentStep,
    IReadOnlyDictionary<string, ProtocolRun> Bac,
    string Note
)
{
    /// <summary>No reference runs, for the reason given.</summary>
    public static S1Reference None(string why) =>
        new(null, new Dictionary<string, ProtocolRun>(), why);
}
