using System.Diagnostics;
using Kit.Core;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// A runnable instance of a <see cref="CellModel"/>: owns the state of <see cref="Lanes"/> independent trials laid
/// out [node × lane] (index <c>node·lanes + lane</c>) and steps them with NEURON's fixed-step scheme (spec 07 §4):
/// (1) deliver events with t_k ≤ t + dt/2; (2) current phase at Vⁿ with the old states (eca from the current cai,
/// stimuli at t + dt/2); (3–4) linearised implicit voltage solve on the tree (Hines); (5) state phase at Vⁿ⁺¹:
/// calcium (with the current phase's ica), then gates (cnexp), then synapses. Absolute units inside:
/// nF, µS, nA, mV, ms. The time loop does not allocate.
/// </summary>
public sealed class Simulation
{
    private readonly int _n;
    private readonly int _lanes;
    private readonly double _dt;
    private readonly int[] _parent;
    private readonly double[] _offDiagonal;
    private readonly double[] _coupling;
    private readonly double[] _capOverDt;
    private readonly double[] _areaFactor;
    private readonly double[] _gPas;
    private readonly double[] _ePas;
    private readonly double[] _v,
        _iDensity,
        _gDensity,
        _iNa,
        _gUs,
        _ica,
        _gca,
        _cai,
        _eca,
        _d,
        _rhs;
    private readonly double[][] _channelState;
    private readonly double[][] _channelGbar;
    private readonly int[][] _channelNodes;
    private readonly double[]?[] _channelReversal;
    private readonly ChannelRateTables?[] _tables;
    private readonly int[][] _poolNodes;
    private readonly CaDynamicsE2.Decay[] _poolDecay;
    private readonly int[] _ecaNodes;
    private readonly double[][] _synState;
    private readonly double[][] _synDecay;
    private readonly double[][] _synGmax;
    private readonly int[][] _synNodes;
    private readonly double[][] _tsyn;
    private readonly double[][] _pv;
    private readonly SynapticEvent[][] _events;
    private readonly int[] _eventCursor;
    private readonly List<(IStimulus Stimulus, int Lane)> _stimuli = [];
    private readonly double _cFactor;
    private readonly bool _simd;
    private readonly bool _simdSingleLane;
    private readonly int[] _tableIndex;
    private readonly double[] _tableFrac;
    private readonly double _gridVMinMv,
        _gridInverseStep,
        _gridLast;
    private readonly bool[] _vectorGates;
    private readonly double _skDecay;
    private readonly double[] _logCai;
    private readonly (FusedChannel[] Channels, int[] Nodes)[] _channelBatches;
    private readonly int[] _logCaiNodes;

