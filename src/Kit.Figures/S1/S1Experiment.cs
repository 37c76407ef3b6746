using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;
using Kit.Neuron.Mechanisms;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Figures.S1;

/// <summary>
/// Supplementary figure S1 as steps a notebook wires together: build the cell, run the current step, BAC firing
/// and the paper's random input, read NEURON's runs of the same protocols, and collect the metrics. Each step
/// takes seconds (the random input a few per simulated second), so nothing here is cached.
/// </summary>
public static class S1Experiment
{
    /// <summary>
    /// The Hay 2011 reconstruction (<c>data/morphologies/cell1.asc</c>, else the reference folder's copy), or the
    /// kit's synthetic L5PC-like cell when it is absent, built without and with synapses (Hay et al. 2011's variant 5b; docs/l5pc/passive-and-regions.md).
    /// </summary>
    /// <param name="config">The run.</param>
    /// <param name="root">Repository root (default: <see cref="KitPaths.Root"/>).</param>
    public static S1Cells Cells(S1Config config, string? root = null) =>
        Cells(config, NotebookMorphology.Hay2011OrSynthetic(root ?? KitPaths.Root()));

    /// <summary>The cells of <paramref name="morph"/>, without and with synapses (Hay et al. 2011's variant 5b; docs/l5pc/passive-and-regions.md).</summary>
    public static S1Cells Cells(S1Config config, NotebookMorphology morph)
    {
        var bare = new HayL5pc(morph.Morphology, L5pcBiophysics.Biophys5b)
        {
            WithSynapses = false,
        }.Build();
        var withSynapses = new HayL5pc(
            morph.Morphology,
            L5pcBiophysics.Biophys5b,
            config.Synapses
        ).Build();
        return new S1Cells(morph, bare, withSynapses);
    }

    /// <summary>Where NEURON's protocol runs live inside the shared reference folder.</summary>
    public const string ReferenceFolder = "reference/neuron/protocols";

    /// <summary>
    /// NEURON's runs from the shared reference folder beside <paramref name="root"/> (<see cref="KitPaths.Shared"/>,
    /// <see cref="ReferenceFolder"/>) when they apply; see <see cref="Reference(S1Config, S1Cells, string?)"/>.
    /// </summary>
    public static S1Reference ReferenceBeside(
        S1Config config,
        S1Cells cells,
        string? root = null
    ) =>
        Reference(
            config,
            cells,
            KitPaths.Shared(root) is { } shared ? Path.Combine(shared, ReferenceFolder) : null
        );

    /// <summary>
    /// NEURON's runs at <see cref="S1Config.ReferenceMethod"/> from <paramref name="referenceDirectory"/>, when
    /// they apply: the Hay 2011 cell, the Hay 2011 protocols and the folder present; otherwise none, saying why.
    /// </summary>
    /// <param name="config">The run.</param>
    /// <param name="cells">The cells of the run.</param>
    /// <param name="referenceDirectory">The folder holding the protocol files, or null when there is none.</param>
    /// <exception cref="InvalidDataException">A reference file is malformed (names the file and field).</exception>
    public static S1Reference Reference(S1Config config, S1Cells cells, string? referenceDirectory)
    {
        if (!cells.IsHay2011)
            return S1Reference.None("no NEURON reference traces for this cell: comparison skipped");
        if (!config.ProtocolsMatchReference)
            return S1Reference.None(
                "the protocols differ from the Hay 2011 ones NEURON ran: comparison skipped"
            );
        if (referenceDirectory == null || !Directory.Exists(referenceDirectory))
            return S1Reference.None(
                $"NEURON's protocol runs ({ReferenceFolder} in the shared reference folder, {KitPaths.SharedVariable}) "
                    + "are not beside the repository: comparison skipped"
            );
        var label = config.ReferenceMethod;
        var step = NeuronProtocolReference
            .Load(Path.Combine(referenceDirectory, "b_current_step.json"))
            .FirstOrDefault(r => r.Name == label);
        var bac = NeuronProtocolReference
            .Load(Path.Combine(referenceDirectory, "d_bac_firing.json"))
            .Where(r => r.Name.EndsWith($", {label}", StringComparison.Ordinal))
            .ToDictionary(r => r.Name[..^(label.Length + 2)]);
        return new S1Reference(step, bac, $"NEURON reference ({label}): {referenceDirectory}");
    }

    /// <summary>The current step on the cell without synapses.</summary>
    public static ProtocolRun CurrentStep(S1Config config, S1Cells cells) =>
        L5pcProtocols.CurrentStep(cells.Bare, config.CurrentStep);

    /// <summary>BAC firing on the cell without synapses: pulse only, EPSC only, both.</summary>
    public static IReadOnlyList<ProtocolRun> BacFiring(S1Config config, S1Cells cells) =>
        L5pcProtocols.BacFiring(cells.Bare, config.Bac);

    /// <summary>
    /// The paper's random input (stream <c>[Seed, 0]</c>) for <see cref="S1Config.RandomInputMs"/> and the soma and
    /// nexus voltage it drives, sampled every 0.125 ms.
    /// </summary>
    public static (L5pcInput Input, ProtocolRun Run) RandomInput(
        S1Config config,
        S1Cells cells,
        IProgressSink? progress = null
    )
    {
        var cell = cells.WithSynapses;
        var input = L5pcInputGenerator
            .ForCell(
                config.Input with
                {
                    DurationMs = config.RandomInputMs,
                },
                cell.Tree.Discretization
            )
            .Generate(config.Seed, 0);
        using var reporter = new ProgressReporter(
            "random input (ms)",
            config.RandomInputMs,
            progress
        );
        var run = L5pcProtocols.RandomInput(
            cell,
            input.SpikeChannels,
            input.SpikeTimesMs,
            config.RandomInputMs,
            progress: reporter
        );
        return (input, run);
    }

    /// <summary>The metrics.json record of a run.</summary>
    public static S1Metrics Metrics(
        S1Config config,
        S1Cells cells,
        ProtocolRun step,
        IReadOnlyList<ProtocolRun> bac,
        ProtocolRun random,
        S1Reference reference
    )
    {
        var stepRef = reference.CurrentStep;
        double? maxError =
            stepRef != null && stepRef.SomaSpikeTimesMs.Length == step.SomaSpikeTimesMs.Length
                ? step
                    .SomaSpikeTimesMs.Zip(stepRef.SomaSpikeTimesMs, (a, b) => Math.Abs(a - b))
                    .DefaultIfEmpty(0)
                    .Max()
                : null;
        return new S1Metrics(
            config.Profile,
            cells.Morphology.Name,
            step.SomaSpikeTimesMs.Length,
            stepRef?.SomaSpikeTimesMs.Length,
            maxError,
            [.. bac.Select(b => b.SomaSpikeTimesMs.Length)],
            config.RandomInputMs,
            random.SomaSpikeTimesMs.Length
        );
    }
}
