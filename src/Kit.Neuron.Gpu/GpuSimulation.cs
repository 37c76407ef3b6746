using System.Diagnostics;
using ILGPU;
using ILGPU.Runtime;
using Kit.Core;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Gpu;

/// <summary>
/// The GPU engine: <see cref="Trials"/> independent trials of a <see cref="CellModel"/>, one device thread each,
/// state [row × trial] in device memory, stepped with the CPU engine's scheme and constants (same rate tables,
/// channels, calcium, synapses, release rule and Hines solve; docs/gpu-engine.md). Input spikes are uploaded per
/// window of <see cref="WindowMs"/>, so device memory bounds the number of trials, not their duration.
/// With <see cref="SimulationOptions.Refinement"/> each trial refines its own steps: the result of trial i is the
/// CPU engine's result for that trial run alone (one lane), not in a lane group.
/// </summary>
public sealed class GpuSimulation : IDisposable
{
    private readonly GpuDevice _device;
    private readonly GpuCellLayout _layout;
    private readonly SynapticEvent[][] _events;
    private readonly List<MemoryBuffer> _owned = [];
    private GpuKernelArgs _args;
    private readonly double _dt;

    /// <summary>The simulated cell.</summary>
    public CellModel Cell { get; }

    /// <summary>Step and method (its <see cref="SimulationOptions.Lanes"/> and Simd are not used).</summary>
    public SimulationOptions Options { get; }

    /// <summary>Number of independent trials (device threads).</summary>
    public int Trials { get; }

    /// <summary>Simulated time per kernel launch and input upload (ms).</summary>
    public double WindowMs { get; }

    /// <summary>The device.</summary>
    public GpuDevice Device => _device;

    /// <summary>Creates the engine's device state for <paramref name="trials"/> trials.</summary>
    /// <exception cref="NotSupportedException">The cell uses a mechanism the kernels do not implement.</exception>
    public GpuSimulation(
        GpuDevice device,
        CellModel cell,
        SimulationOptions options,
        int trials,
        double windowMs = 100
    )
    {
        if (trials < 1)
            throw new ArgumentOutOfRangeException(nameof(trials), "trials must be at least 1");
        if (!(options.DtMs > 0))
            throw new ArgumentOutOfRangeException(nameof(options), "DtMs must be positive");
        if (!(windowMs > 0))
            throw new ArgumentOutOfRangeException(nameof(windowMs), "windowMs must be positive");
        options.Refinement?.Validate();
        _device = device;
        Cell = cell;
        Options = options;
        Trials = trials;
        WindowMs = windowMs;
        _dt = options.DtMs;
        _layout = new GpuCellLayout(cell, options);
        _events = new SynapticEvent[trials][];
        for (int t = 0; t < trials; t++)
            _events[t] = [];
        Allocate();
    }

    /// <summary>Device bytes one trial's state and scratch take for <paramref name="cell"/> (for sizing runs).</summary>
    public static long BytesPerTrial(CellModel cell, SimulationOptions options)
    {
        var l = new GpuCellLayout(cell, options);
        long doubles = 7L * l.Nodes + l.ChannelStateRows + l.SynStateRows + 2L * l.SynInstances + 3;
        return 8 * doubles + 64;
    }

    /// <summary>
    /// Replaces the presynaptic events of <paramref name="trial"/> (sorted by time, stable, as the CPU engine's
    /// <see cref="Kit.Neuron.Simulation.Simulation.SetEvents"/>); used by the next <see cref="Run"/>. An array already
    /// sorted by time is kept as it is, not copied (trials may share one; do not change it afterwards).
    /// </summary>
    public void SetEvents(int trial, IEnumerable<SynapticEvent> events)
    {
        if (trial < 0 || trial >= Trials)
            throw new ArgumentOutOfRangeException(
                nameof(trial),
                trial,
                $"trials are 0..{Trials - 1}"
            );
        var list = events as SynapticEvent[] ?? events.ToArray();
        Cell.CheckEvents(list);
        bool sorted = true;
        for (int i = 1; i < list.Length && sorted; i++)
            sorted = list[i - 1].TimeMs <= list[i].TimeMs;
        _events[trial] = sorted ? list : [.. list.OrderBy(e => e.TimeMs)];
    }