    /// <summary>Creates the state for <paramref name="cell"/> and initialises it (<see cref="Initialize"/>).</summary>
    public Simulation(CellModel cell, SimulationOptions? options = null)
    {
        cell.Validate();
        Cell = cell;
        Options = options ?? SimulationOptions.NeuronDefault;
        if (!(Options.DtMs > 0))
            throw new ArgumentOutOfRangeException(nameof(options), "DtMs must be positive");
        if (Options.Lanes < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "Lanes must be at least 1");
        _dt = Options.DtMs;
        _lanes = Options.Lanes;
        _cFactor = Options.Method == IntegrationMethod.CrankNicolson ? 2.0 : 1.0;
        var tree = cell.Tree;
        _n = tree.Nodes;
        _parent = [.. tree.Parent];
        _coupling = [.. tree.CouplingUs];
        _offDiagonal = _coupling.Select(g => -g).ToArray();
        _capOverDt = new double[_n];
        _areaFactor = new double[_n];
        for (int k = 0; k < _n; k++)
        {
            _capOverDt[k] = _cFactor * cell.CapacitanceNf(k) / _dt;
            _areaFactor[k] = tree.AreaUm2[k] * 1e-2;
        }
        _gPas = [.. cell.GPasSPerCm2];
        _ePas = [.. cell.EPasMv];
        int nl = _n * _lanes;
        _v = new double[nl];
        _iDensity = new double[nl];
        _gDensity = new double[nl];
        _iNa = new double[nl];
        _gUs = new double[nl];
        _ica = new double[nl];
        _gca = new double[nl];
        _cai = new double[nl];
        _eca = new double[nl];
        _d = new double[nl];
        _rhs = new double[nl];
        var ch = cell.Channels;
        _channelState = new double[ch.Length][];
        _channelGbar = new double[ch.Length][];
        _channelNodes = new int[ch.Length][];
        _channelReversal = new double[ch.Length][];
        _tables = new ChannelRateTables?[ch.Length];
        var tableCache = new Dictionary<ChannelDefinition, ChannelRateTables>(
            ReferenceEqualityComparer.Instance
        );
        for (int c = 0; c < ch.Length; c++)
        {
            var g = ch[c];
            _channelNodes[c] = [.. g.Nodes];
            _channelGbar[c] = [.. g.GbarSPerCm2];
            _channelState[c] = new double[
                ChannelKernels.StateLength(g.Channel, g.Nodes.Length, _lanes)
            ];
            _channelReversal[c] = g.ReversalMv is { } e ? [e] : null;
            if (Options.UseRateTables)
            {
                if (!tableCache.TryGetValue(g.Channel, out var t))
                    tableCache[g.Channel] = t = new ChannelRateTables(g.Channel, _dt);
                _tables[c] = t;
            }
        }
        _simd = Options.Simd && _lanes % LaneKernels.Width == 0 && LaneKernels.Supported;
        // One lane: the scalar kernels, but the rate-table gates 4 instances per vector (bitwise the same).
        _simdSingleLane = Options.Simd && _lanes == 1 && LaneKernels.Supported;
        _vectorGates = new bool[ch.Length];
        _skDecay = Math.Exp(-_dt / SKE2.ZTauMs);
        RateTable? grid = null;
        for (int c = 0; c < ch.Length; c++)
        {
            var t = _tables[c];
            if (!(_simd || _simdSingleLane) || t == null)
                continue;
            bool ok = true;
            for (int j = 0; j < ch[c].Channel.Gates; j++)
            {
                var rt = t[j];
                if (rt == null)
                {
                    ok &= ReferenceEquals(ch[c].Channel.GateList[j], SKE2.Definition.GateList[0]);
                    continue;
                }
                grid ??= rt;
                ok &=
                    rt.VMinMv == grid.VMinMv
                    && rt.StepMv == grid.StepMv
                    && rt.Points == grid.Points;
            }
            _vectorGates[c] = ok;
        }
        _tableIndex = grid != null ? new int[nl] : [];
        _tableFrac = grid != null ? new double[nl] : [];
        _gridVMinMv = grid?.VMinMv ?? 0;
        _gridInverseStep = grid?.InverseStep ?? 0;
        _gridLast = grid != null ? grid.Points - 1 : 0;
        var pools = cell.CalciumPools;
        _poolNodes = pools.Select(p => p.Nodes.ToArray()).ToArray();
        _poolDecay = pools.Select(p => CaDynamicsE2.Decay.For(p.Parameters, _dt)).ToArray();
        _ecaNodes = pools.SelectMany(p => p.Nodes).Distinct().Order().ToArray();
        // Consecutive groups on the same nodes (the channels of one region) are summed in one pass.
        var batches = new List<(FusedChannel[] Channels, int[] Nodes)>();
        for (int c = 0; (_simd || _simdSingleLane) && c < ch.Length; )
        {
            int end = c + 1;
            while (end < ch.Length && ch[end].Nodes.SequenceEqual(ch[c].Nodes))
                end++;
            batches.Add(
                (
                    Enumerable
                        .Range(c, end - c)
                        .Select(i =>
                        {
                            var def = ch[i].Channel;
                            return new FusedChannel(
                                _channelState[i],
                                ch[i].Nodes.Length * _lanes,
                                [.. def.GateList.Select(g => g.Power)],
                                _channelGbar[i],
                                ch[i].ReversalMv ?? double.NaN,
                                def.Ion == Ion.Ca
                            );
                        })
                        .ToArray(),
                    _channelNodes[c]
                )
            );
            c = end;
        }
        _channelBatches = [.. batches];
        _logCai = _simd ? new double[nl] : [];
        _logCaiNodes = _simd
            ? _ecaNodes
                .Concat(
                    ch.Where(g => g.Channel.GateList.Contains(SKE2.Definition.GateList[0]))
                        .SelectMany(g => g.Nodes)
                )
                .Distinct()
                .Order()
                .ToArray()
            : [];
        var syn = cell.Synapses;
        _synState = syn.Select(s => new double[s.Mechanism.States * s.Count * _lanes]).ToArray();
        _synDecay = syn.Select(s => s.Mechanism.DecayFactors(_dt)).ToArray();
        _synGmax = syn.Select(s => s.GMaxUs.ToArray()).ToArray();
        _synNodes = syn.Select(s => s.Nodes.ToArray()).ToArray();
        _tsyn = syn.Select(s => new double[s.Count * _lanes]).ToArray();
        _pv = syn.Select(s => new double[s.Count * _lanes]).ToArray();
        _events = new SynapticEvent[_lanes][];
        for (int l = 0; l < _lanes; l++)
            _events[l] = [];
        _eventCursor = new int[_lanes];
        Initialize();
    }

