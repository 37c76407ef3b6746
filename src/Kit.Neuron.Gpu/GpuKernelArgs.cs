using ILGPU;

namespace Kit.Neuron.Gpu;

/// <summary>
/// Everything one launch of <see cref="GpuKernels.StepWindow"/> reads and writes, as device views. Per-trial state
/// is [row × trial] (index <c>row·Trials + trial</c>): neighbouring threads (trials) touch neighbouring addresses.
/// Constants are per row (node, channel instance, gate row, synapse instance or state row), shared by all trials.
/// Units as in the CPU engine: mV, ms, nF, µS, nA, S/cm², mA/cm², mM.
/// </summary>
internal struct GpuKernelArgs
{
    public int Trials;
    public int Nodes;
    public int ChannelInstances;
    public int GateRows;
    public int PoolEntries;
    public int EcaNodeCount;
    public int SynInstances;
    public int SynStateRows;
    public int SomaNode;
    public int Quirk;
    public int CrankNicolson;
    public double CFactor;

    // Step and refinement.
    public double DtCoarseMs;
    public double DtFineMs;
    public int RefineFactor;
    public int Refines;
    public double RefineAboveMv;
    public long RefineHoldTicks;
    public double TickMs;

    // Window: coarse steps [FirstStep, EndStep).
    public long FirstStep;
    public long EndStep;

    // Tree.
    public ArrayView<int> Parent;
    public ArrayView<double> Coupling;
    public ArrayView<double> OffDiagonal;
    public ArrayView<double> AreaFactor;
    public ArrayView<double> GPas;
    public ArrayView<double> EPas;
    public ArrayView<double> CapCoarse;
    public ArrayView<double> CapFine;

    // Channels.
    public ArrayView<int> ChNode;
    public ArrayView<double> ChGbar;
    public ArrayView<double> ChErev;
    public ArrayView<int> ChUsesEca;
    public ArrayView<int> ChIsCa;
    public ArrayView<int> ChGates;
    public ArrayView<int> ChStateRow;
    public ArrayView<int> ChPowers;
    public ArrayView<int> ChStride;
    public ArrayView<int> GateNode;
    public ArrayView<int> GateTable;
    public ArrayView<double> TablesCoarse;
    public ArrayView<double> TablesFine;
    public ArrayView<int> TableOffset;
    public double TableVMinMv;
    public double TableInverseStep;
    public double TableLast;
    public double SkDecayCoarse;
    public double SkDecayFine;

    // Per-node instance lists (CSR) and pool flags.
    public ArrayView<int> NodeChannelStart;
    public ArrayView<int> NodeChannelList;
    public ArrayView<int> NodeSynapseStart;
    public ArrayView<int> NodeSynapseList;
    public ArrayView<int> NodeHasPool;

    // Calcium.
    public ArrayView<int> PoolNode;
    public ArrayView<double> PoolPerIca;
    public ArrayView<double> PoolMinCai;
    public ArrayView<double> PoolDecayCoarse;
    public ArrayView<double> PoolDecayFine;
    public ArrayView<int> EcaNodes;
    public double NernstScaleMv;
    public double CaoMm;

    // Synapses.
    public ArrayView<int> SynNode;
    public ArrayView<double> SynGmax;
    public ArrayView<int> SynKind;
    public ArrayView<double> SynE;
    public ArrayView<double> SynMg;
    public ArrayView<int> SynStateRow;
    public ArrayView<int> SynStride;
    public ArrayView<int> SynStates;
    public ArrayView<double> SynDecayCoarse;
    public ArrayView<double> SynDecayFine;
    public ArrayView<double> SynIncrement;

    // Per-trial state [row × trial].
    public ArrayView<double> V;
    public ArrayView<double> Cai;
    public ArrayView<double> Eca;
    public ArrayView<double> Gate;
    public ArrayView<double> Syn;
    public ArrayView<double> Tsyn;
    public ArrayView<double> Pv;

    // Per-trial scratch [node × trial]: ica and gca (pool nodes only), the diagonal and right-hand side.
    public ArrayView<double> Ica;
    public ArrayView<double> Gca;
    public ArrayView<double> D;
    public ArrayView<double> Rhs;

    // Per-trial clocks and flags [trial]: time in finest ticks, end of the refinement hold, soma voltage of the
    // previous coarse step (crossings), error bits (1: off the rate-table grid; 2: crossing buffer full).
    public ArrayView<long> Ticks;
    public ArrayView<long> RefineUntil;
    public ArrayView<double> PreviousSpikeV;
    public ArrayView<int> Errors;
    public ArrayView<long> RefinedSteps;

    // This window's input spikes, per trial a run [EventStart, EventStart + EventCount) of the flat arrays (time ms,
    // synapse instance index); EventUsed receives how many were delivered.
    public ArrayView<double> EventTime;
    public ArrayView<int> EventSyn;
    public ArrayView<int> EventStart;
    public ArrayView<int> EventCount;
    public ArrayView<int> EventUsed;

    // Recording: probe p samples quantity ProbeQuantity[p] (0 v, 1 cai, 2 eca) of node ProbeNode[p] at steps that
    // are multiples of ProbeEvery[p]; sample k goes to row ProbeRow[p] + k − ProbeFirstK[p] of Samples.
    public int Probes;
    public ArrayView<int> ProbeNode;
    public ArrayView<int> ProbeQuantity;
    public ArrayView<long> ProbeEvery;
    public ArrayView<int> ProbeRow;
    public ArrayView<long> ProbeFirstK;
    public ArrayView<double> Samples;

    // Crossings of SpikeThresholdMv at SpikeNode (−1: none), interpolated as the CPU engine's Run does; at most
    // CrossingCapacity per trial and window, [slot × trial].
    public int SpikeNode;
    public double SpikeThresholdMv;
    public int CrossingCapacity;
    public ArrayView<double> Crossings;
    public ArrayView<int> CrossingCount;
}
