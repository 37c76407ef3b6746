using System.Security.Cryptography;
using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Data;

/// <summary>
/// The L5PC dataset factory (<c>kit simulate l5pc</c>): simulates the Hay L5PC under the paper's random input and
/// writes the kit's dataset format (docs/dataset-format.md) in part files <c>part-NNNNN.npz</c> of
/// <see cref="L5pcDatasetConfig.SimulationsPerPart"/> simulations beside a <c>manifest.json</c>.
/// </summary>
/// <remarks>
/// <para>Resumable: each part is written atomically once all its simulations are done, so a killed run leaves only
/// complete parts (plus at most stray <c>.part-*.tmp</c> files); a restart verifies the parts present (a corrupt one
/// is an error naming it) and simulates only the missing ones. A run with nothing missing writes nothing.</para>
/// <para>Deterministic: simulation i draws its input from its own stream [seed, i], lane groups are fixed by the
/// config, and zip members carry a fixed timestamp, so a part file is the same bytes whatever the thread count, the
/// sharding or the number of restarts.</para>
/// <para>Partial files by what they hold: this one builds the cell; <c>.Manifest.cs</c> the config, metadata and
/// manifest; <c>.ShardRunner.cs</c> <see cref="Run"/>; <c>.Simulation.cs</c> <see cref="SimulateLaneGroup"/>.</para>
/// </remarks>
public sealed partial class L5pcDatasetFactory
{
    /// <summary>The <c>generator</c> recorded in every part.</summary>
    public const string Generator = "hay-l5pc/beniaguev2021";

    /// <summary>How the inputs relate to the paper's (recorded in the config).</summary>
    public const string InputsNote =
        "inputs are statistically the paper's generator, one stream per simulation, not NumPy's bit stream";

    /// <summary>Sampling of the soma trace the output spikes are detected on (ms).</summary>
    public const double SpikeTraceDtMs = 0.125;

    private readonly L5pcInputGenerator generator;
    private readonly ITrialBatchEngine? engine;
    private readonly RecordingPlan plan;
    private readonly int excitatoryGroup,
        inhibitoryGroup;

    /// <summary>Loads the morphology, hashes it and builds the cell (once; engines are created per lane group).</summary>
    /// <param name="config">What to make.</param>
    /// <param name="morphologyPathOrName">The reconstruction: a <c>.asc</c>/<c>.swc</c> path or a catalog name (<c>Hay2011</c>).</param>
    /// <exception cref="FileNotFoundException">The morphology file is absent (the message names it).</exception>
    /// <param name="engine">
    /// The engine for <see cref="L5pcDatasetConfig.Engine"/> other than <see cref="SimulationEngine.Cpu"/> (the GPU
    /// engine of Kit.Neuron.Gpu, e.g. <c>GpuTrialBatchEngine</c>); null for the CPU engine.
    /// </param>
    /// <exception cref="ArgumentException">A config field is out of range, or the engine does not match the config's.</exception>
    public L5pcDatasetFactory(
        L5pcDatasetConfig config,
        string morphologyPathOrName,
        ITrialBatchEngine? engine = null
    )
    {
        config.Validate();
        if (config.Engine == SimulationEngine.Cpu && engine != null)
            throw new ArgumentException(
                $"the config's engine is cpu but a {SimulationEngines.Name(engine.Engine)} engine was given"
            );
        if (config.Engine != SimulationEngine.Cpu && engine?.Engine != config.Engine)
            throw new ArgumentException(
                $"engine {SimulationEngines.Name(config.Engine)} needs its batch engine (Kit.Neuron.Gpu's "
                    + "GpuTrialBatchEngine); "
                    + (
                        engine == null
                            ? "none was given"
                            : $"a {SimulationEngines.Name(engine.Engine)} one was given"
                    )
            );
        Config = config;
        this.engine = engine;
        var path = MorphologyCatalog.IsCatalogName(morphologyPathOrName)
            ? MorphologyCatalog.Resolve(morphologyPathOrName)
            : Path.GetFullPath(morphologyPathOrName);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"morphology file '{path}' not found (give the reconstruction, e.g. cell1.asc of Hay et al. 2011, "
                    + "with --morphology)",
                path
            );
        MorphologyPath = path;
        MorphologySha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        Cell = new HayL5pc(
            global::Kit.Neuron.Morphology.Morphology.Load(path),
            Mechanisms.L5pcBiophysics.Biophys5b,
            config.Synapses
        ).Build();
        generator = L5pcInputGenerator.ForCell(config.InputConfig, Cell.Tree.Discretization);
        plan = HayL5pcRecording.Plan(Cell);
        excitatoryGroup = Cell.SynapseGroupIndex(HayL5pc.ExcitatoryGroup);
        inhibitoryGroup = Cell.SynapseGroupIndex(HayL5pc.InhibitoryGroup);
    }

    /// <summary>What is made.</summary>
    public L5pcDatasetConfig Config { get; }

    /// <summary>Full path of the morphology file.</summary>
    public string MorphologyPath { get; }

    /// <summary>SHA-256 (lower-case hex) of the morphology file.</summary>
    public string MorphologySha256 { get; }

    /// <summary>The simulated cell.</summary>
    public CellModel Cell { get; }

    /// <summary>Input channels: 2 × dataset segments (1278 for cell1).</summary>
    public int Channels => 2 * generator.Segments;
}
