using System.Collections.Immutable;
using Kit.Core;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Morphology;

namespace Kit.Neuron.Simulation;

/// <summary>
/// The Branco, Clark &amp; Häusser (2010) model: the built-in rc19 cell (<see cref="Rc19Morphology"/>) with a passive
/// membrane (cm 1 µF/cm², Ra 150 Ω·cm, g_pas 1e-4 S/cm² except the axon 0.02 S/cm², e_pas = v_init = −75 mV) and nine
/// AMPA (<see cref="AlphaSynapse.BrancoAmpa"/>) + NMDA (<see cref="BrancoNmda"/>) synapses on dend[13], synapse s at
/// x = 1 − s/8 (0 most distal). Two paths run NEURON's fixed-step scheme (docs/numerical-method.md, "NEURON's
/// fixed-step scheme") on the same <see cref="CompartmentTree"/>: currents at t + dt/2 with the states of t, a
/// backward-Euler Hines solve for v, then the NMDA schemes advanced by backward Euler at the new v.
/// <see cref="Run"/> is the scalar one-trial reference; <see cref="RunMany"/> steps up to <see cref="LaneCount"/>
/// trials side by side in the kit's lane engine (<see cref="Simulation"/> on <see cref="Cell"/>: passive membrane,
/// <see cref="AlphaSynapseGroup"/> AMPA and <see cref="KineticSynapseGroup"/> NMDA) and equals it to rounding.
/// Immutable after construction; both allocate their own state, so runs may go in parallel.
/// </summary>
public sealed class BrancoBranch
{
    /// <summary>Number of synapses on the branch.</summary>
    public const int Synapses = 9;

    /// <summary>Activation time of the first synapse of a Branco sequence (ms).</summary>
    public const double SequenceStartMs = 50;

    /// <summary>Resting and initial voltage (mV).</summary>
    public const double VInitMv = -75;

    /// <summary>NEURON's default fixed step, used for the reference results (ms).</summary>
    public const double DefaultDtMs = 0.025;

    /// <summary>Trials that <see cref="RunMany"/> steps side by side by default (the engine's best SIMD width, 2 vectors).</summary>
    public const int LaneCount = 8;