    /// <summary>The simulated cell.</summary>
    public CellModel Cell { get; }

    /// <summary>Step and method.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Number of independent trials.</summary>
    public int Lanes => _lanes;

    /// <summary>Steps taken since <see cref="Initialize"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>Current time (ms) = StepCount·dt.</summary>
    public double TimeMs => StepCount * _dt;

    /// <summary>Membrane potential (mV) of a node in a lane.</summary>
    public double VoltageMv(int node, int lane = 0) => _v[node * _lanes + lane];

    /// <summary>Intracellular calcium (mM) of a node in a lane.</summary>
    public double CaiMm(int node, int lane = 0) => _cai[node * _lanes + lane];

    /// <summary>Calcium Nernst potential (mV) of a node in a lane, as used in the last current phase.</summary>
    public double EcaMv(int node, int lane = 0) => _eca[node * _lanes + lane];

    /// <summary>
    /// NEURON's <c>finitialize(v_init)</c>: every node at <see cref="CellModel.VInitMv"/>, cai at its initial value,
    /// gates at steady state, synapses at rest (release state tsyn = 0, Pv = 1), t = 0, event cursors rewound.
    /// </summary>
    public void Initialize()
    {
        StepCount = 0;
        Array.Fill(_v, Cell.VInitMv);
        Array.Fill(_cai, Cell.CaiInitMm);
        Array.Clear(_eca);
        CaDynamicsE2.UpdateEcaNodes(_cai, _eca, _ecaNodes, _lanes, Cell.Celsius);
        if (_simd)
            LaneKernels.LogCai(_cai, _logCai, _logCaiNodes, _lanes);
        for (int c = 0; c < _channelState.Length; c++)
            ChannelKernels.Initialize(
                Cell.Channels[c].Channel,
                _channelState[c],
                _channelNodes[c],
                _lanes,
                _v,
                _cai
            );
        for (int s = 0; s < _synState.Length; s++)
        {
            Array.Clear(_synState[s]);
            Array.Clear(_tsyn[s]);
            Array.Fill(_pv[s], 1.0);
        }
        Array.Clear(_eventCursor);
    }

    /// <summary>Adds a stimulus to one lane, or to every lane with <paramref name="lane"/> = −1.</summary>
    public void AddStimulus(IStimulus stimulus, int lane = -1)
    {
        if (stimulus.Node < 0 || stimulus.Node >= _n || !Cell.Tree.HasMembrane(stimulus.Node))
            throw new ArgumentException($"stimulus node {stimulus.Node} is not a membrane node");
        if (lane < -1 || lane >= _lanes)
            throw new ArgumentOutOfRangeException(nameof(lane), lane, $"lanes are 0..{_lanes - 1}");
        _stimuli.Add((stimulus, lane));
    }

    /// <summary>Removes every stimulus.</summary>
    public void ClearStimuli() => _stimuli.Clear();