    /// <summary>
    /// Initializes every trial (as <see cref="Kit.Neuron.Simulation.Simulation.Initialize"/>) and runs to
    /// <paramref name="durationMs"/> recording <paramref name="plan"/>, like the CPU engine's <c>Run</c>: probes at
    /// t = k·interval, crossings of the plan's spike node interpolated between coarse steps.
    /// </summary>
    /// <exception cref="InvalidOperationException">A trial left the rate-table grid or crossed too often in one window.</exception>
    public SimulationResult Run(
        double durationMs,
        RecordingPlan plan,
        ProgressReporter? progress = null
    )
    {
        var sw = Stopwatch.StartNew();
        long steps = StepsFor(durationMs, "duration");
        var probes = plan.Probes;
        int T = Trials;
        var every = new long[probes.Length];
        var traces = new double[probes.Length][][];
        for (int p = 0; p < probes.Length; p++)
        {
            var pr = probes[p];
            if (pr.Node < 0 || pr.Node >= _layout.Nodes)
                throw new ArgumentException(
                    $"probe {pr.Name}: node {pr.Node} outside 0..{_layout.Nodes - 1}"
                );
            every[p] = StepsFor(pr.IntervalMs, $"probe {pr.Name} interval");
            if (every[p] == 0)
                throw new ArgumentException($"probe {pr.Name}: interval must be positive");
            long sampleCount = steps / every[p] + 1;
            traces[p] = new double[T][];
            for (int l = 0; l < T; l++)
                traces[p][l] = new double[sampleCount];
        }
        var crossings = new List<double>[T];
        for (int l = 0; l < T; l++)
            crossings[l] = [];
        if (plan.SpikeNode >= _layout.Nodes)
            throw new ArgumentException(
                $"spike node {plan.SpikeNode} outside 0..{_layout.Nodes - 1}"
            );

        Initialize(plan.SpikeNode);
        long window = Math.Max(1, (long)Math.Round(WindowMs / _dt));
        int capacity = (int)Math.Min(window / 2 + 1, 256);
        var accel = _device.Accelerator;
        using var crossingBuffer = accel.Allocate1D<double>((long)capacity * T);
        using var crossingCount = accel.Allocate1D<int>(T);
        using var eventStart = accel.Allocate1D<int>(T);
        using var eventCount = accel.Allocate1D<int>(T);
        using var eventUsed = accel.Allocate1D<int>(T);
        using var probeNode = accel.Allocate1D(
            probes.Length > 0 ? probes.Select(p => p.Node).ToArray() : [0]
        );
        using var probeQuantity = accel.Allocate1D(
            probes.Length > 0
                ? probes
                    .Select(p =>
                        p.Quantity switch
                        {
                            ProbeQuantity.CaiMm => 1,
                            ProbeQuantity.EcaMv => 2,
                            _ => 0,
                        }
                    )
                    .ToArray()
                : [0]
        );
        using var probeEvery = accel.Allocate1D(probes.Length > 0 ? every : [1L]);
        using var probeRow = accel.Allocate1D<int>(Math.Max(1, probes.Length));
        using var probeFirstK = accel.Allocate1D<long>(Math.Max(1, probes.Length));
        MemoryBuffer1D<double, Stride1D.Dense>? eventTime = null;
        MemoryBuffer1D<int, Stride1D.Dense>? eventSyn = null;
        MemoryBuffer1D<double, Stride1D.Dense>? samples = null;
        var cursor = new int[T];
        var start = new int[T];
        var count = new int[T];
        var used = new int[T];
        var errors = new int[T];
        var crossingCounts = new int[T];
        long kernelTicks = 0;
        try
        {
            for (long s0 = 0; s0 < steps; s0 += window)
            {
                long s1 = Math.Min(steps, s0 + window);
                // Input spikes: every event before the window's end not yet delivered (the kernel delivers those with
                // t ≤ t_step + dt/2 and reports how many; the rest come again with the next window).
                double endMs = s1 * _dt;
                int total = 0;
                for (int t = 0; t < T; t++)
                {
                    var ev = _events[t];
                    int c = cursor[t];
                    int e = c;
                    while (e < ev.Length && ev[e].TimeMs < endMs)
                        e++;
                    start[t] = total;
                    count[t] = e - c;
                    total += e - c;
                }
                var times = new double[Math.Max(1, total)];
                var syns = new int[Math.Max(1, total)];
                for (int t = 0; t < T; t++)
                {
                    var ev = _events[t];
                    for (int j = 0; j < count[t]; j++)
                    {
                        var e = ev[cursor[t] + j];
                        times[start[t] + j] = e.TimeMs;
                        syns[start[t] + j] = _layout.SynGroupOffset[e.Group] + e.Instance;
                    }
                }
                if (eventTime == null || eventTime.Length < times.Length)
                {
                    eventTime?.Dispose();
                    eventSyn?.Dispose();
                    eventTime = accel.Allocate1D<double>(Math.Max(times.Length, 1024));
                    eventSyn = accel.Allocate1D<int>(Math.Max(times.Length, 1024));
                }
                eventTime.View.SubView(0, times.Length).CopyFromCPU(times);
                eventSyn!.View.SubView(0, syns.Length).CopyFromCPU(syns);
                eventStart.CopyFromCPU(start);
                eventCount.CopyFromCPU(count);
                eventUsed.MemSetToZero();
                crossingCount.MemSetToZero();

                // Samples of each probe in this window: steps s in (s0, s1], plus s = 0 in the first window.
                var rowOf = new int[Math.Max(1, probes.Length)];
                var firstK = new long[Math.Max(1, probes.Length)];
                var countK = new long[probes.Length];
                int rows = 0;
                for (int p = 0; p < probes.Length; p++)
                {
                    long k0 = s0 == 0 ? 0 : (s0 + every[p]) / every[p];
                    long k1 = s1 / every[p];
                    rowOf[p] = rows;
                    firstK[p] = k0;
                    countK[p] = Math.Max(0, k1 - k0 + 1);
                    rows += (int)countK[p];
                }
                probeRow.CopyFromCPU(rowOf);
                probeFirstK.CopyFromCPU(firstK);
                if (samples == null || samples.Length < Math.Max(1, (long)rows * T))
                {
                    samples?.Dispose();
                    samples = accel.Allocate1D<double>(Math.Max(1, (long)rows * T));
                }

                var a = _args;
                a.FirstStep = s0;
                a.EndStep = s1;
                a.EventTime = eventTime.View;
                a.EventSyn = eventSyn.View;
                a.EventStart = eventStart.View;
                a.EventCount = eventCount.View;
                a.EventUsed = eventUsed.View;
                a.Probes = probes.Length;
                a.ProbeNode = probeNode.View;
                a.ProbeQuantity = probeQuantity.View;
                a.ProbeEvery = probeEvery.View;
                a.ProbeRow = probeRow.View;
                a.ProbeFirstK = probeFirstK.View;
                a.Samples = samples.View;
                a.SpikeNode = plan.SpikeNode;
                a.SpikeThresholdMv = plan.SpikeThresholdMv;
                a.CrossingCapacity = capacity;
                a.Crossings = crossingBuffer.View;
                a.CrossingCount = crossingCount.View;
                long kernelStart = Stopwatch.GetTimestamp();
                _device.StepWindow(T, a);
                accel.Synchronize();
                kernelTicks += Stopwatch.GetTimestamp() - kernelStart;

                eventUsed.CopyToCPU(used);
                for (int t = 0; t < T; t++)
                    cursor[t] += used[t];
                _errors.CopyToCPU(errors);
                for (int t = 0; t < T; t++)
                    if (errors[t] != 0)
                        throw new InvalidOperationException(
                            $"GPU engine, trial {t}, before {s1 * _dt} ms: "
                                + (
                                    (errors[t] & 1) != 0
                                        ? $"a voltage left the rate-table grid [{_layout.TableVMinMv}, {_layout.TableVMinMv + _layout.TableLast / _layout.TableInverseStep}] mV (the kernels have no exact rate functions)"
                                        : $"more than {capacity} threshold crossings in one {WindowMs} ms window"
                                )
                        );
                crossingCount.CopyToCPU(crossingCounts);
                int maxCrossings = crossingCounts.Max();
                if (maxCrossings > 0)
                {
                    var cr = new double[(long)maxCrossings * T];
                    crossingBuffer.View.SubView(0, cr.Length).CopyToCPU(cr);
                    for (int t = 0; t < T; t++)
                    for (int j = 0; j < crossingCounts[t]; j++)
                        crossings[t].Add(cr[(long)j * T + t]);
                }
                if (rows > 0)
                {
                    var host = new double[(long)rows * T];
                    samples.View.SubView(0, host.Length).CopyToCPU(host);
                    for (int p = 0; p < probes.Length; p++)
                    for (long j = 0; j < countK[p]; j++)
                    {
                        long o = (rowOf[p] + j) * T;
                        long k = firstK[p] + j;
                        for (int t = 0; t < T; t++)
                            traces[p][t][k] = host[o + t];
                    }
                }
                progress?.SetDone((long)Math.Round(s1 * _dt));
            }
            if (steps == 0)
                throw new ArgumentException("duration must be at least one step");
        }
        finally
        {
            eventTime?.Dispose();
            eventSyn?.Dispose();
            samples?.Dispose();
        }
        StepCount = steps * T;
        KernelSeconds = (double)kernelTicks / Stopwatch.Frequency;
        var refined = new long[T];
        _refinedSteps.CopyToCPU(refined);
        RefinedStepCount = refined.Sum();
        return new SimulationResult(plan, traces, crossings, durationMs, _dt, sw.Elapsed);
    }

