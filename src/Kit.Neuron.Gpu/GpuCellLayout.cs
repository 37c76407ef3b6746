using Kit.Neuron.Mechanisms;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Gpu;

/// <summary>
/// A <see cref="CellModel"/> and <see cref="SimulationOptions"/> flattened into the per-row constants the GPU kernel
/// reads (host side, built once per engine). Every number comes from the CPU engine's own description objects: the
/// tree's coupling, the cell's capacitance and leak, the channel groups' gbar and reversal, the rate tables
/// (<see cref="ChannelRateTables"/> built exactly as the CPU engine builds them), the pools' decay factors, the
/// synapse mechanisms' decay factors and release increments. State rows are listed in the CPU engine's loop order, so
/// that the kernel accumulates every node's currents in the same order and its sums are the same doubles.
/// </summary>
internal sealed class GpuCellLayout
{
    /// <summary>Nodes of the tree.</summary>
    public int Nodes { get; }

    public int[] Parent { get; }
    public double[] Coupling { get; }
    public double[] OffDiagonal { get; }
    public double[] AreaFactor { get; }
    public double[] GPas { get; }
    public double[] EPas { get; }

    /// <summary>C·cFactor/dt (nF/ms) per node for the coarse and the fine step.</summary>
    public double[] CapCoarse { get; }
    public double[] CapFine { get; }

    // Channel instances in CPU loop order (group, then instance): node, gbar (S/cm²), reversal (mV; used unless
    // ChUsesEca), Ca flag, gate count, first state row, powers (4 per instance).
    public int[] ChNode { get; }
    public double[] ChGbar { get; }
    public double[] ChErev { get; }
    public int[] ChUsesEca { get; }
    public int[] ChIsCa { get; }
    public int[] ChGates { get; }
    public int[] ChStateRow { get; }
    public int[] ChPowers { get; }

    /// <summary>Row distance between a channel instance's gates (its group's instance count).</summary>
    public int[] ChStride { get; }

    // Gate rows (one state value per row): node and table (−1: SK_E2's calcium gate).
    public int[] GateNode { get; }
    public int[] GateTable { get; }
    public double[] InitialGate { get; }

    /// <summary>Interleaved [inf, decay] rate tables, one after the other, for the coarse and the fine dt.</summary>
    public double[] TablesCoarse { get; }
    public double[] TablesFine { get; }
    public int[] TableOffset { get; }
    public double TableVMinMv { get; }
    public double TableInverseStep { get; }
    public double TableLast { get; }

    /// <summary>exp(−dt/τ_z) of SK_E2 for the coarse and the fine step.</summary>
    public double SkDecayCoarse { get; }
    public double SkDecayFine { get; }

    // Calcium: one entry per (pool, node) in pool order: node, steady cai per ica, min cai, decay factors.
    public int[] PoolNode { get; }
    public double[] PoolPerIca { get; }
    public double[] PoolMinCai { get; }
    public double[] PoolDecayCoarse { get; }
    public double[] PoolDecayFine { get; }
    public int[] EcaNodes { get; }
    public double NernstScaleMv { get; }

    // Synapse instances in CPU loop order (group, then instance): node, gmax (µS), kind (0 AMPA+NMDA, 1 double
    // exponential), reversal (mV), Mg (mM), first state row; group offsets map (group, instance) to the index.
    public int[] SynNode { get; }
    public double[] SynGmax { get; }
    public int[] SynKind { get; }
    public double[] SynE { get; }
    public double[] SynMg { get; }
    public int[] SynStateRow { get; }
    public int[] SynGroupOffset { get; }

    // Synapse state rows: decay per step and the increment a released event adds.
    public double[] SynDecayCoarse { get; }
    public double[] SynDecayFine { get; }
    public double[] SynIncrement { get; }
    public int SynStateRows { get; }
    public int SynInstances { get; }

    public int ChannelStateRows => GateNode.Length;
    public int ChannelInstances => ChNode.Length;

    public double VInitMv { get; }
    public double CaiInitMm { get; }
    public double[] InitialEca { get; }
    public bool Quirk { get; }