    /// <summary>
    /// Replaces the presynaptic events of lane <paramref name="lane"/> (sorted here by time, stable). Takes effect
    /// from the current time; call before <see cref="Initialize"/>/<see cref="Run"/> for a full run.
    /// </summary>
    public void SetEvents(int lane, IEnumerable<SynapticEvent> events)
    {
        if (lane < 0 || lane >= _lanes)
            throw new ArgumentOutOfRangeException(nameof(lane), lane, $"lanes are 0..{_lanes - 1}");
        var list = events.ToArray();
        foreach (var e in list)
        {
            if (e.Group < 0 || e.Group >= _synState.Length)
                throw new ArgumentException(
                    $"event for synapse group {e.Group}: the cell has {_synState.Length}"
                );
            if (e.Instance < 0 || e.Instance >= Cell.Synapses[e.Group].Count)
                throw new ArgumentException(
                    $"event for synapse {e.Instance} of group {Cell.Synapses[e.Group].Name} ({Cell.Synapses[e.Group].Count} synapses)"
                );
            if (!double.IsFinite(e.TimeMs))
                throw new ArgumentException($"event time {e.TimeMs} is not finite");
        }
        _events[lane] = [.. list.OrderBy(e => e.TimeMs)];
        _eventCursor[lane] = 0;
    }

    /// <summary>
    /// When set, every <see cref="Step"/> adds its per-phase wall times to this profile (null, the default, times
    /// nothing).
    /// </summary>
    public StepProfile? Profile { get; set; }

    private long _mark;

    /// <summary>Charges the time since the previous mark to <paramref name="phase"/> (only when profiling).</summary>
    private void Mark(StepPhase phase)
    {
        if (Profile is not { } p)
            return;
        long now = Stopwatch.GetTimestamp();
        p.Add(phase, now - _mark);
        _mark = now;
    }

    /// <summary>Advances every lane by one step dt.</summary>
    public void Step()
    {
        double t = TimeMs;
        if (Profile != null)
            _mark = Stopwatch.GetTimestamp();
        DeliverEvents(t + 0.5 * _dt);
        Mark(StepPhase.Events);
        CurrentPhase(t + 0.5 * _dt);
        VoltageSolve();
        StatePhase();
        StepCount++;
        if (Profile != null)
            Profile.Steps++;
    }

    /// <summary>
    /// Initializes, then runs to <paramref name="durationMs"/> recording <paramref name="plan"/>. Probes sample at
    /// t = k·interval for k = 0 … ⌊duration/interval⌋; crossings are interpolated between steps.
    /// </summary>
    /// <param name="durationMs">Simulated time (ms), a multiple of dt.</param>
    /// <param name="plan">What to record.</param>
    /// <param name="progress">Receives the simulated time in whole ms (optional).</param>
    public SimulationResult Run(
        double durationMs,
        RecordingPlan plan,
        ProgressReporter? progress = null
    )
    {
        long steps = StepsFor(durationMs, "duration");
        var probes = plan.Probes;
        var every = new long[probes.Length];
        var traces = new double[probes.Length][][];
        for (int p = 0; p < probes.Length; p++)
        {
            var pr = probes[p];
            if (pr.Node < 0 || pr.Node >= _n)
                throw new ArgumentException($"probe {pr.Name}: node {pr.Node} outside 0..{_n - 1}");
            every[p] = StepsFor(pr.IntervalMs, $"probe {pr.Name} interval");
            long samples = steps / every[p] + 1;
            traces[p] = new double[_lanes][];
            for (int l = 0; l < _lanes; l++)
                traces[p][l] = new double[samples];
        }
        var crossings = new List<double>[_lanes];
        for (int l = 0; l < _lanes; l++)
            crossings[l] = [];
        int spikeNode = plan.SpikeNode;
        double thr = plan.SpikeThresholdMv;
        var previous = new double[_lanes];
        var sw = Stopwatch.StartNew();
        Initialize();
        Sample(0);
        if (spikeNode >= 0)
            for (int l = 0; l < _lanes; l++)
                previous[l] = _v[spikeNode * _lanes + l];
        long stepsPerMs = Math.Max(1, (long)Math.Round(1 / _dt));
        for (long s = 1; s <= steps; s++)
        {
            Step();
            Sample(s);
            if (progress != null && s % stepsPerMs == 0)
                progress.SetDone(s / stepsPerMs);
            if (spikeNode >= 0)
                for (int l = 0; l < _lanes; l++)
                {
                    double v = _v[spikeNode * _lanes + l];
                    if (previous[l] < thr && v >= thr)
                        crossings[l].Add(_dt * (s - 1 + (thr - previous[l]) / (v - previous[l])));
                    previous[l] = v;
                }
        }
        return new SimulationResult(plan, traces, crossings, durationMs, _dt, sw.Elapsed);

        void Sample(long s)
        {
            for (int p = 0; p < probes.Length; p++)
            {
                if (s % every[p] != 0)
                    continue;
                long k = s / every[p];
                var src = probes[p].Quantity switch
                {
                    ProbeQuantity.CaiMm => _cai,
                    ProbeQuantity.EcaMv => _eca,
                    _ => _v,
                };
                int o = probes[p].Node * _lanes;
                for (int l = 0; l < _lanes; l++)
                    traces[p][l][k] = src[o + l];
            }
        }
    }