    /// <summary>Wall seconds of the last <see cref="Run"/> spent in the kernels (the rest: host packing and copies).</summary>
    public double KernelSeconds { get; private set; }

    /// <summary>Steps of dt the last <see cref="Run"/> took, summed over trials.</summary>
    public long StepCount { get; private set; }

    /// <summary>Of <see cref="StepCount"/>, the steps taken as refined ones (each trial decides its own).</summary>
    public long RefinedStepCount { get; private set; }

    /// <summary>Number of steps in <paramref name="ms"/>; throws unless dt divides it (as the CPU engine).</summary>
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

    private MemoryBuffer1D<double, Stride1D.Dense> _v = null!,
        _cai = null!,
        _eca = null!,
        _gate = null!,
        _syn = null!,
        _tsyn = null!,
        _pv = null!,
        _previousSpikeV = null!;
    private MemoryBuffer1D<long, Stride1D.Dense> _ticks = null!,
        _refineUntil = null!,
        _refinedSteps = null!;
    private MemoryBuffer1D<int, Stride1D.Dense> _errors = null!;

    private MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(T[] values)
        where T : unmanaged
    {
        var b = _device.Accelerator.Allocate1D(values.Length > 0 ? values : new T[1]);
        _owned.Add(b);
        return b;
    }

