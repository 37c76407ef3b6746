using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// The engine's state for the onset-driven synapses of a cell (<see cref="CellModel.AlphaSynapses"/>,
/// <see cref="CellModel.KineticSynapses"/>): per instance and lane, its sorted activation times and a cursor to the
/// first that can still act; per kinetic instance, its occupancies laid out [instance × state × lane]
/// (index <c>(k·states + s)·lanes + lane</c>, lanes contiguous). The current phase adds the alpha conductances at
/// t + dt/2 and the kinetic ones from the occupancies of t; the state phase, after the voltage solve, advances every
/// scheme by backward Euler at the new voltage with the transmitter of the step's start time t (as NEURON's update
/// order has it for the Branco model, <see cref="BrancoBranch"/>). Allocation-free while stepping.
/// </summary>
internal sealed class OnsetSynapses
{
    private readonly int _lanes;
    private readonly AlphaSynapseGroup[] _alpha;
    private readonly KineticSynapseGroup[] _kinetic;
    private readonly double[][][] _alphaOnsets;
    private readonly int[][] _alphaCursor;
    private readonly double[][][] _kineticOnsets;
    private readonly int[][] _kineticCursor;
    private readonly double[][] _occupancy;
    private readonly double[][] _rest;
    private readonly KineticSchemeSolver[] _solvers;
    private readonly bool _simd;
    private readonly double[] _matrix;
    private readonly double[] _solution;
    private readonly double[] _laneV = new double[LaneKernels.Width];
    private readonly double[] _laneC = new double[LaneKernels.Width];

    public OnsetSynapses(CellModel cell, int lanes, bool simd)
    {
        _lanes = lanes;
        _simd = simd && lanes % LaneKernels.Width == 0;
        _alpha = [.. cell.AlphaSynapses];
        _kinetic = [.. cell.KineticSynapses];
        _alphaOnsets = [.. _alpha.Select(g => Empty(g.Count))];
        _alphaCursor = [.. _alpha.Select(g => new int[g.Count * lanes])];
        _kineticOnsets = [.. _kinetic.Select(g => Empty(g.Count))];
        _kineticCursor = [.. _kinetic.Select(g => new int[g.Count * lanes])];
        _occupancy =
        [
            .. _kinetic.Select(g => new double[g.Count * g.Scheme.States.Length * lanes]),
        ];
        _solvers = [.. _kinetic.Select(g => new KineticSchemeSolver(g.Scheme))];
        _rest = [.. _solvers.Select(s => s.SteadyState(cell.VInitMv, 0))];
        int states = _kinetic.Length == 0 ? 0 : _kinetic.Max(g => g.Scheme.States.Length);
        _matrix = new double[states * states * LaneKernels.Width];
        _solution = new double[states * LaneKernels.Width];

        double[][] Empty(int count)
        {
            var onsets = new double[count * lanes][];
            Array.Fill(onsets, []);
            return onsets;
        }
    }

    /// <summary>Whether the cell has any onset-driven synapse.</summary>
    public bool Any => _alpha.Length + _kinetic.Length > 0;

    /// <summary>Occupancy of state <paramref name="state"/> of kinetic instance k of group g in a lane.</summary>
    public double Occupancy(int group, int instance, int state, int lane) =>
        _occupancy[group][
            (instance * _kinetic[group].Scheme.States.Length + state) * _lanes + lane
        ];

    /// <summary>Rest: every scheme at its steady state at v_init without transmitter, cursors rewound.</summary>
    public void Initialize()
    {
        for (int g = 0; g < _kinetic.Length; g++)
        {
            int states = _rest[g].Length;
            var occ = _occupancy[g];
            for (int k = 0; k < _kinetic[g].Count; k++)
            for (int s = 0; s < states; s++)
                Array.Fill(occ, _rest[g][s], (k * states + s) * _lanes, _lanes);
            Array.Clear(_kineticCursor[g]);
        }
        foreach (var cursor in _alphaCursor)
            Array.Clear(cursor);
    }

    /// <summary>Replaces the activation times of instance k, lane l of an alpha (or kinetic) group.</summary>
    public void SetOnsets(
        bool kinetic,
        int lane,
        int group,
        int instance,
        IEnumerable<double> timesMs
    )
    {
        if (lane < 0 || lane >= _lanes)
            throw new ArgumentOutOfRangeException(nameof(lane), lane, $"lanes are 0..{_lanes - 1}");
        string kind = kinetic ? "kinetic" : "alpha";
        int groups = kinetic ? _kinetic.Length : _alpha.Length;
        if (group < 0 || group >= groups)
            throw new ArgumentOutOfRangeException(
                nameof(group),
                group,
                $"the cell has {groups} {kind} synapse groups"
            );
        int count = kinetic ? _kinetic[group].Count : _alpha[group].Count;
        if (instance < 0 || instance >= count)
            throw new ArgumentOutOfRangeException(
                nameof(instance),
                instance,
                $"{kind} synapse group {group} has {count} synapses"
            );
        var times = timesMs.Order().ToArray();
        foreach (double t in times)
            if (!double.IsFinite(t))
                throw new ArgumentException($"activation time {t} is not finite", nameof(timesMs));
        int i = instance * _lanes + lane;
        (kinetic ? _kineticOnsets : _alphaOnsets)[group][i] = times;
        (kinetic ? _kineticCursor : _alphaCursor)[group][i] = 0;
    }

