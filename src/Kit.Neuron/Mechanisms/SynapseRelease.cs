namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Release bookkeeping of the Tsodyks–Markram wrapper with Use = 1, Dep = 0, Fac = 0 (docs/l5pc/synapses.md,
/// "Release rule"), evaluated literally so NEURON's quirk is reproduced: at an event with <c>t − tsyn = 0</c> (an event
/// at t = 0, where tsyn starts) <c>Pv = 1 − (1 − Pv)·exp(−0/0)</c> becomes NaN and the synapse never releases again.
/// The random draw is taken as r = 0: every event after t = 0 releases, as in the NEURON 8.2 build that checked it
/// (the mechanism reads an unset random stream; deterministic release).
/// </summary>
/// <param name="TsynMs">Time of the previous event (ms), 0 at initialisation.</param>
/// <param name="Pv">Vesicle availability, 1 at initialisation (NaN once silenced).</param>
public record struct SynapseRelease(double TsynMs, double Pv)
{
    /// <summary>State at <c>finitialize</c>: tsyn = 0, Pv = 1.</summary>
    public static SynapseRelease Initial => new(0, 1);

    /// <summary>Depression time constant of the dataset's configuration (ms).</summary>
    private const double DepMs = 0;

    /// <summary>True once a t = 0 (or same-time) event has turned Pv into NaN.</summary>
    public readonly bool Silenced => double.IsNaN(Pv);

    /// <summary>
    /// Processes an event at <paramref name="tMs"/> (ms) and says whether it releases. With
    /// <paramref name="reproduceNeuronT0Quirk"/> false every event releases.
    /// </summary>
    public bool OnEvent(double tMs, bool reproduceNeuronT0Quirk)
    {
        if (!reproduceNeuronT0Quirk)
        {
            TsynMs = tMs;
            return true;
        }
        const double u = 1; // Use = 1 with Fac = 0
        Pv = 1 - (1 - Pv) * Math.Exp(-(tMs - TsynMs) / DepMs);
        double pr = u * Pv;
        Pv -= u * Pv;
        TsynMs = tMs;
        const double r = 0;
        return r < pr; // false for NaN
    }

    /// <summary>
    /// Array form for the engine: processes an event for entry <paramref name="index"/> of the
    /// <paramref name="tsynMs"/> / <paramref name="pv"/> arrays (any layout) and says whether it releases.
    /// </summary>
    public static bool OnEvent(
        Span<double> tsynMs,
        Span<double> pv,
        int index,
        double tMs,
        bool reproduceNeuronT0Quirk
    )
    {
        var s = new SynapseRelease(tsynMs[index], pv[index]);
        bool released = s.OnEvent(tMs, reproduceNeuronT0Quirk);
        tsynMs[index] = s.TsynMs;
        pv[index] = s.Pv;
        return released;
    }
}