    /// <summary>IN order: distal to proximal.</summary>
    public static ImmutableArray<int> InOrder { get; } = [0, 1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>OUT order: proximal to distal.</summary>
    public static ImmutableArray<int> OutOrder { get; } = [8, 7, 6, 5, 4, 3, 2, 1, 0];

    private const double CmUfPerCm2 = 1;
    private const double GPasSPerCm2 = 1e-4;
    private const double AxonGPasSPerCm2 = 0.02;

    private readonly double[] capacitanceNf;
    private readonly double[] leakUs;
    private readonly double[] initialOccupancy;

    /// <summary>Builds the cell (geometry, tree and synapse nodes).</summary>
    public BrancoBranch()
    {
        Morphology = Rc19Morphology.Build();
        Tree = CompartmentTree.Build(
            Discretization.Build(Morphology, Rc19Morphology.AxialResistivityOhmCm)
        );
        int n = Tree.Nodes;
        var cm = new double[n];
        var gPas = new double[n];
        var ePas = new double[n];
        for (int k = 0; k < n; k++)
        {
            if (!Tree.HasMembrane(k))
                continue;
            var seg = Tree.Discretization.Segments[Tree.SegmentOfNode[k]];
            cm[k] = CmUfPerCm2;
            gPas[k] = seg.Type == SectionType.Axon ? AxonGPasSPerCm2 : GPasSPerCm2;
            ePas[k] = VInitMv;
        }
        int branch = Morphology.IndexOf(Rc19Morphology.StimulatedBranch);
        SynapseNodes = [.. Enumerable.Range(0, Synapses).Select(s => NodeAt(branch, 1 - s / 8.0))];
        SomaNode = NodeAt(0, 0.5);
        DendriteNode = NodeAt(branch, 0.5);
        NmdaScheme = BrancoNmda.Scheme();
        initialOccupancy = new KineticSchemeSolver(NmdaScheme).SteadyState(VInitMv, 0);
        var ampa = AlphaSynapse.BrancoAmpa;
        Cell = new CellModel("Branco 2010 (rc19)", Tree, [.. cm], [.. gPas], [.. ePas], [], [], [])
        {
            VInitMv = VInitMv,
            SomaNode = SomaNode,
            AlphaSynapses =
            [
                new("ampa", ampa, SynapseNodes, [.. Enumerable.Repeat(ampa.GMaxUs, Synapses)]),
            ],
            KineticSynapses =
            [
                new(
                    "nmda",
                    NmdaScheme,
                    BrancoNmda.ErevMv,
                    BrancoNmda.Transmitter,
                    SynapseNodes,
                    [.. Enumerable.Repeat(BrancoNmda.GMaxUs, Synapses)]
                ),
            ],
        };
        Cell.Validate();
        // µF/cm² × µm² = 1e-5 nF; S/cm² × µm² = 1e-2 µS
        capacitanceNf = [.. Enumerable.Range(0, n).Select(Cell.CapacitanceNf)];
        leakUs = [.. Enumerable.Range(0, n).Select(k => gPas[k] * Tree.AreaUm2[k] * 1e-2)];
    }

    /// <summary>
    /// The cell as the lane engine's <see cref="CellModel"/>: the passive membrane per node, alpha group "ampa" and
    /// kinetic group "nmda" (9 instances each, instance s = synapse s).
    /// </summary>
    public CellModel Cell { get; }

    /// <summary>The rc19 morphology.</summary>
    public Morphology.Morphology Morphology { get; }

    /// <summary>The node tree (areas, couplings).</summary>
    public CompartmentTree Tree { get; }

    /// <summary>The node of each synapse (NEURON's placement: the segment node containing x, or the end nodes for x = 0, 1).</summary>
    public ImmutableArray<int> SynapseNodes { get; }

    /// <summary>The soma(0.5) node.</summary>
    public int SomaNode { get; }

    /// <summary>The dend[13](0.5) node (local dendritic recording).</summary>
    public int DendriteNode { get; }

    /// <summary>The NMDA kinetic scheme.</summary>
    public KineticScheme NmdaScheme { get; }

    /// <summary>NMDA occupancies at rest (v_init, no glutamate): the steady state that initialises every run.</summary>
    public ImmutableArray<double> InitialNmdaOccupancy => [.. initialOccupancy];

    /// <summary>
    /// NEURON's node for a point process at <paramref name="x"/> of a section: the end node at x = 1, the parent's
    /// attachment node at x = 0, otherwise the membrane node of the segment containing x.
    /// </summary>
    public int NodeAt(int sectionIndex, double x)
    {
        if (x is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must lie in [0, 1]");
        if (x >= 1)
            return Tree.EndNodeOf(sectionIndex);
        if (x <= 0 && sectionIndex != 0)
            return Tree.Parent[Tree.FirstNodeOf(sectionIndex)];
        return Tree.NodeAt(sectionIndex, x);
    }

    /// <summary>The node at <paramref name="x"/> of the section named <paramref name="sectionName"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such section (the message names it).</exception>
    public int NodeAt(string sectionName, double x) => NodeAt(Morphology.IndexOf(sectionName), x);

    internal static void CheckSynapse(int synapse, string paramName)
    {
        if (synapse is < 0 or >= Synapses)
            throw new ArgumentOutOfRangeException(
                paramName,
                synapse,
                $"synapse index {synapse} is outside 0..{Synapses - 1}"
            );
    }

    /// <summary>
    /// Simulates <paramref name="durationMs"/> ms from rest with the given synaptic activations: the scalar reference
    /// path (<see cref="RunMany"/> runs the same scheme in the lane engine).
    /// </summary>
    /// <param name="input">Activation times per synapse.</param>
    /// <param name="durationMs">Simulated time (ms, &gt; 0).</param>
    /// <param name="dtMs">Fixed step (ms); 0.025 reproduces the NEURON reference.</param>
    /// <param name="sampleIntervalMs">Recording interval (ms), a whole multiple of <paramref name="dtMs"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive duration, step or interval, or an interval that is not a multiple of the step.</exception>
    public BrancoBranchTrace Run(
        BrancoBranchInput input,
        double durationMs = 200,
        double dtMs = DefaultDtMs,
        double sampleIntervalMs = 1
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        var (steps, every) = CheckRun(durationMs, dtMs, sampleIntervalMs);
        int n = Tree.Nodes;
        var parent = Tree.Parent;
        var coupling = Tree.CouplingUs;
        var v = new double[n];
        Array.Fill(v, VInitMv);
        var d = new double[n];
        var rhs = new double[n];
        var current = new double[n];
        var slope = new double[n];
        int states = NmdaScheme.States.Length;
        var occupancy = new double[Synapses * states];
        for (int s = 0; s < Synapses; s++)
            initialOccupancy.CopyTo(occupancy, s * states);
        var solver = new KineticSchemeSolver(NmdaScheme);
        // per synapse, the first activation that can still act (sorted times; keeps long random trains O(steps))
        var firstLive = new int[Synapses];
        var ampa = AlphaSynapse.BrancoAmpa;
        var recorder = new TraceRecorder(steps, every, v[SomaNode], v[DendriteNode]);
        for (int step = 0; step < steps; step++)
        {
            double t = step * dtMs;
            double tMid = t + 0.5 * dtMs;
            // current phase at v^n, t + dt/2
            for (int k = 0; k < n; k++)
            {
                slope[k] = leakUs[k];
                current[k] = leakUs[k] * (v[k] - VInitMv);
            }
            for (int s = 0; s < Synapses; s++)
            {
                int node = SynapseNodes[s];
                double g = 0;
                var onsets = input.ActivationTimesMs[s];
                double horizonMs =
                    Math.Max(10 * ampa.TauMs, BrancoNmda.TransmitterDurationMs) + 2 * dtMs;
                while (firstLive[s] < onsets.Length && onsets[firstLive[s]] + horizonMs < t)
                    firstLive[s]++;
                for (int i = firstLive[s]; i < onsets.Length && onsets[i] <= tMid; i++)
                    g += ampa.ConductanceUs(tMid - onsets[i]);
                double gn =
                    BrancoNmda.GMaxUs
                    * NmdaScheme.ConductingFraction(occupancy.AsSpan(s * states, states));
                slope[node] += g + gn;
                current[node] += g * (v[node] - ampa.EMv) + gn * (v[node] - BrancoNmda.ErevMv);
            }
            // backward-Euler voltage solve (Hines)
            for (int k = 0; k < n; k++)
            {
                d[k] = capacitanceNf[k] / dtMs + slope[k];
                rhs[k] = -current[k];
            }
            for (int k = 1; k < n; k++)
            {
                int p = parent[k];
                double g = coupling[k];
                d[k] += g;
                d[p] += g;
                double flow = g * (v[p] - v[k]);
                rhs[k] += flow;
                rhs[p] -= flow;
            }
            for (int k = n - 1; k >= 1; k--)
            {
                int p = parent[k];
                double f = -coupling[k] / d[k];
                d[p] -= f * -coupling[k];
                rhs[p] -= f * rhs[k];
            }
            rhs[0] /= d[0];
            for (int k = 1; k < n; k++)
                rhs[k] = (rhs[k] + coupling[k] * rhs[parent[k]]) / d[k];
            for (int k = 0; k < n; k++)
                v[k] += rhs[k];
            // state phase at v^{n+1}
            for (int s = 0; s < Synapses; s++)
            {
                // the glutamate of the step's start time t: the original model computes the transmitter pulse in a
                // separate current-free mechanism that NEURON updates in its state phase after the NMDA scheme, so
                // the scheme's step to t + dt sees the pulse value of t (sampling it at t + dt instead moves the
                // local dendritic peak by up to 0.02 mV against the NEURON reference)
                double c = BrancoNmda.Transmitter.ConcentrationAt(
                    input.ActivationTimesMs[s].AsSpan(),
                    firstLive[s],
                    t
                );
                solver.Step(occupancy.AsSpan(s * states, states), v[SynapseNodes[s]], c, dtMs);
            }
            recorder.Add(step + 1, (step + 1) * dtMs, v[SomaNode], v[DendriteNode]);
        }
        return recorder.Trace(sampleIntervalMs);
    }

    /// <summary>
    /// Simulates every input as <see cref="Run"/> does, in the lane engine: batches of <paramref name="lanes"/>
    /// consecutive inputs step side by side (the last batch padded with silent lanes to a multiple of the SIMD width),
    /// one batch after the other on this thread. Each trace equals <see cref="Run"/>'s to rounding (≤ 1e-9 mV, test)
    /// and does not depend on the other inputs of its batch.
    /// </summary>
    /// <param name="inputs">Activation times per synapse, one per trial.</param>
    /// <param name="durationMs">Simulated time (ms, &gt; 0).</param>
    /// <param name="dtMs">Fixed step (ms); 0.025 reproduces the NEURON reference.</param>
    /// <param name="sampleIntervalMs">Recording interval (ms), a whole multiple of <paramref name="dtMs"/>.</param>
    /// <param name="lanes">Trials per batch (≥ 1); a multiple of 4 uses the AVX2 kernels where the CPU has them.</param>
    /// <returns>One trace per input, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Run"/>, or fewer than one lane.</exception>
    public IReadOnlyList<BrancoBranchTrace> RunMany(
        IReadOnlyList<BrancoBranchInput> inputs,
        double durationMs = 200,
        double dtMs = DefaultDtMs,
        double sampleIntervalMs = 1,
        int lanes = LaneCount
    )
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var input in inputs)
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        var (steps, every) = CheckRun(durationMs, dtMs, sampleIntervalMs);
        var traces = new BrancoBranchTrace[inputs.Count];
        int width = lanes % LaneKernels.Width == 0 ? LaneKernels.Width : 1;
        for (int first = 0; first < inputs.Count; first += lanes)
        {
            int count = Math.Min(lanes, inputs.Count - first);
            var sim = new Simulation(
                Cell,
                new SimulationOptions { DtMs = dtMs, Lanes = (count + width - 1) / width * width }
            );
            for (int l = 0; l < count; l++)
            for (int s = 0; s < Synapses; s++)
            {
                var times = inputs[first + l].ActivationTimesMs[s];
                sim.SetAlphaOnsets(l, 0, s, times);
                sim.SetKineticOnsets(l, 0, s, times);
            }
            sim.Initialize();
            var recorders = new TraceRecorder[count];
            for (int l = 0; l < count; l++)
                recorders[l] = new(
                    steps,
                    every,
                    sim.VoltageMv(SomaNode, l),
                    sim.VoltageMv(DendriteNode, l)
                );
            for (int step = 0; step < steps; step++)
            {
                sim.Step();
                for (int l = 0; l < count; l++)
                    recorders[l]
                        .Add(
                            step + 1,
                            (step + 1) * dtMs,
                            sim.VoltageMv(SomaNode, l),
                            sim.VoltageMv(DendriteNode, l)
                        );
            }
            for (int l = 0; l < count; l++)
                traces[first + l] = recorders[l].Trace(sampleIntervalMs);
        }
        return traces;
    }