    /// <summary>Lays out <paramref name="cell"/> for <paramref name="options"/>; throws naming what the GPU engine lacks.</summary>
    /// <exception cref="NotSupportedException">A mechanism, stimulus kind or option the kernel does not implement.</exception>
    public GpuCellLayout(CellModel cell, SimulationOptions options)
    {
        cell.Validate();
        if (!options.UseRateTables)
            throw new NotSupportedException(
                "the GPU engine steps voltage gates with rate tables only (UseRateTables = true)"
            );
        if (cell.AlphaSynapses.Length > 0 || cell.KineticSynapses.Length > 0)
            throw new NotSupportedException(
                $"cell {cell.Name}: alpha and kinetic (onset) synapses are CPU-engine only"
            );
        var tree = cell.Tree;
        int n = tree.Nodes;
        Nodes = n;
        Parent = [.. tree.Parent];
        Coupling = [.. tree.CouplingUs];
        OffDiagonal = Coupling.Select(g => -g).ToArray();
        AreaFactor = new double[n];
        for (int k = 0; k < n; k++)
            AreaFactor[k] = tree.AreaUm2[k] * 1e-2;
        GPas = [.. cell.GPasSPerCm2];
        EPas = [.. cell.EPasMv];
        double cFactor = options.Method == IntegrationMethod.CrankNicolson ? 2.0 : 1.0;
        double dt = options.DtMs;
        double dtFine = options.Refinement is { } r ? dt / r.Factor : dt;
        CapCoarse = Cap(dt);
        CapFine = Cap(dtFine);
        double[] Cap(double step)
        {
            var c = new double[n];
            for (int k = 0; k < n; k++)
                c[k] = cFactor * cell.CapacitanceNf(k) / step;
            return c;
        }

        VInitMv = cell.VInitMv;
        CaiInitMm = cell.CaiInitMm;
        Quirk = cell.ReproduceNeuronT0Quirk;
        var v0 = Enumerable.Repeat(cell.VInitMv, n).ToArray();
        var cai0 = Enumerable.Repeat(cell.CaiInitMm, n).ToArray();

        // Calcium pools and the nodes whose eca is dynamic (Simulation.Layout.cs: _poolNodes, _ecaNodes).
        var pools = cell.CalciumPools;
        var poolNode = new List<int>();
        var poolPerIca = new List<double>();
        var poolMin = new List<double>();
        var poolDecayCoarse = new List<double>();
        var poolDecayFine = new List<double>();
        foreach (var p in pools)
        {
            double perIca = CaDynamicsE2.SteadyPerIca(p.Parameters);
            double fc = CaDynamicsE2.Decay.For(p.Parameters, dt).Factor;
            double ff = CaDynamicsE2.Decay.For(p.Parameters, dtFine).Factor;
            foreach (int node in p.Nodes)
            {
                poolNode.Add(node);
                poolPerIca.Add(perIca);
                poolMin.Add(p.Parameters.MinCaiMm);
                poolDecayCoarse.Add(fc);
                poolDecayFine.Add(ff);
            }
        }
        PoolNode = [.. poolNode];
        PoolPerIca = [.. poolPerIca];
        PoolMinCai = [.. poolMin];
        PoolDecayCoarse = [.. poolDecayCoarse];
        PoolDecayFine = [.. poolDecayFine];
        EcaNodes = pools.SelectMany(p => p.Nodes).Distinct().Order().ToArray();
        NernstScaleMv = CaDynamicsE2.NernstScaleMv(cell.Celsius);
        InitialEca = new double[n];
        CaDynamicsE2.UpdateEcaNodes(cai0, InitialEca, EcaNodes, 1, cell.Celsius);

        // Channels: instances, gate rows, tables. Gate row order: group c, gate j, instance k (the CPU state layout
        // with one lane).
        var ch = cell.Channels;
        var chNode = new List<int>();
        var chGbar = new List<double>();
        var chErev = new List<double>();
        var chUsesEca = new List<int>();
        var chIsCa = new List<int>();
        var chGates = new List<int>();
        var chStateRow = new List<int>();
        var chPowers = new List<int>();
        var chStride = new List<int>();
        var gateNode = new List<int>();
        var gateTable = new List<int>();
        var initialGate = new List<double>();
        var tablesCoarse = new List<double>();
        var tablesFine = new List<double>();
        var tableOffset = new List<int>();
        RateTable? grid = null;
        var skGate = SKE2.Definition.GateList[0];
        foreach (var g in ch)
        {
            var def = g.Channel;
            int instances = g.Nodes.Length;
            int firstRow = gateNode.Count;
            var coarse = new ChannelRateTables(def, dt);
            var fine = new ChannelRateTables(def, dtFine);
            var state = new double[def.Gates * instances];
            ChannelKernels.Initialize(def, state, g.Nodes.AsSpan(), 1, v0, cai0);
            for (int j = 0; j < def.Gates; j++)
            {
                int table = -1;
                if (coarse[j] is { } tc)
                {
                    grid ??= tc;
                    if (
                        tc.VMinMv != grid.VMinMv
                        || tc.StepMv != grid.StepMv
                        || tc.Points != grid.Points
                    )
                        throw new NotSupportedException(
                            $"{g.Label} gate {def.GateList[j].Name}: rate table grid differs from the others"
                        );
                    table = tableOffset.Count;
                    tableOffset.Add(tablesCoarse.Count);
                    tablesCoarse.AddRange(tc.Values);
                    tablesFine.AddRange(fine[j]!.Values);
                }
                else if (!ReferenceEquals(def.GateList[j], skGate))
                    throw new NotSupportedException(
                        $"{g.Label} gate {def.GateList[j].Name}: the GPU engine knows SK_E2's z as its only calcium gate"
                    );
                for (int k = 0; k < instances; k++)
                {
                    gateNode.Add(g.Nodes[k]);
                    gateTable.Add(table);
                    initialGate.Add(state[j * instances + k]);
                }
            }
            for (int k = 0; k < instances; k++)
            {
                chNode.Add(g.Nodes[k]);
                chGbar.Add(g.GbarSPerCm2[k]);
                chErev.Add(g.ReversalMv ?? 0);
                chUsesEca.Add(g.ReversalMv is null ? 1 : 0);
                chIsCa.Add(def.Ion == Ion.Ca ? 1 : 0);
                chGates.Add(def.Gates);
                chStateRow.Add(firstRow + k);
                chStride.Add(instances);
                for (int j = 0; j < 4; j++)
                    chPowers.Add(j < def.Gates ? def.GateList[j].Power : 0);
                if (def.Gates > 4)
                    throw new NotSupportedException($"{g.Label}: more than 4 gates");
            }
        }
        ChNode = [.. chNode];
        ChGbar = [.. chGbar];
        ChErev = [.. chErev];
        ChUsesEca = [.. chUsesEca];
        ChIsCa = [.. chIsCa];
        ChGates = [.. chGates];
        ChStateRow = [.. chStateRow];
        ChPowers = [.. chPowers];
        ChStride = [.. chStride];
        GateNode = [.. gateNode];
        GateTable = [.. gateTable];
        InitialGate = [.. initialGate];
        TablesCoarse = [.. tablesCoarse];
        TablesFine = [.. tablesFine];
        TableOffset = tableOffset.Count > 0 ? [.. tableOffset] : [0];
        TableVMinMv = grid?.VMinMv ?? 0;
        TableInverseStep = grid?.InverseStep ?? 0;
        TableLast = grid != null ? grid.Points - 1 : 0;
        SkDecayCoarse = Math.Exp(-dt / SKE2.ZTauMs);
        SkDecayFine = Math.Exp(-dtFine / SKE2.ZTauMs);

        // Synapses: instances in group order, state rows [group: state s × instance k] (the CPU layout, one lane).
        var syn = cell.Synapses;
        var synNode = new List<int>();
        var synGmax = new List<double>();
        var synKind = new List<int>();
        var synE = new List<double>();
        var synMg = new List<double>();
        var synStateRow = new List<int>();
        var synDecayCoarse = new List<double>();
        var synDecayFine = new List<double>();
        var synIncrement = new List<double>();
        SynGroupOffset = new int[syn.Length];
        for (int s = 0; s < syn.Length; s++)
        {
            var group = syn[s];
            var m = group.Mechanism;
            (int kind, double mg) = m switch
            {
                AmpaNmdaSynapse nmda => (0, nmda.MgMm),
                DoubleExponentialSynapse => (1, 0.0),
                _ => throw new NotSupportedException(
                    $"synapse group {group.Name}: mechanism {m.GetType().Name} has no GPU kernel"
                ),
            };
            SynGroupOffset[s] = synNode.Count;
            int firstRow = synDecayCoarse.Count;
            var dc = m.DecayFactors(dt);
            var df = m.DecayFactors(dtFine);
            // The increment of a released event with weight 1, per state (ISynapse.Deliver on a zero state).
            var inc = new double[m.States];
            m.Deliver(inc);
            for (int st = 0; st < m.States; st++)
            for (int k = 0; k < group.Count; k++)
            {
                synDecayCoarse.Add(dc[st]);
                synDecayFine.Add(df[st]);
                synIncrement.Add(inc[st]);
            }
            for (int k = 0; k < group.Count; k++)
            {
                synNode.Add(group.Nodes[k]);
                synGmax.Add(group.GMaxUs[k]);
                synKind.Add(kind);
                synE.Add(m.EMv);
                synMg.Add(mg);
                synStateRow.Add(firstRow + k);
            }
        }
        SynNode = [.. synNode];
        SynGmax = [.. synGmax];
        SynKind = [.. synKind];
        SynE = [.. synE];
        SynMg = [.. synMg];
        SynStateRow = [.. synStateRow];
        SynDecayCoarse = [.. synDecayCoarse];
        SynDecayFine = [.. synDecayFine];
        SynIncrement = [.. synIncrement];
        SynStateRows = synDecayCoarse.Count;
        SynInstances = synNode.Count;
        // Stride between a synapse instance's states: its group's instance count (row = first + s·count).
        SynStride = new int[SynInstances];
        for (int s = 0; s < syn.Length; s++)
        for (int k = 0; k < syn[s].Count; k++)
            SynStride[SynGroupOffset[s] + k] = syn[s].Count;
        SynStates = new int[SynInstances];
        for (int s = 0; s < syn.Length; s++)
        for (int k = 0; k < syn[s].Count; k++)
            SynStates[SynGroupOffset[s] + k] = syn[s].Mechanism.States;
        BuildNodeLists();
    }

