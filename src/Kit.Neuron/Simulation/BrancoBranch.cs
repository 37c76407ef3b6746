using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Morphology;

namespace Kit.Neuron.Simulation;

/// <summary>
/// The Branco, Clark &amp; Häusser (2010) model: the built-in rc19 cell (<see cref="Rc19Morphology"/>) with a passive
/// membrane (cm 1 µF/cm², Ra 150 Ω·cm, g_pas 1e-4 S/cm² except the axon 0.02 S/cm², e_pas = v_init = −75 mV) and nine
/// AMPA (<see cref="AlphaSynapse.BrancoAmpa"/>) + NMDA (<see cref="BrancoNmda"/>) synapses on dend[13], synapse s at
/// x = 1 − s/8 (0 most distal). A scalar, one-trial path of the kit's simulator: the L5PC's SIMD lane engine has no
/// kinetic-scheme mechanism, so this class runs NEURON's fixed-step scheme (docs/numerical-method.md, "NEURON's
/// fixed-step scheme") on the same <see cref="CompartmentTree"/>: currents at t + dt/2 with the states of t, a
/// backward-Euler Hines solve for v, then the NMDA schemes advanced by backward Euler at the new v.
/// Immutable after construction; <see cref="Run"/> allocates its own state, so runs may go in parallel.
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
        capacitanceNf = new double[n];
        leakUs = new double[n];
        for (int k = 0; k < n; k++)
        {
            if (!Tree.HasMembrane(k))
                continue;
            var seg = Tree.Discretization.Segments[Tree.SegmentOfNode[k]];
            // µF/cm² × µm² = 1e-5 nF; S/cm² × µm² = 1e-2 µS
            capacitanceNf[k] = CmUfPerCm2 * Tree.AreaUm2[k] * 1e-5;
            double g = seg.Type == SectionType.Axon ? AxonGPasSPerCm2 : GPasSPerCm2;
            leakUs[k] = g * Tree.AreaUm2[k] * 1e-2;
        }
        int branch = Morphology.IndexOf(Rc19Morphology.StimulatedBranch);
        SynapseNodes = [.. Enumerable.Range(0, Synapses).Select(s => NodeAt(branch, 1 - s / 8.0))];
        SomaNode = NodeAt(0, 0.5);
        DendriteNode = NodeAt(branch, 0.5);
        NmdaScheme = BrancoNmda.Scheme();
        initialOccupancy = new KineticSchemeSolver(NmdaScheme).SteadyState(VInitMv, 0);
    }

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
    /// Simulates <paramref name="durationMs"/> ms from rest with the given synaptic activations.
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
        int steps = (int)Math.Round(durationMs / dtMs);
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
        double nmdaScaleUs = 1e-6 * BrancoNmda.GMaxPs; // pS → µS
        var soma = ImmutableArray.CreateBuilder<double>(steps / every + 1);
        var dend = ImmutableArray.CreateBuilder<double>(steps / every + 1);
        soma.Add(v[SomaNode]);
        dend.Add(v[DendriteNode]);
        double peakSoma = 0,
            peakSomaT = 0,
            peakDend = 0;
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
                    nmdaScaleUs
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
            double tNew = (step + 1) * dtMs;
            for (int s = 0; s < Synapses; s++)
            {
                // the glutamate of the step's start time t: the original model computes the transmitter pulse in a
                // separate current-free mechanism that NEURON updates in its state phase after the NMDA scheme, so
                // the scheme's step to t + dt sees the pulse value of t (sampling it at t + dt instead moves the
                // local dendritic peak by up to 0.02 mV against the NEURON reference)
                double c = TransmitterMm(input.ActivationTimesMs[s], firstLive[s], t);
                solver.Step(occupancy.AsSpan(s * states, states), v[SynapseNodes[s]], c, dtMs);
            }
            double dv = v[SomaNode] - VInitMv;
            if (dv > peakSoma)
            {
                peakSoma = dv;
                peakSomaT = tNew;
            }
            peakDend = Math.Max(peakDend, v[DendriteNode] - VInitMv);
            if ((step + 1) % every == 0)
            {
                soma.Add(v[SomaNode]);
                dend.Add(v[DendriteNode]);
            }
        }
        return new BrancoBranchTrace(
            sampleIntervalMs,
            soma.ToImmutable(),
            dend.ToImmutable(),
            peakSoma,
            peakSomaT,
            peakDend
        );
    }

    /// <summary>Glutamate (mM) at <paramref name="timeMs"/>: 2 mM for 0.5 ms from each activation.</summary>
    private static double TransmitterMm(ImmutableArray<double> onsetsMs, int first, double timeMs)
    {
        for (int i = first; i < onsetsMs.Length && onsetsMs[i] <= timeMs + 1e-9; i++)
            if (
                timeMs >= onsetsMs[i] - 1e-9
                && timeMs < onsetsMs[i] + BrancoNmda.TransmitterDurationMs - 1e-9
            )
                return BrancoNmda.TransmitterMm;
        return 0;
    }
}