    /// <summary>
    /// Runs inputs 0 … <paramref name="count"/> − 1 (made by <paramref name="inputOf"/>, which must be thread-safe)
    /// as <see cref="RunMany"/> in batches of <see cref="LaneCount"/> consecutive inputs, the batches in parallel on up
    /// to <paramref name="maxThreads"/> threads (all cores when null). The batches do not depend on the thread count
    /// and a trace does not depend on its batch, so the results are the same bit for bit on any number of threads.
    /// Advances <paramref name="reporter"/> by each batch's size.
    /// </summary>
    internal BrancoBranchTrace[] RunBatches(
        int count,
        Func<int, BrancoBranchInput> inputOf,
        double durationMs,
        double dtMs,
        ProgressReporter reporter,
        CancellationToken token,
        int? maxThreads
    )
    {
        var traces = new BrancoBranchTrace[count];
        Parallel.For(
            0,
            (count + LaneCount - 1) / LaneCount,
            new ParallelOptions
            {
                CancellationToken = token,
                MaxDegreeOfParallelism = maxThreads ?? Environment.ProcessorCount,
            },
            b =>
            {
                token.ThrowIfCancellationRequested();
                int first = b * LaneCount;
                var inputs = new BrancoBranchInput[Math.Min(LaneCount, count - first)];
                for (int i = 0; i < inputs.Length; i++)
                    inputs[i] = inputOf(first + i);
                var batch = RunMany(inputs, durationMs, dtMs);
                for (int i = 0; i < inputs.Length; i++)
                    traces[first + i] = batch[i];
                reporter.Advance(inputs.Length);
            }
        );
        return traces;
    }

