using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

// The engine's layout, built once per instance: the tree's coefficients, the [node × lane] state arrays, the
// channel, calcium and synapse groups, and which kernels (scalar, SIMD lanes, single-lane SIMD) the steps use.
public sealed partial class Simulation
{
    private readonly int _n;
    private readonly int _lanes;
    private double _dt;
    private readonly int[] _parent;
    private readonly double[] _offDiagonal;
    private readonly double[] _coupling;
    private double[] _capOverDt;
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
    private ChannelRateTables?[] _tables;
    private readonly int[][] _poolNodes;
    private CaDynamicsE2.Decay[] _poolDecay;
    private readonly int[] _ecaNodes;
    private readonly double[][] _synState;
    private double[][] _synDecay;
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
    private double _skDecay;
    private readonly double[] _logCai;
    private readonly (FusedChannel[] Channels, int[] Nodes)[] _channelBatches;
    private readonly int[] _logCaiNodes;
    private readonly OnsetSynapses _onset;

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
        Options.Refinement?.Validate();
        _dt = Options.DtMs;
        _lanes = Options.Lanes;
        _cFactor = Options.Method == IntegrationMethod.CrankNicolson ? 2.0 : 1.0;
        var tree = cell.Tree;
        _n = tree.Nodes;
        _parent = [.. tree.Parent];
        _coupling = [.. tree.CouplingUs];
        _offDiagonal = _coupling.Select(g => -g).ToArray();
        _areaFactor = new double[_n];
        for (int k = 0; k < _n; k++)
            _areaFactor[k] = tree.AreaUm2[k] * 1e-2;
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
        for (int c = 0; c < ch.Length; c++)
        {
            var g = ch[c];
            _channelNodes[c] = [.. g.Nodes];
            _channelGbar[c] = [.. g.GbarSPerCm2];
            _channelState[c] = new double[
                ChannelKernels.StateLength(g.Channel, g.Nodes.Length, _lanes)
            ];
            _channelReversal[c] = g.ReversalMv is { } e ? [e] : null;
        }
        _coarse = BuildConstants(_dt);
        _refineFactor = Options.Refinement?.Factor ?? 1;
        _fine = Options.Refinement is { } refine ? BuildConstants(_dt / refine.Factor) : null;
        _tickMs = _dt / _refineFactor;
        _refineHoldTicks = (long)Math.Round((Options.Refinement?.HoldMs ?? 0) / _tickMs);
        Use(_coarse);
        _simd = Options.Simd && _lanes % LaneKernels.Width == 0 && LaneKernels.Supported;
        // One lane: the scalar kernels, but the rate-table gates 4 instances per vector (bitwise the same).
        _simdSingleLane = Options.Simd && _lanes == 1 && LaneKernels.Supported;
        _vectorGates = new bool[ch.Length];
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
        _synGmax = syn.Select(s => s.GMaxUs.ToArray()).ToArray();
        _synNodes = syn.Select(s => s.Nodes.ToArray()).ToArray();
        _tsyn = syn.Select(s => new double[s.Count * _lanes]).ToArray();
        _pv = syn.Select(s => new double[s.Count * _lanes]).ToArray();
        _events = new SynapticEvent[_lanes][];
        for (int l = 0; l < _lanes; l++)
            _events[l] = [];
        _eventCursor = new int[_lanes];
        _onset = new OnsetSynapses(cell, _lanes, _simd);
        Initialize();
    }

    /// <summary>
    /// Everything that depends on the step: capacitance over dt, the rate tables (exp(-dt/τ) per voltage), calcium,
    /// synapse and SK decay factors. A refined run holds two sets and switches between them.
    /// </summary>
    private sealed record StepConstants(
        double Dt,
        double[] CapOverDt,
        ChannelRateTables?[] Tables,
        CaDynamicsE2.Decay[] PoolDecay,
        double[][] SynDecay,
        double SkDecay
    );

    private readonly StepConstants _coarse;
    private readonly StepConstants? _fine;
    private readonly int _refineFactor;
    private readonly double _tickMs;
    private readonly long _refineHoldTicks;

    private StepConstants BuildConstants(double dt)
    {
        var cap = new double[_n];
        for (int k = 0; k < _n; k++)
            cap[k] = _cFactor * Cell.CapacitanceNf(k) / dt;
        var ch = Cell.Channels;
        var tables = new ChannelRateTables?[ch.Length];
        var cache = new Dictionary<ChannelDefinition, ChannelRateTables>(
            ReferenceEqualityComparer.Instance
        );
        for (int c = 0; c < ch.Length && Options.UseRateTables; c++)
        {
            if (!cache.TryGetValue(ch[c].Channel, out var t))
                cache[ch[c].Channel] = t = new ChannelRateTables(ch[c].Channel, dt);
            tables[c] = t;
        }
        return new StepConstants(
            dt,
            cap,
            tables,
            [.. Cell.CalciumPools.Select(p => CaDynamicsE2.Decay.For(p.Parameters, dt))],
            [.. Cell.Synapses.Select(s => s.Mechanism.DecayFactors(dt))],
            Math.Exp(-dt / SKE2.ZTauMs)
        );
    }

    /// <summary>Makes <paramref name="k"/> the step the phases use.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(
        nameof(_capOverDt),
        nameof(_tables),
        nameof(_poolDecay),
        nameof(_synDecay)
    )]
    private void Use(StepConstants k)
    {
        _dt = k.Dt;
        _capOverDt = k.CapOverDt;
        _tables = k.Tables;
        _poolDecay = k.PoolDecay;
        _synDecay = k.SynDecay;
        _skDecay = k.SkDecay;
    }
}