    private MemoryBuffer1D<T, Stride1D.Dense> Zeros<T>(long length)
        where T : unmanaged
    {
        var b = _device.Accelerator.Allocate1D<T>(Math.Max(1, length));
        _owned.Add(b);
        return b;
    }

    private void Allocate()
    {
        var l = _layout;
        long T = Trials;
        var r = Options.Refinement;
        int factor = r?.Factor ?? 1;
        double tickMs = _dt / factor;
        _v = Zeros<double>(l.Nodes * T);
        _cai = Zeros<double>(l.Nodes * T);
        _eca = Zeros<double>(l.Nodes * T);
        _gate = Zeros<double>(l.ChannelStateRows * T);
        _syn = Zeros<double>(l.SynStateRows * T);
        _tsyn = Zeros<double>(l.SynInstances * T);
        _pv = Zeros<double>(l.SynInstances * T);
        _previousSpikeV = Zeros<double>(T);
        _ticks = Zeros<long>(T);
        _refineUntil = Zeros<long>(T);
        _errors = Zeros<int>(T);
        _refinedSteps = Zeros<long>(T);
        _args = new GpuKernelArgs
        {
            Trials = Trials,
            Nodes = l.Nodes,
            ChannelInstances = l.ChannelInstances,
            GateRows = l.ChannelStateRows,
            PoolEntries = l.PoolNode.Length,
            EcaNodeCount = l.EcaNodes.Length,
            SynInstances = l.SynInstances,
            SynStateRows = l.SynStateRows,
            SomaNode = Cell.SomaNode,
            Quirk = l.Quirk ? 1 : 0,
            CrankNicolson = Options.Method == IntegrationMethod.CrankNicolson ? 1 : 0,
            CFactor = Options.Method == IntegrationMethod.CrankNicolson ? 2.0 : 1.0,
            DtCoarseMs = _dt,
            DtFineMs = _dt / factor,
            RefineFactor = factor,
            Refines = r != null ? 1 : 0,
            RefineAboveMv = r?.AboveMv ?? 0,
            RefineHoldTicks = (long)Math.Round((r?.HoldMs ?? 0) / tickMs),
            TickMs = tickMs,
            Parent = Upload(l.Parent).View,
            Coupling = Upload(l.Coupling).View,
            OffDiagonal = Upload(l.OffDiagonal).View,
            AreaFactor = Upload(l.AreaFactor).View,
            GPas = Upload(l.GPas).View,
            EPas = Upload(l.EPas).View,
            CapCoarse = Upload(l.CapCoarse).View,
            CapFine = Upload(l.CapFine).View,
            ChNode = Upload(l.ChNode).View,
            ChGbar = Upload(l.ChGbar).View,
            ChErev = Upload(l.ChErev).View,
            ChUsesEca = Upload(l.ChUsesEca).View,
            ChIsCa = Upload(l.ChIsCa).View,
            ChGates = Upload(l.ChGates).View,
            ChStateRow = Upload(l.ChStateRow).View,
            ChPowers = Upload(l.ChPowers).View,
            ChStride = Upload(l.ChStride).View,
            GateNode = Upload(l.GateNode).View,
            GateTable = Upload(l.GateTable).View,
            TablesCoarse = Upload(l.TablesCoarse).View,
            TablesFine = Upload(l.TablesFine).View,
            TableOffset = Upload(l.TableOffset).View,
            TableVMinMv = l.TableVMinMv,
            TableInverseStep = l.TableInverseStep,
            TableLast = l.TableLast,
            SkDecayCoarse = l.SkDecayCoarse,
            SkDecayFine = l.SkDecayFine,
            NodeChannelStart = Upload(l.NodeChannelStart).View,
            NodeChannelList = Upload(l.NodeChannelList).View,
            NodeSynapseStart = Upload(l.NodeSynapseStart).View,
            NodeSynapseList = Upload(l.NodeSynapseList).View,
            NodeHasPool = Upload(l.NodeHasPool).View,
            PoolNode = Upload(l.PoolNode).View,
            PoolPerIca = Upload(l.PoolPerIca).View,
            PoolMinCai = Upload(l.PoolMinCai).View,
            PoolDecayCoarse = Upload(l.PoolDecayCoarse).View,
            PoolDecayFine = Upload(l.PoolDecayFine).View,
            EcaNodes = Upload(l.EcaNodes).View,
            NernstScaleMv = l.NernstScaleMv,
            CaoMm = MechanismConstants.CaoMm,
            SynNode = Upload(l.SynNode).View,
            SynGmax = Upload(l.SynGmax).View,
            SynKind = Upload(l.SynKind).View,
            SynE = Upload(l.SynE).View,
            SynMg = Upload(l.SynMg).View,
            SynStateRow = Upload(l.SynStateRow).View,
            SynStride = Upload(l.SynStride).View,
            SynStates = Upload(l.SynStates).View,
            SynDecayCoarse = Upload(l.SynDecayCoarse).View,
            SynDecayFine = Upload(l.SynDecayFine).View,
            SynIncrement = Upload(l.SynIncrement).View,
            V = _v.View,
            Cai = _cai.View,
            Eca = _eca.View,
            Gate = _gate.View,
            Syn = _syn.View,
            Tsyn = _tsyn.View,
            Pv = _pv.View,
            Ica = Zeros<double>(l.Nodes * T).View,
            Gca = Zeros<double>(l.Nodes * T).View,
            D = Zeros<double>(l.Nodes * T).View,
            Rhs = Zeros<double>(l.Nodes * T).View,
            Ticks = _ticks.View,
            RefineUntil = _refineUntil.View,
            PreviousSpikeV = _previousSpikeV.View,
            Errors = _errors.View,
            RefinedSteps = _refinedSteps.View,
        };
    }