    /// <summary>Number of steps in <paramref name="ms"/>; throws unless dt divides it (to 1e-9 relative).</summary>
    public long StepsFor(double ms, string what)
    {
        double r = ms / _dt;
        long k = (long)Math.Round(r);
        if (k < 0 || Math.Abs(r - k) > 1e-9 * Math.Max(1, r))
            throw new ArgumentException(
                $"{what} {ms} ms is not a non-negative multiple of dt = {_dt} ms"
            );
        return k;
    }

    private void DeliverEvents(double tLimitMs)
    {
        bool quirk = Cell.ReproduceNeuronT0Quirk;
        for (int l = 0; l < _lanes; l++)
        {
            var ev = _events[l];
            int i = _eventCursor[l];
            while (i < ev.Length && ev[i].TimeMs <= tLimitMs)
            {
                var e = ev[i++];
                var group = Cell.Synapses[e.Group];
                int idx = e.Instance * _lanes + l;
                if (SynapseRelease.OnEvent(_tsyn[e.Group], _pv[e.Group], idx, e.TimeMs, quirk))
                    group.Mechanism.DeliverAt(
                        _synState[e.Group],
                        group.Count,
                        _lanes,
                        e.Instance,
                        l
                    );
            }
            _eventCursor[l] = i;
        }
    }

    private void CurrentPhase(double tMidMs)
    {
        Array.Clear(_iDensity);
        Array.Clear(_gDensity);
        Array.Clear(_iNa);
        Array.Clear(_gUs);
        Array.Clear(_ica);
        Array.Clear(_gca);
        Mark(StepPhase.Clear);
        if (_simd)
            LaneKernels.UpdateEcaFromLog(_logCai, _eca, _ecaNodes, _lanes, Cell.Celsius);
        else
            CaDynamicsE2.UpdateEcaNodes(_cai, _eca, _ecaNodes, _lanes, Cell.Celsius);
        Mark(StepPhase.Eca);
        if (_simd)
            LaneKernels.AccumulatePassive(_v, _lanes, _gPas, _ePas, _iDensity, _gDensity);
        else
            Passive.Accumulate(_v, _lanes, _gPas, _ePas, _iDensity, _gDensity);
        Mark(StepPhase.Passive);
        if (_simdSingleLane)
            foreach (var (channels, nodes) in _channelBatches)
                LaneKernels.AccumulateChannelBatchSingleLane(
                    channels,
                    nodes,
                    _v,
                    _eca,
                    _iDensity,
                    _gDensity,
                    _ica,
                    _gca
                );
        else if (_simd)
            foreach (var (channels, nodes) in _channelBatches)
                LaneKernels.AccumulateChannelBatch(
                    channels,
                    nodes,
                    _lanes,
                    _v,
                    _eca,
                    _iDensity,
                    _gDensity,
                    _ica,
                    _gca
                );
        else
            for (int c = 0; c < _channelState.Length; c++)
            {
                var def = Cell.Channels[c].Channel;
                var rev = _channelReversal[c];
                bool ca = def.Ion == Ion.Ca;
                ChannelKernels.AccumulateCurrent(
                    def,
                    _channelState[c],
                    _channelNodes[c],
                    _lanes,
                    _channelGbar[c],
                    rev ?? _eca,
                    _v,
                    _iDensity,
                    ca ? _gca : _gDensity,
                    ca ? _ica : Span<double>.Empty
                );
            }
        if (_simd)
            LaneKernels.AddTo(_gDensity, _gca);
        else
            for (int i = 0; i < _gca.Length; i++)
                _gDensity[i] += _gca[i];
        Mark(StepPhase.ChannelCurrents);
        for (int s = 0; s < _synState.Length; s++)
        {
            var mechanism = Cell.Synapses[s].Mechanism;
            if (_simd && mechanism is AmpaNmdaSynapse nmda)
            {
                LaneKernels.AccumulateAmpaNmda(
                    nmda,
                    _synState[s],
                    _synNodes[s],
                    _lanes,
                    _synGmax[s],
                    _v,
                    _iNa,
                    _gUs
                );
                continue;
            }
            if (_simd && mechanism is DoubleExponentialSynapse dexp)
            {
                LaneKernels.AccumulateDoubleExponential(
                    dexp.EMv,
                    _synState[s],
                    _synNodes[s],
                    _lanes,
                    _synGmax[s],
                    _v,
                    _iNa,
                    _gUs
                );
                continue;
            }
            mechanism.AccumulateCurrent(
                _synState[s],
                _synNodes[s],
                _lanes,
                _synGmax[s],
                _v,
                _iNa,
                _gUs
            );
        }
        Mark(StepPhase.SynapseCurrents);
        foreach (var (stim, lane) in _stimuli)
        {
            double i = stim.CurrentNa(tMidMs);
            if (i == 0)
                continue;
            int o = stim.Node * _lanes;
            if (lane >= 0)
                _iNa[o + lane] += i;
            else
                for (int l = 0; l < _lanes; l++)
                    _iNa[o + l] += i;
        }
        Mark(StepPhase.Stimuli);
    }

