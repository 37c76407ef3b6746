using System.Diagnostics;
using Kit.Core;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// A runnable instance of a <see cref="CellModel"/>: owns the state of <see cref="Lanes"/> independent trials laid
/// out [node × lane] (index <c>node·lanes + lane</c>) and steps them with NEURON's fixed-step scheme
/// (docs/numerical-method.md, "Fixed-step scheme"): (1) deliver events with t_k ≤ t + dt/2; (2) current phase at Vⁿ
/// with the old states (eca from the current cai, stimuli at t + dt/2); (3–4) linearised implicit voltage solve on the
/// tree (Hines); (5) state phase at Vⁿ⁺¹: calcium (with the current phase's ica), then gates (cnexp), then synapses.
/// Absolute units inside: nF, µS, nA, mV, ms. The time loop does not allocate. This file holds the public surface
/// (state access, stimuli, events, <see cref="Run"/>); <c>Simulation.Layout.cs</c> builds the layout and
/// <c>Simulation.Stepping.cs</c> steps it.
/// </summary>
public sealed partial class Simulation
{
    /// <summary>The simulated cell.</summary>
    public CellModel Cell { get; }

    /// <summary>Step and method.</summary>
    public SimulationOptions Options { get; }

    /// <summary>Number of independent trials.</summary>
    public int Lanes => _lanes;

    /// <summary>Steps of <see cref="SimulationOptions.DtMs"/> taken since <see cref="Initialize"/>.</summary>
    public long StepCount { get; private set; }

    /// <summary>
    /// Of <see cref="StepCount"/>, the steps taken as <see cref="StepRefinement.Factor"/> finer ones (0 without
    /// <see cref="SimulationOptions.Refinement"/>).
    /// </summary>
    public long RefinedStepCount { get; private set; }

    // Time in units of the finest step (dt / refinement factor; dt itself without refinement), so that TimeMs is
    // StepCount·dt exactly when nothing is refined.
    private long _ticks;
    private long _refineUntilTick = -1;

    /// <summary>Current time (ms).</summary>
    public double TimeMs => _ticks * _tickMs;

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
        RefinedStepCount = 0;
        _ticks = 0;
        _refineUntilTick = -1;
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
        _onset.Initialize();
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
        Cell.CheckEvents(list);
        _events[lane] = [.. list.OrderBy(e => e.TimeMs)];
        _eventCursor[lane] = 0;
    }

    /// <summary>
    /// Replaces the activation times (ms) of synapse <paramref name="instance"/> of alpha group
    /// <paramref name="group"/> (<see cref="CellModel.AlphaSynapses"/>) in lane <paramref name="lane"/>; each adds
    /// its own alpha function from its time. Call before <see cref="Initialize"/>/<see cref="Run"/> for a full run.
    /// </summary>
    public void SetAlphaOnsets(int lane, int group, int instance, IEnumerable<double> timesMs) =>
        _onset.SetOnsets(false, lane, group, instance, timesMs);

    /// <summary>
    /// Replaces the activation times (ms) of synapse <paramref name="instance"/> of kinetic group
    /// <paramref name="group"/> (<see cref="CellModel.KineticSynapses"/>) in lane <paramref name="lane"/>; each
    /// releases the group's transmitter pulse. Call before <see cref="Initialize"/>/<see cref="Run"/> for a full run.
    /// </summary>
    public void SetKineticOnsets(int lane, int group, int instance, IEnumerable<double> timesMs) =>
        _onset.SetOnsets(true, lane, group, instance, timesMs);

    /// <summary>Occupancy of state <paramref name="state"/> of kinetic synapse <paramref name="instance"/> of group <paramref name="group"/> in a lane.</summary>
    public double KineticOccupancy(int group, int instance, int state, int lane = 0) =>
        _onset.Occupancy(group, instance, state, lane);

    /// <summary>
    /// When set, every <see cref="Step"/> adds its per-phase wall times to this profile (null, the default, times
    /// nothing).
    /// </summary>
    public StepProfile? Profile { get; set; }

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
}
