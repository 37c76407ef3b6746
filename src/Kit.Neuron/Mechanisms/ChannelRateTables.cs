namespace Kit.Neuron.Mechanisms;

/// <summary>
/// The rate tables of every voltage gate of one channel for one dt. Calcium-driven gates (SK_E2) have no table
/// and are always evaluated exactly (their tau is constant, their steady state a single power function).
/// </summary>
public sealed class ChannelRateTables
{
    private readonly RateTable?[] _tables;

    /// <summary>Builds tables for <paramref name="channel"/> at <paramref name="dtMs"/> (ms) on the given grid (mV).</summary>
    public ChannelRateTables(
        ChannelDefinition channel,
        double dtMs,
        double vMinMv = RateTable.DefaultVMinMv,
        double vMaxMv = RateTable.DefaultVMaxMv,
        double stepMv = RateTable.DefaultStepMv
    )
    {
        Channel = channel;
        DtMs = dtMs;
        _tables = channel
            .GateList.Select(g =>
                g.Input == GateInput.Voltage ? new RateTable(g, dtMs, vMinMv, vMaxMv, stepMv) : null
            )
            .ToArray();
    }

    /// <summary>The channel the tables belong to.</summary>
    public ChannelDefinition Channel { get; }

    /// <summary>Time step of the decay factors (ms).</summary>
    public double DtMs { get; }

    /// <summary>Table of gate <paramref name="gate"/>, or null for a calcium gate.</summary>
    public RateTable? this[int gate] => _tables[gate];
}
