namespace Kit.Neuron.Mechanisms;

/// <summary>
/// Allocation-free array kernels the engine calls for one channel over all its instances.
/// Layouts (structure of arrays, lanes = independent trials stepped together):
/// <list type="bullet">
/// <item><c>vMv</c>, <c>caiMm</c>, <c>iDensity</c>, <c>gDensity</c>, <c>ionDensity</c>: [node × lane], index <c>node·lanes + lane</c>.</item>
/// <item><c>state</c>: gate-major blocks of [instance × lane], index <c>(gate·instances + k)·lanes + lane</c>,
/// where instance k sits on node <c>nodeOf[k]</c> and <c>instances = nodeOf.Length</c>.</item>
/// </list>
/// Units: v and reversal potentials in mV, cai in mM, gbar and conductances in S/cm², currents in mA/cm².
/// </summary>
public static class ChannelKernels
{
    /// <summary>Number of state values the channel needs for <paramref name="instances"/> × <paramref name="lanes"/>.</summary>
    public static int StateLength(ChannelDefinition channel, int instances, int lanes) =>
        channel.Gates * instances * lanes;

    /// <summary>Sets every gate to its steady state at the node's v (and cai).</summary>
    public static void Initialize(
        ChannelDefinition channel,
        Span<double> state,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> vMv,
        ReadOnlySpan<double> caiMm
    )
    {
        int instances = nodeOf.Length;
        Check(channel, state.Length, instances, lanes);
        for (int j = 0; j < channel.Gates; j++)
        {
            var gate = channel.GateList[j];
            var input = gate.Input == GateInput.Voltage ? vMv : caiMm;
            var block = state.Slice(j * instances * lanes, instances * lanes);
            for (int k = 0; k < instances; k++)
            {
                int o = nodeOf[k] * lanes;
                for (int l = 0; l < lanes; l++)
                    block[k * lanes + l] = gate.Rates(input[o + l]).Inf;
            }
        }
    }

    /// <summary>
    /// State phase: advances every gate by <paramref name="dtMs"/> (ms) with the new v (and current cai) frozen,
    /// <c>x ← inf + (x − inf)·exp(−dt/tau)</c> (cnexp; state phase of docs/numerical-method.md, "Fixed-step scheme").
    /// With <paramref name="tables"/> the voltage gates use the interpolated tables (which must have been built for
    /// this channel and dt); with null they use the exact rate functions.
    /// </summary>
    public static void Advance(
        ChannelDefinition channel,
        Span<double> state,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> vMv,
        ReadOnlySpan<double> caiMm,
        double dtMs,
        ChannelRateTables? tables = null
    )
    {
        int instances = nodeOf.Length;
        Check(channel, state.Length, instances, lanes);
        if (tables != null && (!ReferenceEquals(tables.Channel, channel) || tables.DtMs != dtMs))
            throw new ArgumentException(
                $"rate tables of {tables.Channel.Name} at dt={tables.DtMs} ms used for {channel.Name} at dt={dtMs} ms",
                nameof(tables)
            );
        for (int j = 0; j < channel.Gates; j++)
            AdvanceGate(
                channel,
                j,
                state.Slice(j * instances * lanes, instances * lanes),
                nodeOf,
                lanes,
                vMv,
                caiMm,
                dtMs,
                tables
            );
    }

    /// <summary>
    /// As <see cref="Advance"/> for gate <paramref name="gateIndex"/> alone; <paramref name="block"/> is that gate's
    /// [instance × lane] block (no argument checks: the engine's inner call).
    /// </summary>
    internal static void AdvanceGate(
        ChannelDefinition channel,
        int gateIndex,
        Span<double> block,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> vMv,
        ReadOnlySpan<double> caiMm,
        double dtMs,
        ChannelRateTables? tables
    )
    {
        var gate = channel.GateList[gateIndex];
        var table = tables?[gateIndex];
        int instances = nodeOf.Length;
        if (table != null)
            AdvanceTabled(table, block, nodeOf, lanes, vMv);
        else
        {
            var input = gate.Input == GateInput.Voltage ? vMv : caiMm;
            // Constant-tau gates (SK_E2's z) reuse the last decay factor: one exp per call instead of per node.
            double lastTau = double.NaN,
                lastDecay = 0;
            for (int k = 0; k < instances; k++)
            {
                int o = nodeOf[k] * lanes;
                for (int l = 0; l < lanes; l++)
                {
                    var (inf, tau) = gate.Rates(input[o + l]);
                    if (tau != lastTau)
                    {
                        lastTau = tau;
                        lastDecay = Math.Exp(-dtMs / tau);
                    }
                    ref double x = ref block[k * lanes + l];
                    x = inf + (x - inf) * lastDecay;
                }
            }
        }
    }

