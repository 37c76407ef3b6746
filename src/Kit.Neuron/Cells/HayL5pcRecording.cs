using System.Collections.Immutable;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Cells;

/// <summary>
/// The dataset script's recordings of the Hay L5PC (docs/l5pc/inputs-and-outputs.md, "Running a simulation",
/// "Resampling of outputs") as a <see cref="RecordingPlan"/>: soma and nexus on the 0.125 ms and 1 ms grids, optionally
/// every dataset segment on the 1 ms grid; plus −20 mV crossings at the soma (the protocol references' spike rule; the
/// dataset rule is applied afterwards to the 0.125 ms soma trace with <see cref="SpikeRules.DatasetLocalMaxima"/>).
/// </summary>
public static class HayL5pcRecording
{
    /// <summary>Probe name of the 0.125 ms soma trace.</summary>
    public const string SomaHighRes = "soma_0.125ms";

    /// <summary>Probe name of the 1 ms soma trace.</summary>
    public const string SomaLowRes = "soma_1ms";

    /// <summary>Probe name of the 0.125 ms nexus trace.</summary>
    public const string NexusHighRes = "nexus_0.125ms";

    /// <summary>Probe name of the 1 ms nexus trace.</summary>
    public const string NexusLowRes = "nexus_1ms";

    /// <summary>Probe name of dataset segment <paramref name="k"/> on the 1 ms grid.</summary>
    public static string Segment(int k) => $"segment_{k}_1ms";

    /// <summary>The recording plan for <paramref name="cell"/> (built by <see cref="HayL5pc.Build"/>).</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="allSegments">Also record every dataset segment at 1 ms (639 probes for cell1).</param>
    public static RecordingPlan Plan(CellModel cell, bool allSegments = false)
    {
        var tree = cell.Tree;
        int nexus = tree.NodeAt(HayL5pc.NexusSite.Section, HayL5pc.NexusSite.X);
        var probes = ImmutableArray.CreateBuilder<Probe>();
        probes.Add(new Probe(SomaHighRes, cell.SomaNode, 0.125));
        probes.Add(new Probe(SomaLowRes, cell.SomaNode, 1));
        probes.Add(new Probe(NexusHighRes, nexus, 0.125));
        probes.Add(new Probe(NexusLowRes, nexus, 1));
        if (allSegments)
        {
            var segs = tree.Discretization.DatasetSegments;
            for (int k = 0; k < segs.Length; k++)
                probes.Add(new Probe(Segment(k), tree.NodeAt(segs[k].SectionIndex, segs[k].X), 1));
        }
        return new RecordingPlan(probes.ToImmutable(), cell.SomaNode);
    }
}
