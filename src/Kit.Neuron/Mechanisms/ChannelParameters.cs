namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Parameters of one channel as inserted somewhere: its kinetics (including any shift, e.g. Ih's vshift),
/// maximal conductance and reversal potential. Each channel class offers a <c>Parameters(...)</c> factory;
/// <see cref="L5pcBiophysics.Parameters"/> gives the dataset's values.
/// </summary>
/// <param name="Channel">Kinetics.</param>
/// <param name="GbarSPerCm2">Maximal conductance (S/cm²).</param>
/// <param name="ReversalMv">Fixed reversal potential (mV), or null for calcium (the dynamic Nernst eca).</param>
public sealed record ChannelParameters(
    ChannelDefinition Channel,
    double GbarSPerCm2,
    double? ReversalMv
)
{
    /// <summary>
    /// Conductance (S/cm²) and current density (mA/cm²) at <paramref name="vMv"/> (mV); calcium channels use
    /// <paramref name="ecaMv"/> (mV).
    /// </summary>
    public (double G, double I) Current(
        ReadOnlySpan<double> state,
        double vMv,
        double ecaMv = double.NaN
    )
    {
        double e = ReversalMv ?? ecaMv;
        if (double.IsNaN(e))
            throw new ArgumentException(
                $"{Channel.Name} needs eca (mV) for its current",
                nameof(ecaMv)
            );
        return Channel.Current(state, vMv, GbarSPerCm2, e);
    }
}
