using Kit.Neuron.Data;
using Kit.Neuron.Morphology;
using Kit.Neuron.Random;

namespace Kit.Neuron.Inputs;

/// <summary>
/// Draws the inputs of one out-of-distribution protocol (<see cref="OodProtocol"/>; docs/l5pc/inputs-and-outputs.md,
/// "Out-of-distribution protocols"): the ordinary L5PC random input (<see cref="L5pcInputGenerator"/>) on a random
/// subset of the segment clusters, optionally modulated by a common sinusoid and without inhibition.
/// </summary>
/// <remarks>
/// Seeding as the ordinary generator: simulation i of seed s draws everything from its own stream
/// <see cref="IntegrateAndFireDataset.SimulationStream"/>([s, i]), so a set of inputs does not depend on threads,
/// order or sharding. Draw order: the cluster count (randint), the clusters (partial Fisher–Yates, one randint each),
/// two uniforms for the sinusoid's period and phase (drawn under every protocol), then the ordinary generator's
/// draws. Hence the four conditions are paired: simulation i of seed s stimulates the same clusters with the same
/// K, σ, coarse rates and excitatory uniforms under each of them; without the sinusoid they differ only in whether
/// the inhibitory spikes are there.
/// </remarks>
public sealed class OodInputGenerator
{
    private readonly L5pcInputGenerator ordinary;
    private readonly double[] adjustedLengthUm;

    /// <summary>Prepares the generator.</summary>
    /// <param name="config">The ordinary input protocol the clustered one restricts (rates, K, σ, duration).</param>
    /// <param name="segmentLengthsUm">Length ℓ (µm) of each dendritic segment, in dataset order.</param>
    /// <param name="isBasal">Per segment: true = basal tree.</param>
    /// <param name="clusters">The segments' clusters (one entry per segment).</param>
    /// <param name="protocol">The out-of-distribution protocol.</param>
    /// <exception cref="ArgumentException">A field of <paramref name="protocol"/> or <paramref name="clusters"/> is out of range (the message names it), or the shapes disagree.</exception>
    public OodInputGenerator(
        L5pcInputConfig config,
        IReadOnlyList<double> segmentLengthsUm,
        IReadOnlyList<bool> isBasal,
        SegmentClusters clusters,
        OodProtocol protocol
    )
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(protocol);
        protocol.Validate();
        clusters.Validate();
        ordinary = new L5pcInputGenerator(config, segmentLengthsUm, isBasal);
        if (clusters.Segments != ordinary.Segments)
            throw new ArgumentException(
                $"clusters cover {clusters.Segments} segments, the cell has {ordinary.Segments}",
                nameof(clusters)
            );
        MaxClusters = protocol.MaxClusters(clusters.Clusters);
        Clusters = clusters;
        Protocol = protocol;
        adjustedLengthUm = [.. segmentLengthsUm.Select(l => l + config.MinSegmentLengthUm)];
    }

    /// <summary>A generator for the dataset segments of a discretized cell.</summary>
    public static OodInputGenerator ForCell(
        L5pcInputConfig config,
        Discretization cell,
        SegmentClusters clusters,
        OodProtocol protocol
    )
    {
        var segs = cell.DatasetSegments;
        return new OodInputGenerator(
            config,
            [.. segs.Select(s => s.LengthUm)],
            [.. segs.Select(s => s.Type == SectionType.Basal)],
            clusters,
            protocol
        );
    }

    /// <summary>The ordinary protocol restricted here.</summary>
    public L5pcInputConfig Config => ordinary.Config;

    /// <summary>The out-of-distribution protocol.</summary>
    public OodProtocol Protocol { get; }

    /// <summary>The segments' clusters.</summary>
    public SegmentClusters Clusters { get; }

    /// <summary>Largest number of clusters one simulation stimulates, ⌊<see cref="OodProtocol.MaxClusterFraction"/>·K⌋.</summary>
    public int MaxClusters { get; }

    /// <summary>Number of dendritic segments N.</summary>
    public int Segments => ordinary.Segments;

    /// <summary>Simulation <paramref name="simulationIndex"/> of seed <paramref name="seed"/>, from its own stream [seed, index].</summary>
    public OodInput Generate(long seed, int simulationIndex) =>
        Generate(IntegrateAndFireDataset.SimulationStream(seed, simulationIndex));

    /// <summary>Draws one input from <paramref name="rng"/> (advancing it) in the order of the class remarks.</summary>
    public OodInput Generate(NumpyRandomState rng)
    {
        int k = Clusters.Clusters;
        int count = 1 + rng.RandInt(MaxClusters);
        var order = Enumerable.Range(0, k).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = i + rng.RandInt(k - i);
            (order[i], order[j]) = (order[j], order[i]);
        }
        int[] chosen = [.. order.Take(count).Order()];
        double periodDraw = rng.RandomSample();
        double phaseDraw = rng.RandomSample();

        var stimulated = Clusters.Mask(chosen);
        var gain = new double[Segments];
        double all = 0,
            chosenLength = 0;
        for (int j = 0; j < Segments; j++)
        {
            all += adjustedLengthUm[j];
            if (stimulated[j])
                chosenLength += adjustedLengthUm[j];
        }
        // A chosen cluster always holds a segment (clusters come from the assignment), so chosenLength > 0 unless a
        // cluster label is unused; then the scale falls back to 1 rather than dividing by zero.
        double scale = Protocol.PreserveTotalRate && chosenLength > 0 ? all / chosenLength : 1.0;
        for (int j = 0; j < Segments; j++)
            gain[j] = stimulated[j] ? scale : 0.0;

        double? periodMs = null,
            phaseRad = null;
        double[]? timeGain = null;
        if (Protocol.Sinusoid is { } sine)
        {
            periodMs = sine.MinPeriodMs + (sine.MaxPeriodMs - sine.MinPeriodMs) * periodDraw;
            phaseRad = 2 * Math.PI * phaseDraw;
            timeGain = sine.Gain(Config.DurationMs, periodMs.Value, phaseRad.Value);
        }

        var parameters = ordinary.DrawParameters(rng);
        var input = ordinary.Sample(parameters, rng, gain, timeGain, Protocol.Inhibition);
        return new OodInput(input, Protocol, chosen, stimulated, periodMs, phaseRad);
    }
}
