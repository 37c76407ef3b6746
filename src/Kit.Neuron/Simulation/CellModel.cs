using System.Collections.Immutable;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>
/// Immutable description of a compartmental cell, ready to be simulated: the node tree, per-node passive
/// membrane, density mechanisms, calcium pools and synapse groups. Build one with a cell factory
/// (<see cref="Cells.HayL5pc"/>), tweak it with <c>with</c>, run it with <see cref="Simulation"/>.
/// All per-node arrays have length <see cref="CompartmentTree.Nodes"/> (0 on junction nodes).
/// </summary>
/// <param name="Name">Cell name.</param>
/// <param name="Tree">Node tree and coupling conductances.</param>
/// <param name="CmUfPerCm2">Specific capacitance per node (µF/cm²).</param>
/// <param name="GPasSPerCm2">Leak conductance per node (S/cm²).</param>
/// <param name="EPasMv">Leak reversal per node (mV).</param>
/// <param name="Channels">Density mechanisms.</param>
/// <param name="CalciumPools">Calcium pools (define where eca is dynamic).</param>
/// <param name="Synapses">Synapse groups.</param>
public sealed record CellModel(
    string Name,
    CompartmentTree Tree,
    ImmutableArray<double> CmUfPerCm2,
    ImmutableArray<double> GPasSPerCm2,
    ImmutableArray<double> EPasMv,
    ImmutableArray<ChannelGroup> Channels,
    ImmutableArray<CalciumPool> CalciumPools,
    ImmutableArray<SynapseGroup> Synapses
)
{
    /// <summary>Initial membrane potential of every node (mV), NEURON's <c>finitialize(v)</c>.</summary>
    public double VInitMv { get; init; } = MechanismConstants.L5pcVInitMv;

    /// <summary>Temperature (°C) of the Ca Nernst potential.</summary>
    public double Celsius { get; init; } = MechanismConstants.DefaultCelsius;

    /// <summary>Initial intracellular calcium (mM), NEURON's cai0.</summary>
    public double CaiInitMm { get; init; } = MechanismConstants.Cai0Mm;

    /// <summary>
    /// When true (NEURON, the dataset) an event at exactly t = 0 silences its synapse for the run
    /// (docs/l5pc/synapses.md, "Release rule").
    /// </summary>
    public bool ReproduceNeuronT0Quirk { get; init; } = true;

    /// <summary>Alpha-function synapses driven by activation times (none by default).</summary>
    public ImmutableArray<AlphaSynapseGroup> AlphaSynapses { get; init; } = [];

    /// <summary>Kinetic-scheme synapses driven by activation times (none by default).</summary>
    public ImmutableArray<KineticSynapseGroup> KineticSynapses { get; init; } = [];

    /// <summary>Node that the soma recordings and spike detection use (soma(0.5)).</summary>
    public int SomaNode { get; init; }

    /// <summary>Capacitance of each node (nF): cm·A·1e-5.</summary>
    public double CapacitanceNf(int node) => CmUfPerCm2[node] * Tree.AreaUm2[node] * 1e-5;

    /// <summary>Index of the synapse group named <paramref name="name"/>.</summary>
    public int SynapseGroupIndex(string name)
    {
        for (int i = 0; i < Synapses.Length; i++)
            if (Synapses[i].Name == name)
                return i;
        throw new KeyNotFoundException(
            $"cell {Name} has no synapse group '{name}' (groups: {string.Join(", ", Synapses.Select(s => s.Name))})"
        );
    }

    /// <summary>
    /// Checks that every event names a synapse of this cell and has a finite time (what every engine needs before it
    /// queues them); throws naming the first offending event.
    /// </summary>
    /// <exception cref="ArgumentException">An event's group or instance is out of range, or its time is not finite.</exception>
    public void CheckEvents(IEnumerable<SynapticEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Group < 0 || e.Group >= Synapses.Length)
                throw new ArgumentException(
                    $"event for synapse group {e.Group}: the cell has {Synapses.Length}"
                );
            if (e.Instance < 0 || e.Instance >= Synapses[e.Group].Count)
                throw new ArgumentException(
                    $"event for synapse {e.Instance} of group {Synapses[e.Group].Name} ({Synapses[e.Group].Count} synapses)"
                );
            if (!double.IsFinite(e.TimeMs))
                throw new ArgumentException($"event time {e.TimeMs} is not finite");
        }
    }

    /// <summary>Checks array lengths and node indices; throws naming the offending part.</summary>
    public void Validate()
    {
        int n = Tree.Nodes;
        Require(
            CmUfPerCm2.Length == n,
            $"CmUfPerCm2 has {CmUfPerCm2.Length} entries for {n} nodes"
        );
        Require(
            GPasSPerCm2.Length == n,
            $"GPasSPerCm2 has {GPasSPerCm2.Length} entries for {n} nodes"
        );
        Require(EPasMv.Length == n, $"EPasMv has {EPasMv.Length} entries for {n} nodes");
        Require(SomaNode >= 0 && SomaNode < n, $"SomaNode {SomaNode} outside 0..{n - 1}");
        foreach (var c in Channels)
        {
            Require(
                c.Nodes.Length == c.GbarSPerCm2.Length,
                $"{c.Label}: {c.Nodes.Length} nodes, {c.GbarSPerCm2.Length} gbar values"
            );
            CheckNodes(c.Label, c.Nodes);
            if (c.ReversalMv is null)
                foreach (int node in c.Nodes)
                    Require(
                        CalciumPools.Any(p => p.Nodes.Contains(node)),
                        $"{c.Label}: node {node} uses the dynamic eca but has no calcium pool"
                    );
        }
        foreach (var p in CalciumPools)
            CheckNodes(p.Label, p.Nodes);
        foreach (var s in Synapses)
        {
            Require(
                s.Nodes.Length == s.GMaxUs.Length,
                $"synapse group {s.Name}: {s.Nodes.Length} nodes, {s.GMaxUs.Length} gmax values"
            );
            CheckNodes($"synapse group {s.Name}", s.Nodes);
        }
        foreach (var s in AlphaSynapses)
            CheckPointNodes($"alpha synapse group {s.Name}", s.Nodes, s.GMaxUs.Length);
        foreach (var s in KineticSynapses)
            CheckPointNodes($"kinetic synapse group {s.Name}", s.Nodes, s.GMaxUs.Length);

        // Onset-driven synapses may sit on zero-area nodes (NEURON's x = 0 and x = 1): their current enters the node's
        // equation directly.
        void CheckPointNodes(string what, ImmutableArray<int> nodes, int gmaxCount)
        {
            Require(
                nodes.Length == gmaxCount,
                $"{what}: {nodes.Length} nodes, {gmaxCount} gmax values"
            );
            foreach (int node in nodes)
                Require(node >= 0 && node < n, $"{what}: node {node} outside 0..{n - 1}");
        }

        void CheckNodes(string what, ImmutableArray<int> nodes)
        {
            foreach (int node in nodes)
                Require(
                    node >= 0 && node < n && Tree.HasMembrane(node),
                    $"{what}: node {node} is not a membrane node"
                );
        }

        static void Require(bool ok, string message)
        {
            if (!ok)
                throw new ArgumentException($"invalid cell model: {message}");
        }
    }
}