    private void VoltageSolve()
    {
        int lanes = _lanes;
        var v = _v;
        var d = _d;
        var rhs = _rhs;
        if (_simd)
        {
            LaneKernels.Assemble(
                lanes,
                _parent,
                _coupling,
                _capOverDt,
                _areaFactor,
                _gDensity,
                _iDensity,
                _gUs,
                _iNa,
                v,
                d,
                rhs
            );
            Mark(StepPhase.Assembly);
            LaneKernels.HinesSolve(_parent, _offDiagonal, d, rhs, lanes);
            Mark(StepPhase.Hines);
            if (Options.Method == IntegrationMethod.CrankNicolson)
                LaneKernels.AddProduct(_ica, _gca, rhs);
            LaneKernels.AddScaled(v, _cFactor, rhs);
            Mark(StepPhase.Update);
            return;
        }
        for (int k = 0; k < _n; k++)
        {
            double af = _areaFactor[k],
                c = _capOverDt[k];
            int o = k * lanes;
            for (int l = 0; l < lanes; l++)
            {
                d[o + l] = c + _gDensity[o + l] * af + _gUs[o + l];
                rhs[o + l] = -(_iDensity[o + l] * af + _iNa[o + l]);
            }
        }
        for (int k = 1; k < _n; k++)
        {
            int p = _parent[k];
            double g = _coupling[k];
            int ok = k * lanes,
                op = p * lanes;
            for (int l = 0; l < lanes; l++)
            {
                double axial = g * (v[op + l] - v[ok + l]);
                rhs[ok + l] += axial;
                rhs[op + l] -= axial;
                d[ok + l] += g;
                d[op + l] += g;
            }
        }
        Mark(StepPhase.Assembly);
        HinesSolver.Solve(_parent, _offDiagonal, d, rhs, lanes);
        Mark(StepPhase.Hines);
        if (Options.Method == IntegrationMethod.CrankNicolson)
            // NEURON's second_order_cur: the Ca current that drives the pool is taken at t + dt/2.
            for (int i = 0; i < _ica.Length; i++)
                _ica[i] += _gca[i] * rhs[i];
        double f = _cFactor;
        for (int i = 0; i < v.Length; i++)
            v[i] += f * rhs[i];
        Mark(StepPhase.Update);
    }