    /// <summary>Validates a run's duration, step and sampling interval: (steps, steps per sample).</summary>
    private static (int Steps, int Every) CheckRun(
        double durationMs,
        double dtMs,
        double sampleIntervalMs
    )
    {
        if (!(durationMs > 0) || double.IsInfinity(durationMs))
            throw new ArgumentOutOfRangeException(
                nameof(durationMs),
                durationMs,
                "duration must be > 0 ms"
            );
        if (!(dtMs > 0))
            throw new ArgumentOutOfRangeException(nameof(dtMs), dtMs, "dt must be > 0 ms");
        double ratio = sampleIntervalMs / dtMs;
        int every = (int)Math.Round(ratio);
        if (!(sampleIntervalMs > 0) || every < 1 || Math.Abs(ratio - every) > 1e-9 * ratio)
            throw new ArgumentOutOfRangeException(
                nameof(sampleIntervalMs),
                sampleIntervalMs,
                $"the sampling interval must be a positive whole multiple of dt = {dtMs} ms"
            );
        return ((int)Math.Round(durationMs / dtMs), every);
    }

    /// <summary>One trial's recording: samples every <c>every</c> steps and the peaks over every step.</summary>
    private sealed class TraceRecorder
    {
        private readonly int every;
        private readonly ImmutableArray<double>.Builder soma;
        private readonly ImmutableArray<double>.Builder dend;
        private double peakSoma,
            peakSomaT,
            peakDend;

        public TraceRecorder(int steps, int every, double somaMv, double dendMv)
        {
            this.every = every;
            soma = ImmutableArray.CreateBuilder<double>(steps / every + 1);
            dend = ImmutableArray.CreateBuilder<double>(steps / every + 1);
            soma.Add(somaMv);
            dend.Add(dendMv);
        }

        /// <summary>The voltages after step <paramref name="step"/> (1-based), at <paramref name="tMs"/>.</summary>
        public void Add(int step, double tMs, double somaMv, double dendMv)
        {
            double dv = somaMv - VInitMv;
            if (dv > peakSoma)
            {
                peakSoma = dv;
                peakSomaT = tMs;
            }
            peakDend = Math.Max(peakDend, dendMv - VInitMv);
            if (step % every == 0)
            {
                soma.Add(somaMv);
                dend.Add(dendMv);
            }
        }

        public BrancoBranchTrace Trace(double sampleIntervalMs) =>
            new(
                sampleIntervalMs,
                soma.ToImmutable(),
                dend.ToImmutable(),
                peakSoma,
                peakSomaT,
                peakDend
            );
    }
}
