using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Cells;
using Kit.Neuron.Simulation;

namespace Kit.Figures.L5pcNetwork;

/// <summary>
/// Everything that decides a run of an L5PC network figure (the paper's figures 2 and 3, and what builds on them):
/// the data (the kit's own simulations of the Hay L5PC, or the paper's NeuronIO files at the <c>paper</c>
/// profile), the network, its training and its evaluation. Each figure derives a sealed record with its presets
/// (<c>Fig2Config</c>, <c>Fig3Config</c>); a notebook tweaks one with <c>with</c>:
/// <code>var cfg = Fig2Config.For("course") with { TrainSimulations = 256 };</code>
/// </summary>
/// <param name="Profile">Profile name the preset came from (smoke, course, paper).</param>
/// <param name="Synapses">Excitatory synapses of the cell: AMPA+NMDA (figure 2) or AMPA only (figure 3).</param>
/// <param name="TrainSimulations">Training simulations the kit makes (ignored when <see cref="NeuronIoFolder"/> is set).</param>
/// <param name="ValidSimulations">Validation simulations (best-by-validation weights; their own seed).</param>
/// <param name="TestSimulations">Test simulations (their own seed; the network never sees them in training).</param>
/// <param name="DurationMs">Length of every simulation (paper: 6000 ms).</param>
/// <param name="Seed">Training data is drawn from seed <c>Seed</c>, validation from <c>Seed + 1</c>, test from
/// <c>Seed + 2</c> (each simulation i from its own stream [seed, i]); also seeds initialisation and windows.</param>
/// <param name="Model">The network (its <c>Channels</c> is taken from the data: the cell's synapse count).</param>
/// <param name="Schedule">Training phases (rounds, Nadam learning rate, loss weights).</param>
/// <param name="StepsPerRound">Training steps per round (paper: 480); validation runs after every round.</param>
/// <param name="BatchSize">Windows per step (paper: 8).</param>
/// <param name="WindowMs">Training window (paper: 400 ms), ends uniform in [500 ms, duration).</param>
public abstract record L5pcNetworkConfig(
    string Profile,
    ExcitatorySynapseKind Synapses,
    int TrainSimulations,
    int ValidSimulations,
    int TestSimulations,
    int DurationMs,
    long Seed,
    CausalNetConfig Model,
    TrainingSchedule Schedule,
    int StepsPerRound,
    int BatchSize,
    int WindowMs = 400
) : IFigureConfig
{
    /// <summary>How the kit simulates the cell (default: the factory's <see cref="SimulationOptions.Refined"/>).</summary>
    public SimulationOptions Simulation { get; init; } = SimulationOptions.Refined;

    /// <summary>
    /// Use the built-in synthetic cell when the Hay reconstruction (cell1.asc) is absent. Smoke runs only: a course
    /// or paper run without the reconstruction stops and says where to put it.
    /// </summary>
    public bool AllowSyntheticCell { get; init; }

    /// <summary>
    /// The paper's released dataset (NeuronIO pickles) instead of the kit's simulations: a folder holding
    /// <c>train/</c>, <c>valid/</c> and <c>test/</c> subfolders of <c>.p</c> files (the authors' Kaggle datasets
    /// "single neurons as deep nets", NMDA and AMPA). Null: the kit simulates its own data.
    /// </summary>
    public string? NeuronIoFolder { get; init; }

    /// <summary>Simulations per part file of the kit's datasets (a part is the unit of caching, resuming and streaming).</summary>
    public int SimulationsPerPart { get; init; } = 8;

    /// <summary>Validation windows per evaluation (fixed for the whole run).</summary>
    public int ValidationWindows { get; init; } = 64;

    /// <summary>
    /// Start the spike head's bias at the logit of the training spike rate (about -6.6 for 8 spikes in 6 s) instead
    /// of the paper's -2, so a short run does not spend its first steps lowering every probability.
    /// </summary>
    public bool SpikeBiasFromRate { get; init; } = true;

    /// <summary>Most memory the training data may hold resident (bytes); the rest stays on disk.</summary>
    public long ResidentBytes { get; init; } = 2L << 30;

    /// <summary>Where the network runs: <c>cpu</c>, <c>cuda</c> or <c>auto</c> (CUDA when libtorch sees a GPU).</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Simulation threads; 0 = all cores.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// libtorch threads for training and evaluation (default 1). libtorch's multi-threaded CPU Conv1d returned NaN
    /// input gradients on this project's machines (3 of 30 backward passes with 2 threads, none with 1;
    /// docs/training-and-evaluation.md, "Convolutions on the CPU"); raise it only where that was checked.
    /// </summary>
    public int TorchThreads { get; init; } = 1;

    /// <summary>Window of the stitched predictions (ms); consecutive windows overlap by the network's history - 1.</summary>
    public int EvalWindowMs { get; init; } = 2000;

    /// <summary>Bins dropped at the start of every test simulation (paper: 500 ms).</summary>
    public int DropFirstMs { get; init; } = 500;

    /// <summary>Test simulations with more output spikes than this are left out (paper: 24).</summary>
    public int MaxOutputSpikes { get; init; } = 24;

    /// <summary>Bootstrap resamples of the test simulations for the 95 % intervals.</summary>
    public int Bootstrap { get; init; } = 200;

    /// <summary>
    /// Fractions of the training data for the data curve ("how far a laptop gets"): a network of the same
    /// architecture and schedule is trained on each leading fraction of the training simulations (1 = the main
    /// network, not trained twice). Empty: no curve.
    /// </summary>
    public double[] CurveFractions { get; init; } = [];

    /// <summary>Training steps in total.</summary>
    public long TotalSteps => (long)StepsPerRound * Schedule.TotalRounds;

    /// <summary>Simulated hours of training data (kit data; NeuronIO data counts what it holds).</summary>
    public double TrainSimulatedHours => TrainSimulations * DurationMs / 3.6e6;
}
