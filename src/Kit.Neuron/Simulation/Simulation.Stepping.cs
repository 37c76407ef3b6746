using System.Diagnostics;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

// One time step and its phases (events, currents, voltage solve, states), each in a scalar and a SIMD form, and
// the per-phase timing of a profiled run.
public sealed partial class Simulation
{
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

    /// <summary>
    /// Advances every lane by one step dt: one step of the scheme, or, with <see cref="SimulationOptions.Refinement"/>
    /// and some lane's soma at or above its threshold (or within its hold time after), Factor steps of dt/Factor.
    /// </summary>
    public void Step()
    {
        if (Profile != null)
            _mark = Stopwatch.GetTimestamp();
        if (_fine != null && Refine())
        {
            Use(_fine);
            for (int i = 0; i < _refineFactor; i++)
                SubStep(1);
            Use(_coarse);
            RefinedStepCount++;
        }
        else
            SubStep(_refineFactor);
        StepCount++;
        if (Profile != null)
            Profile.Steps++;
    }

    /// <summary>One step of the scheme with the current constants, <paramref name="ticks"/> finest steps long.</summary>
    private void SubStep(int ticks)
    {
        double t = TimeMs;
        DeliverEvents(t + 0.5 * _dt);
        Mark(StepPhase.Events);
        CurrentPhase(t);
        VoltageSolve();
        StatePhase();
        if (_onset.Any)
        {
            _onset.AdvanceStates(t, _dt, _v);
            Mark(StepPhase.SynapseStates);
        }
        _ticks += ticks;
    }

    /// <summary>Whether the next step is refined: some lane's soma at or above the threshold, or the hold running.</summary>
    private bool Refine()
    {
        double threshold = Options.Refinement!.AboveMv;
        int o = Cell.SomaNode * _lanes;
        for (int l = 0; l < _lanes; l++)
            if (_v[o + l] >= threshold)
            {
                _refineUntilTick = _ticks + _refineHoldTicks;
                return true;
            }
        return _ticks < _refineUntilTick;
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

    private void CurrentPhase(double tMs)
    {
        double tMidMs = tMs + 0.5 * _dt;
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
        if (_onset.Any)
            _onset.AccumulateCurrents(tMs, _dt, _v, _iNa, _gUs);
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