    /// <summary>
    /// Current phase: adds each instance's current density <c>gbar·Π x^p·(v − e)</c> (mA/cm²) to
    /// <paramref name="iDensity"/> and its conductance (S/cm², the slope for the implicit node equation) to
    /// <paramref name="gDensity"/>; when <paramref name="ionDensity"/> is not empty the current is also added
    /// there (the total ica that drives CaDynamics_E2). <c>gbarSPerCm2</c> is the maximal conductance per
    /// instance (S/cm², length = instances); <c>eRevMv</c> the reversal potential (mV), either of length 1
    /// (a fixed ena, ek or ehcn) or [node × lane] (the Nernst eca).
    /// </summary>
    public static void AccumulateCurrent(
        ChannelDefinition channel,
        ReadOnlySpan<double> state,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> gbarSPerCm2,
        ReadOnlySpan<double> eRevMv,
        ReadOnlySpan<double> vMv,
        Span<double> iDensity,
        Span<double> gDensity,
        Span<double> ionDensity
    )
    {
        int instances = nodeOf.Length;
        Check(channel, state.Length, instances, lanes);
        if (gbarSPerCm2.Length != instances)
            throw new ArgumentException(
                $"{channel.Name}: {gbarSPerCm2.Length} gbar values for {instances} instances",
                nameof(gbarSPerCm2)
            );
        bool uniformE = eRevMv.Length == 1;
        bool ion = !ionDensity.IsEmpty;
        int block = instances * lanes;
        int gates = channel.Gates;
        int p0 = channel.GateList[0].Power;
        int p1 = gates > 1 ? channel.GateList[1].Power : 0;
        for (int k = 0; k < instances; k++)
        {
            double gbar = gbarSPerCm2[k];
            int o = nodeOf[k] * lanes;
            for (int l = 0; l < lanes; l++)
            {
                int s = k * lanes + l;
                double open = ChannelDefinition.PowerOf(state[s], p0);
                if (gates > 1)
                    open *= ChannelDefinition.PowerOf(state[block + s], p1);
                for (int j = 2; j < gates; j++)
                    open *= ChannelDefinition.PowerOf(
                        state[j * block + s],
                        channel.GateList[j].Power
                    );
                double g = gbar * open;
                double e = uniformE ? eRevMv[0] : eRevMv[o + l];
                double i = g * (vMv[o + l] - e);
                iDensity[o + l] += i;
                gDensity[o + l] += g;
                if (ion)
                    ionDensity[o + l] += i;
            }
        }
    }

    private static void AdvanceTabled(
        RateTable table,
        Span<double> block,
        ReadOnlySpan<int> nodeOf,
        int lanes,
        ReadOnlySpan<double> vMv
    )
    {
        ReadOnlySpan<double> t = table.Values;
        double vMin = table.VMinMv,
            inv = table.InverseStep;
        double last = table.Points - 1;
        for (int k = 0; k < nodeOf.Length; k++)
        {
            int o = nodeOf[k] * lanes;
            for (int l = 0; l < lanes; l++)
            {
                ref double x = ref block[k * lanes + l];
                double v = vMv[o + l];
                double u = (v - vMin) * inv;
                if (u >= 0 && u < last)
                {
                    int i = (int)u;
                    double f = u - i;
                    int j = 2 * i;
                    double inf = t[j] + f * (t[j + 2] - t[j]);
                    double decay = t[j + 1] + f * (t[j + 3] - t[j + 1]);
                    x = inf + (x - inf) * decay;
                }
                else
                    x = table.Step(x, v); // off-grid: exact rates
            }
        }
    }

    private static void Check(ChannelDefinition channel, int stateLength, int instances, int lanes)
    {
        if (lanes < 1)
            throw new ArgumentOutOfRangeException(nameof(lanes), lanes, "need at least one lane");
        int expected = channel.Gates * instances * lanes;
        if (stateLength != expected)
            throw new ArgumentException(
                $"{channel.Name}: state has {stateLength} values, expected gates·instances·lanes = {channel.Gates}·{instances}·{lanes} = {expected}"
            );
    }
}