    /// <summary>
    /// Current phase of the step from <paramref name="tMs"/>: adds every instance's current (nA) and conductance (µS)
    /// at its node, alpha conductances at t + dt/2, kinetic ones from the current occupancies.
    /// </summary>
    public void AccumulateCurrents(
        double tMs,
        double dtMs,
        ReadOnlySpan<double> vMv,
        Span<double> iNa,
        Span<double> gUs
    )
    {
        int lanes = _lanes;
        for (int g = 0; g < _alpha.Length; g++)
        {
            var group = _alpha[g];
            var mechanism = group.Mechanism;
            double horizon = mechanism.HorizonMs(2 * dtMs);
            double tMidMs = tMs + 0.5 * dtMs;
            var onsets = _alphaOnsets[g];
            var cursor = _alphaCursor[g];
            for (int k = 0; k < group.Count; k++)
            {
                double gmax = group.GMaxUs[k];
                int o = group.Nodes[k] * lanes;
                for (int l = 0; l < lanes; l++)
                {
                    int i = k * lanes + l;
                    var times = onsets[i];
                    int first = Advance(times, cursor[i], horizon, tMs);
                    cursor[i] = first;
                    double c = 0;
                    for (int j = first; j < times.Length && times[j] <= tMidMs; j++)
                        c += mechanism.ConductanceUs(gmax, tMidMs - times[j]);
                    iNa[o + l] += c * (vMv[o + l] - mechanism.EMv);
                    gUs[o + l] += c;
                }
            }
        }
        for (int g = 0; g < _kinetic.Length; g++)
        {
            var group = _kinetic[g];
            var scheme = group.Scheme;
            int states = scheme.States.Length;
            var occ = _occupancy[g];
            for (int k = 0; k < group.Count; k++)
            {
                double gmax = group.GMaxUs[k];
                int o = group.Nodes[k] * lanes;
                for (int l = 0; l < lanes; l++)
                {
                    double fraction = 0;
                    foreach (int s in scheme.ConductingStates)
                        fraction += occ[(k * states + s) * lanes + l];
                    double c = gmax * fraction;
                    iNa[o + l] += c * (vMv[o + l] - group.EMv);
                    gUs[o + l] += c;
                }
            }
        }
    }

    /// <summary>
    /// State phase: every kinetic instance one backward-Euler step of <paramref name="dtMs"/> at the new voltage
    /// <paramref name="vMv"/>, with the transmitter of the step's start time <paramref name="tMs"/>.
    /// </summary>
    public void AdvanceStates(double tMs, double dtMs, ReadOnlySpan<double> vMv)
    {
        int lanes = _lanes;
        for (int g = 0; g < _kinetic.Length; g++)
        {
            var group = _kinetic[g];
            var pulse = group.Transmitter;
            double horizon = pulse.DurationMs + 2 * dtMs;
            int states = group.Scheme.States.Length;
            var onsets = _kineticOnsets[g];
            var cursor = _kineticCursor[g];
            for (int k = 0; k < group.Count; k++)
            {
                var occ = _occupancy[g].AsSpan(k * states * lanes, states * lanes);
                int o = group.Nodes[k] * lanes;
                int width = _simd ? LaneKernels.Width : 1;
                for (int l = 0; l < lanes; l += width)
                {
                    for (int w = 0; w < width; w++)
                    {
                        int i = k * lanes + l + w;
                        cursor[i] = Advance(onsets[i], cursor[i], horizon, tMs);
                        _laneC[w] = pulse.ConcentrationAt(onsets[i], cursor[i], tMs);
                        _laneV[w] = vMv[o + l + w];
                    }
                    if (
                        !_simd
                        || !LaneKernels.StepKineticScheme(
                            group.Scheme,
                            occ,
                            lanes,
                            l,
                            _laneV,
                            _laneC,
                            dtMs,
                            _matrix,
                            _solution
                        )
                    )
                        for (int w = 0; w < width; w++)
                            StepLane(g, occ, l + w, _laneV[w], _laneC[w], dtMs);
                }
            }
        }
    }

    /// <summary>One lane of one instance by the scalar solver (gathered into the scratch space and back).</summary>
    private void StepLane(
        int group,
        Span<double> occ,
        int lane,
        double vMv,
        double cMm,
        double dtMs
    )
    {
        int states = _rest[group].Length;
        var p = _solution.AsSpan(0, states);
        for (int s = 0; s < states; s++)
            p[s] = occ[s * _lanes + lane];
        _solvers[group].Step(p, vMv, cMm, dtMs);
        for (int s = 0; s < states; s++)
            occ[s * _lanes + lane] = p[s];
    }

    /// <summary>The first of the sorted <paramref name="times"/> from <paramref name="first"/> not older than <paramref name="horizonMs"/> at <paramref name="tMs"/>.</summary>
    private static int Advance(double[] times, int first, double horizonMs, double tMs)
    {
        while (first < times.Length && times[first] + horizonMs < tMs)
            first++;
        return first;
    }
}
