using Kit.Core;
using Kit.Learning.Models;
using Kit.Learning.Training;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;

namespace Kit.Figures.Fig5;

/// <summary>
/// Everything that decides a Figure 5 run: the Branco et al. (2010) basal branch (rc19 L2/3 cell, nine AMPA+NMDA
/// synapses on dend[13]; docs/l23-branch.md) driven by random Poisson input in short trials from rest, a network with one hidden layer of four
/// units trained on its soma voltage, and Branco's ordered sequences to test it on. Presets per profile; tweak
/// with <c>with</c>:
/// <code>var cfg = Fig5Config.For("course") with { Model = Fig5Config.FourUnits(historyMs: 150) };</code>
/// </summary>
/// <param name="Profile">Profile name the preset came from (smoke, course, paper).</param>
/// <param name="Data">Random input regime and simulator step.</param>
/// <param name="TrainSimulations">Training simulations (5 % of them held out for validation).</param>
/// <param name="TestSimulations">Test simulations (drawn from seed + 1).</param>
/// <param name="Seed">Dataset seed: training simulation i draws from RandomState([Seed, i]), test simulation i from
/// RandomState([Seed + 1, i]); also seeds initialisation, window sampling and the permuted orders (Seed + 2).</param>
/// <param name="Model">The network (the paper: one hidden layer of four units).</param>
/// <param name="Schedule">Training phases; each round takes one window from every training simulation. The passive
/// cell does not spike, so every phase trains the voltage alone (spike weight 0).</param>
/// <param name="PermutedSequences">Random activation orders (of 9! = 362,880) for panels E and F.</param>
/// <param name="PermutedIntervalMs">Interval between activations of the permuted sequences (the paper: 5 ms).</param>
/// <param name="InOutIntervalsMs">Intervals of the IN and OUT sequences (Branco's: 0 to 8 ms).</param>
/// <param name="WindowMs">Training window (ms), at most the simulation length; the presets take each whole 300 ms trial, so
/// every window starts from rest as Branco's sequences do.</param>
/// <param name="BatchSize">Windows per step.</param>
/// <param name="Threads">libtorch threads; 0 = <c>NEURONKIT_THREADS</c> or all cores.</param>
public sealed record Fig5Config(
    string Profile,
    BrancoDatasetConfig Data,
    int TrainSimulations,
    int TestSimulations,
    long Seed,
    CausalNetConfig Model,
    TrainingSchedule Schedule,
    int PermutedSequences,
    double PermutedIntervalMs = 5,
    double[]? InOutIntervalsMs = null,
    int WindowMs = 500,
    int BatchSize = 16,
    int Threads = 0
) : IFigureConfig<Fig5Config>
{
    /// <summary>Notebook and output folder: <c>notebooks/05-l23-branch.ipynb</c>, <c>figures/05-l23-branch/</c>.</summary>
    public static string FigureName => "05-l23-branch";

    /// <summary>
    /// Orders per value of the directionality index in the second sequence set of panels E and F
    /// (<see cref="Kit.Neuron.Simulation.BrancoSequences.OrdersByDirectionality"/>, seed <c>Seed + 3</c>): the 37
    /// values from OUT (−1) to IN (+1), each with up to this many distinct orders drawn uniformly among the orders of
    /// that value. Uniform permutations (<see cref="PermutedSequences"/>) crowd around index 0; this set spans it, and on
    /// it the index predicts the peak about as well as in the paper (r 0.84 against 0.86; docs/l23-branch.md, "Two
    /// sets of orders"). 0 leaves the set out.
    /// </summary>
    public int OrdersPerIndexValue { get; init; }

    /// <summary>
    /// Weight the voltage loss towards the depolarised bins (<see cref="TrainerConfig.VoltageWeightScaleMv"/> at the
    /// training set's RMS depolarisation, <see cref="Fig5Experiment.DepolarisationScaleMv"/>): each bin's squared error
    /// counts 1 + (y / RMS)² times, y its depolarisation. On in every preset: the peaks of Branco's sequences sit in
    /// the NMDA regime that the plain MSE, dominated by the quieter bins, fits least (docs/l23-branch.md, "Weighting
    /// the depolarised bins"). False trains on the plain MSE.
    /// </summary>
    public bool WeightDepolarisedBins { get; init; } = true;

    /// <summary>
    /// Weight of the slope term of the voltage loss (<see cref="TrainerConfig.VoltageSlopeWeight"/>): the squared error
    /// of the voltage's change from one 1 ms bin to the next, times this, added to the (weighted) MSE. 30 in every
    /// preset: the network then ranks Branco's sequences better on every initial weight tried, on both sets of orders
    /// (docs/l23-branch.md, "Matching the slope"). 0 trains without it.
    /// </summary>
    public double VoltageSlopeWeight { get; init; } = 30;

    /// <summary>Branco's intervals, 0 … 8 ms.</summary>
    public static double[] BrancoIntervalsMs { get; } = [0, 1, 2, 3, 4, 5, 6, 7, 8];

    /// <summary>The IN/OUT intervals in use (<see cref="InOutIntervalsMs"/> or Branco's).</summary>
    public double[] Intervals => InOutIntervalsMs ?? BrancoIntervalsMs;

    /// <summary>
    /// One hidden layer of four ReLU units over the nine synapses with a <paramref name="historyMs"/> kernel, no
    /// BatchNorm (so each unit's filter reads directly as its weights), a voltage head; the spike head is unused.
    /// </summary>
    public static CausalNetConfig FourUnits(int historyMs = 100) =>
        new(9, [historyMs], [4], false, Activation.ReLU, 0.05, 0.1, 0.001, -6, 0.3);

    /// <summary>Voltage-only phases: <paramref name="rounds"/> at <paramref name="learningRate"/> then a tenth of both.</summary>
    public static TrainingSchedule VoltageOnly(int rounds, double learningRate) =>
        new([
            new Phase(rounds, learningRate, 0, 1),
            new Phase(Math.Max(1, rounds / 10), learningRate / 10, 0, 1),
        ]);

    /// <summary>
    /// A large run for a workstation: 16384 + 1024 trials of 300 ms from rest (1.4 simulated hours), 1000 permuted
    /// sequences and 100 orders per directionality-index value (3,188 orders). Our specification does not give the
    /// paper's figure-5 data size.
    /// </summary>
    public static Fig5Config Paper { get; } =
        new(
            Profiles.Paper,
            new BrancoDatasetConfig(BrancoRandomInputConfig.RestingTrials),
            16384,
            1024,
            2010,
            FourUnits(),
            VoltageOnly(40, 3e-3),
            1000,
            WindowMs: 300
        )
        {
            OrdersPerIndexValue = 100,
        };

    /// <summary>
    /// A laptop run (the default): 4096 + 256 trials of 300 ms from rest, 300 permuted sequences, 27 orders per
    /// directionality-index value (909 orders).
    /// </summary>
    public static Fig5Config Course { get; } =
        Paper with
        {
            Profile = Profiles.Course,
            TrainSimulations = 4096,
            TestSimulations = 256,
            PermutedSequences = 300,
            OrdersPerIndexValue = 27,
        };

    /// <summary>
    /// A CI run: 256 + 32 trials of 300 ms from rest, 40 permuted sequences, one order per directionality-index value
    /// (37), a short training.
    /// </summary>
    public static Fig5Config Smoke { get; } =
        Paper with
        {
            Profile = Profiles.Smoke,
            TrainSimulations = 256,
            TestSimulations = 32,
            Schedule = VoltageOnly(30, 1e-2),
            PermutedSequences = 40,
            OrdersPerIndexValue = 1,
        };

    /// <summary>
    /// The comparison of docs/l23-branch.md, "Why the trials start from rest": the same network and seed trained on
    /// ongoing input instead, <see cref="BrancoRandomInputConfig.Paper"/>'s 2 s simulations (1 s at smoke) at 0-15
    /// spikes per 100 ms, an eighth as many simulations (at least 48 + 8; about the same simulated time), random 500 ms
    /// windows, and the schedule the kit used for that regime.
    /// </summary>
    public Fig5Config WithOngoingInput() =>
        this with
        {
            Data = Data with
            {
                Input = BrancoRandomInputConfig.Paper with
                {
                    DurationMs = Profile == Profiles.Smoke ? 1000 : 2000,
                },
            },
            TrainSimulations = Math.Max(48, TrainSimulations / 8),
            TestSimulations = Math.Max(8, TestSimulations / 8),
            WindowMs = 500,
            Schedule = Profile == Profiles.Smoke ? VoltageOnly(60, 1e-2) : VoltageOnly(200, 3e-3),
        };

    /// <summary>The preset of a profile.</summary>
    public static Fig5Config For(string profile) => Profiles.Select(profile, Smoke, Course, Paper);
}