    /// <summary>NEURON's finitialize on every trial: the CPU engine's initial state of one lane, broadcast.</summary>
    private void Initialize(int spikeNode)
    {
        var l = _layout;
        Broadcast(_v, Enumerable.Repeat(l.VInitMv, l.Nodes).ToArray());
        Broadcast(_cai, Enumerable.Repeat(l.CaiInitMm, l.Nodes).ToArray());
        Broadcast(_eca, l.InitialEca);
        Broadcast(_gate, l.InitialGate);
        _syn.MemSetToZero();
        _tsyn.MemSetToZero();
        Broadcast(_pv, Enumerable.Repeat(1.0, l.SynInstances).ToArray());
        _ticks.MemSetToZero();
        _refineUntil.CopyFromCPU(Enumerable.Repeat(-1L, Trials).ToArray());
        _errors.MemSetToZero();
        _refinedSteps.MemSetToZero();
        if (spikeNode >= 0)
            _previousSpikeV.CopyFromCPU(Enumerable.Repeat(l.VInitMv, Trials).ToArray());
        _device.Accelerator.Synchronize();
    }

    private void Broadcast(MemoryBuffer1D<double, Stride1D.Dense> dst, double[] column)
    {
        if (column.Length == 0)
            return;
        using var c = _device.Accelerator.Allocate1D(column);
        // A launch indexes with int: rows in chunks of at most int.MaxValue / trials.
        int chunk = Math.Max(1, int.MaxValue / Trials);
        for (int row = 0; row < column.Length; row += chunk)
        {
            int rows = Math.Min(chunk, column.Length - row);
            _device.Broadcast(
                rows * Trials,
                dst.View.SubView((long)row * Trials, (long)rows * Trials),
                c.View.SubView(row, rows),
                Trials
            );
        }
        _device.Accelerator.Synchronize();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var b in _owned)
            b.Dispose();
        _owned.Clear();
    }
}