    // Per node, the channel and synapse instances on it in the CPU engine's loop order (CSR: node n's are
    // List[Start[n] .. Start[n + 1])), so the kernel sums a node's currents in registers in the same order.
    public int[] NodeChannelStart { get; private set; } = [];
    public int[] NodeChannelList { get; private set; } = [];
    public int[] NodeSynapseStart { get; private set; } = [];
    public int[] NodeSynapseList { get; private set; } = [];

    /// <summary>1 where the node has a calcium pool (dynamic eca, ica kept for the pool), else 0.</summary>
    public int[] NodeHasPool { get; private set; } = [];

    private void BuildNodeLists()
    {
        (NodeChannelStart, NodeChannelList) = Csr(ChNode);
        (NodeSynapseStart, NodeSynapseList) = Csr(SynNode);
        NodeHasPool = new int[Nodes];
        foreach (int n in EcaNodes)
            NodeHasPool[n] = 1;
    }

    private (int[] Start, int[] List) Csr(int[] nodeOf)
    {
        var start = new int[Nodes + 1];
        foreach (int n in nodeOf)
            start[n + 1]++;
        for (int n = 0; n < Nodes; n++)
            start[n + 1] += start[n];
        var fill = (int[])start.Clone();
        var list = new int[nodeOf.Length];
        // Ascending instance index within a node: the CPU engine's order (group, then instance).
        for (int i = 0; i < nodeOf.Length; i++)
            list[fill[nodeOf[i]]++] = i;
        return (start, list);
    }

    /// <summary>Row distance between consecutive states of a synapse instance (its group's size).</summary>
    public int[] SynStride { get; }

    /// <summary>Number of states of each synapse instance.</summary>
    public int[] SynStates { get; }
}