    private void StatePhase()
    {
        if (_simd)
        {
            StatePhaseSimd();
            return;
        }
        if (_simdSingleLane)
        {
            StatePhaseSingleLane();
            return;
        }
        for (int p = 0; p < _poolNodes.Length; p++)
            CaDynamicsE2.AdvanceNodes(
                _cai,
                _ica,
                _poolNodes[p],
                _lanes,
                _poolDecay[p],
                Cell.CalciumPools[p].Parameters
            );
        Mark(StepPhase.Calcium);
        for (int c = 0; c < _channelState.Length; c++)
            ChannelKernels.Advance(
                Cell.Channels[c].Channel,
                _channelState[c],
                _channelNodes[c],
                _lanes,
                _v,
                _cai,
                _dt,
                _tables[c]
            );
        Mark(StepPhase.Gates);
        for (int s = 0; s < _synState.Length; s++)
            SynapseKernels.Advance(_synState[s], _synDecay[s]);
        Mark(StepPhase.SynapseStates);
    }

    private void StatePhaseSimd()
    {
        for (int p = 0; p < _poolNodes.Length; p++)
            LaneKernels.AdvanceCalcium(
                _cai,
                _ica,
                _poolNodes[p],
                _lanes,
                _poolDecay[p],
                Cell.CalciumPools[p].Parameters
            );
        LaneKernels.LogCai(_cai, _logCai, _logCaiNodes, _lanes);
        Mark(StepPhase.Calcium);
        if (_tableIndex.Length > 0)
            LaneKernels.TableCoordinates(
                _v,
                _tableIndex,
                _tableFrac,
                _gridVMinMv,
                _gridInverseStep,
                _gridLast
            );
        Mark(StepPhase.TableCoordinates);
        for (int c = 0; c < _channelState.Length; c++)
        {
            var def = Cell.Channels[c].Channel;
            if (!_vectorGates[c])
            {
                ChannelKernels.Advance(
                    def,
                    _channelState[c],
                    _channelNodes[c],
                    _lanes,
                    _v,
                    _cai,
                    _dt,
                    _tables[c]
                );
                continue;
            }
            var nodes = _channelNodes[c];
            int block = nodes.Length * _lanes;
            var tables = _tables[c]!;
            for (int j = 0; j < def.Gates; j++)
            {
                var state = _channelState[c].AsSpan(j * block, block);
                if (tables[j] is { } table)
                    LaneKernels.AdvanceTabledGate(
                        table,
                        state,
                        nodes,
                        _lanes,
                        _tableIndex,
                        _tableFrac,
                        _v
                    );
                else
                    LaneKernels.AdvanceSkGate(state, nodes, _lanes, _cai, _logCai, _skDecay);
            }
        }
        Mark(StepPhase.Gates);
        for (int s = 0; s < _synState.Length; s++)
            LaneKernels.AdvanceSynapseStates(_synState[s], _synDecay[s]);
        Mark(StepPhase.SynapseStates);
    }

    private void StatePhaseSingleLane()
    {
        for (int p = 0; p < _poolNodes.Length; p++)
            CaDynamicsE2.AdvanceNodes(
                _cai,
                _ica,
                _poolNodes[p],
                _lanes,
                _poolDecay[p],
                Cell.CalciumPools[p].Parameters
            );
        Mark(StepPhase.Calcium);
        if (_tableIndex.Length > 0)
            LaneKernels.TableCoordinates(
                _v,
                _tableIndex,
                _tableFrac,
                _gridVMinMv,
                _gridInverseStep,
                _gridLast
            );
        Mark(StepPhase.TableCoordinates);
        for (int c = 0; c < _channelState.Length; c++)
        {
            var def = Cell.Channels[c].Channel;
            var tables = _tables[c];
            int instances = _channelNodes[c].Length;
            for (int j = 0; j < def.Gates; j++)
            {
                var state = _channelState[c].AsSpan(j * instances, instances);
                if (tables?[j] is { } table && _vectorGates[c])
                    LaneKernels.AdvanceTabledGateSingleLane(
                        table,
                        state,
                        _channelNodes[c],
                        _tableIndex,
                        _tableFrac,
                        _v
                    );
                else
                    ChannelKernels.AdvanceGate(
                        def,
                        j,
                        state,
                        _channelNodes[c],
                        1,
                        _v,
                        _cai,
                        _dt,
                        tables
                    );
            }
        }
        Mark(StepPhase.Gates);
        for (int s = 0; s < _synState.Length; s++)
            LaneKernels.AdvanceSynapseStates(_synState[s], _synDecay[s]);
        Mark(StepPhase.SynapseStates);
    }
}
