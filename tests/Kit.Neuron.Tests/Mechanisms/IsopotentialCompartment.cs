using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Tests.Mechanisms;

/// <summary>
/// A single isopotential compartment stepped exactly as NEURON's fixed-step scheme (docs/numerical-method.md,
/// "NEURON's fixed-step scheme"), used to test the
/// mechanisms end to end without the cable engine: events, current phase at Vⁿ with old states (eca from the
/// current cai), linearised backward Euler for V, then states at Vⁿ⁺¹. Absolute units: nF, µS, nA, mV, ms.
/// Drives the engine-facing array kernels with one node and one lane.
/// </summary>
internal sealed class IsopotentialCompartment
{
    private readonly double _areaUm2;
    private readonly L5pcRegionBiophysics _region;
    private readonly (
        ChannelDefinition Def,
        double Gbar,
        double E,
        ChannelRateTables? Tables
    )[] _channels;
    private readonly double[][] _states;
    private readonly double[] _v = new double[1];
    private readonly double[] _cai = [MechanismConstants.Cai0Mm];
    private readonly double[] _eca = new double[1];
    private readonly double[] _i = new double[1];
    private readonly double[] _g = new double[1];
    private readonly double[] _ica = new double[1];
    private readonly int[] _node = [0];
    private readonly CaDynamicsE2.Decay _caDecay;

    public IsopotentialCompartment(
        double areaUm2,
        L5pcBiophysics bio,
        L5pcRegion region,
        double dtMs,
        bool useTables = false,
        bool passiveOnly = false
    )
    {
        _areaUm2 = areaUm2;
        _region = bio.Region(region);
        DtMs = dtMs;
        var inserted = passiveOnly ? [] : _region.Gbars.Inserted;
        _channels = inserted
            .Select(c =>
            {
                var p = bio.Parameters(c, region);
                return (
                    p.Channel,
                    p.GbarSPerCm2,
                    p.ReversalMv ?? double.NaN,
                    useTables ? new ChannelRateTables(p.Channel, dtMs) : null
                );
            })
            .ToArray();
        _states = _channels.Select(c => new double[c.Def.Gates]).ToArray();
        _caDecay = _region.Calcium is { } p
            ? CaDynamicsE2.Decay.For(p, dtMs)
            : new CaDynamicsE2.Decay(1);
        Celsius = bio.Celsius;
        Initialize(bio.VInitMv);
    }

    public double DtMs { get; }
    public double Celsius { get; }
    public double TimeMs { get; private set; }
    public double VMv => _v[0];
    public double CaiMm => _cai[0];
    public double EcaMv => _eca[0];

    /// <summary>Capacitance (nF).</summary>
    public double CapacitanceNf => _region.Passive.CmUfPerCm2 * _areaUm2 * 1e-5;

    /// <summary>Leak conductance (µS).</summary>
    public double LeakUs => _region.Passive.GPasSPerCm2 * _areaUm2 * 1e-2;

    /// <summary>Point processes on the node: synapse, its state, gmax per instance, pending event times.</summary>
    public List<(
        ISynapse Syn,
        double[] State,
        SynapseRelease[] Release,
        Queue<double> Events
    )> Synapses { get; } = [];

    /// <summary>Injected current (nA, positive = depolarising) as a function of t (ms).</summary>
    public Func<double, double> InjectNa { get; set; } = _ => 0;

    public void Initialize(double vMv)
    {
        TimeMs = 0;
        _v[0] = vMv;
        _cai[0] = MechanismConstants.Cai0Mm;
        _eca[0] = CaDynamicsE2.Eca(_cai[0], Celsius);
        for (int c = 0; c < _channels.Length; c++)
            ChannelKernels.Initialize(_channels[c].Def, _states[c], _node, 1, _v, _cai);
    }

    public void AddSynapse(ISynapse syn, params double[] eventTimesMs) =>
        Synapses.Add(
            (syn, new double[syn.States], [SynapseRelease.Initial], new Queue<double>(eventTimesMs))
        );

    /// <summary>Total synaptic conductance (µS) at the current state.</summary>
    public double SynapticConductanceUs(double vMv) =>
        Synapses.Sum(s => s.Syn.Current(s.State, vMv).G);

    public void Step()
    {
        double dt = DtMs;
        // 1. events with t_k <= t + dt/2
        foreach (var s in Synapses)
            while (s.Events.Count > 0 && s.Events.Peek() <= TimeMs + dt / 2)
            {
                double tk = s.Events.Dequeue();
                if (s.Release[0].OnEvent(tk, s.Syn.ReproduceNeuronT0Quirk))
                    s.Syn.Deliver(s.State);
            }
        // 2. current phase at V^n with the old states; eca from the current cai
        _i[0] = 0;
        _g[0] = 0;
        _ica[0] = 0;
        _eca[0] = CaDynamicsE2.Eca(_cai[0], Celsius);
        Passive.Accumulate(_v, 1, [_region.Passive.GPasSPerCm2], [_region.Passive.EPasMv], _i, _g);
        for (int c = 0; c < _channels.Length; c++)
        {
            var (def, gbar, e, _) = _channels[c];
            bool ca = def.Ion == Ion.Ca;
            ChannelKernels.AccumulateCurrent(
                def,
                _states[c],
                _node,
                1,
                [gbar],
                ca ? _eca : [e],
                _v,
                _i,
                _g,
                ca ? _ica : Span<double>.Empty
            );
        }
        double iNa = _i[0] * _areaUm2 * 1e-2 - InjectNa(TimeMs);
        double gUs = _g[0] * _areaUm2 * 1e-2;
        var iSyn = new double[1];
        var gSyn = new double[1];
        foreach (var s in Synapses)
            s.Syn.AccumulateCurrent(s.State, _node, 1, [s.Syn.GMaxUs], _v, iSyn, gSyn);
        iNa += iSyn[0];
        gUs += gSyn[0];
        // 3-4. backward Euler with the linearised current
        double dv = -iNa / (CapacitanceNf / dt + gUs);
        _v[0] += dv;
        // 5. states at V^{n+1}; cai first (NEURON registers CaDynamics_E2 before SK_E2, so SK_E2 reads the new cai)
        if (_region.Calcium is { } p)
            CaDynamicsE2.AdvanceNodes(_cai, _ica, _node, 1, _caDecay, p);
        for (int c = 0; c < _channels.Length; c++)
            ChannelKernels.Advance(
                _channels[c].Def,
                _states[c],
                _node,
                1,
                _v,
                _cai,
                dt,
                _channels[c].Tables
            );
        foreach (var s in Synapses)
            s.Syn.Advance(s.State, dt);
        TimeMs += dt;
    }
}
