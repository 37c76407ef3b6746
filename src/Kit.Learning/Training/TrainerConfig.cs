namespace Kit.Learning.Training;

/// <summary>How <c>Trainer.Fit</c> trains.</summary>
/// <param name="Schedule">Phases of learning rate and loss weights.</param>
/// <param name="Target">Voltage target transform (a null offset is resolved to the training mean).</param>
/// <param name="WindowMs">Training window length (ms).</param>
/// <param name="BatchSize">Windows per step.</param>
/// <param name="Sampling">Window sampling scheme.</param>
/// <param name="StepsPerRound">Steps per round; null = one pass over the round's windows (OnePerSimulation only).</param>
/// <param name="MinWindowEndMs">Earliest window end in UniformEnds mode (ms).</param>
/// <param name="ValidationFraction">Fraction of training simulations held out when no validation set is given.</param>
/// <param name="ValidationWindows">Validation windows per evaluation; 0 = one per validation simulation.</param>
/// <param name="Seed">Seed of window sampling (the model's init seed is given to <c>CausalNet.Build</c>).</param>
/// <param name="Threads">libtorch threads; 0 = <see cref="TorchSetup.DefaultThreads"/>.</param>
/// <param name="CheckpointDirectory">Where checkpoints go; null = no checkpoints and no resume.</param>
/// <param name="CheckpointEverySteps">Checkpoint period in steps (also at every cancellation and at the end).</param>
/// <param name="ResidentBytes">
/// Most bytes of simulations the trainer holds at once (measured with <c>InMemorySource.ResidentBytes</c>): the
/// validation set plus the training working set (plus the next one while it is prefetched). When the training data do
/// not fit, training runs on working sets of whole blocks drawn in a seeded order. Default 2 GiB.
/// </param>
/// <param name="WorkingSetRounds">Rounds trained on one working set before the next is loaded (fit_CNN.py: a few files per epoch, i.e. 1).</param>
/// <param name="ValidationShare">Fraction of <paramref name="ResidentBytes"/> the validation set may take (at least one block is always taken).</param>
/// <param name="PrefetchWorkingSet">Load the next working set on a background thread while training; each working set then gets half the training budget.</param>
/// <param name="Device">
/// Where the model and batches live (<c>cpu</c>, <c>cuda</c>, <c>auto</c>; resolved when the fit starts; batches are
/// built on the CPU and moved); null = the CPU.
/// </param>
public sealed record TrainerConfig(
    TrainingSchedule Schedule,
    TargetTransform Target,
    int WindowMs,
    int BatchSize,
    WindowSampling Sampling,
    int? StepsPerRound = null,
    int MinWindowEndMs = 500,
    double ValidationFraction = 0.05,
    int ValidationWindows = 0,
    long Seed = 1,
    int Threads = 0,
    string? CheckpointDirectory = null,
    int CheckpointEverySteps = 500,
    long ResidentBytes = TrainerConfig.DefaultResidentBytes,
    int WorkingSetRounds = 1,
    double ValidationShare = 0.25,
    bool PrefetchWorkingSet = false,
    DeviceSetting? Device = null
)
{
    /// <summary>
    /// Depolarisation weighting of the voltage loss: each bin's squared error is weighted by 1 + (y / scale)², y the
    /// voltage target (mV above the target's offset), so the loss is the MSE plus the MSE weighted by the squared
    /// depolarisation in units of this scale (mV). Null (the default): the plain MSE. Figure 5 weights by its training
    /// set's RMS depolarisation, which brings the network's ranking of Branco's sequences closer to the cell's
    /// (docs/l23-branch.md, "Weighting the depolarised bins"). Must be positive and finite when set.
    /// </summary>
    public double? VoltageWeightScaleMv { get; init; }

    /// <summary>
    /// Slope matching of the voltage loss (a first-order Sobolev term): adds this weight x the mean squared error of the
    /// voltage's change from one 1 ms bin to the next, mean((Δŷ − Δy)²) in (mV per bin)², to the voltage loss before the
    /// phase's voltage weight. It asks the network for the target's rises and decays, not only its values; figure 5
    /// uses 30, which ranks Branco's sequences better on every initial weight tried (docs/l23-branch.md, "Matching the
    /// slope"). Null (the default): no slope term. Must be non-negative and finite when set.
    /// </summary>
    public double? VoltageSlopeWeight { get; init; }

    /// <summary>
    /// Target of the network's dendritic head (<c>CausalNetConfig.DendriticHeads</c> = 1): the recorded dendritic
    /// voltage of every simulation (the L5PC datasets' nexus, apic[50](0.9); NeuronIO's <c>nexusVoltageLowRes</c>) through
    /// this transform, in the loss with each phase's <see cref="Phase.DendWeight"/> x its MSE (mV²). Null (the default):
    /// no dendritic target, and a network with a dendritic head is refused, since nothing would train that head. The
    /// paper's head predicts 20-30 whitened PCA components of all 639 segments' voltages; the kit's datasets record the
    /// soma and the nexus, so the kit's head is the nexus (<see cref="TargetTransform.L5pcNexus"/>).
    /// </summary>
    public TargetTransform? DendriticTarget { get; init; }

    /// <summary>Default <see cref="ResidentBytes"/>: 2 GiB.</summary>
    public const long DefaultResidentBytes = 2L << 30;

    /// <summary>
    /// The recipe for an integrate-and-fire neuron (the paper's figure 1; docs/training-and-evaluation.md,
    /// "Figure 1: integrate-and-fire"): <paramref name="rounds"/> constant-rate rounds, voltage clipped just below the -55 mV
    /// threshold, 500 ms windows, batch 16, one window per simulation per round.
    /// </summary>
    public static TrainerConfig IntegrateAndFire(int rounds = 100) =>
        new(
            TrainingSchedule.Constant(rounds),
            TargetTransform.IntegrateAndFire,
            500,
            16,
            WindowSampling.OnePerSimulation
        );

    /// <summary>
    /// L5PC (docs/training-and-evaluation.md, "Figures 2-4: the L5PC networks"): 400 ms windows, batch 8, ends uniform in [500, T), the five-phase schedule scaled
    /// by <paramref name="scale"/> and <paramref name="stepsPerRound"/> steps per round (paper: 480).
    /// </summary>
    public static TrainerConfig L5pc(double scale = 1.0, int stepsPerRound = 480) =>
        new(
            TrainingSchedule.L5pc(scale),
            TargetTransform.L5pc,
            400,
            8,
            WindowSampling.UniformEnds,
            StepsPerRound: stepsPerRound
        );
}
