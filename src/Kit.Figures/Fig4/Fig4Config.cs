using Kit.Core;
using Kit.Figures.Fig2;
using Kit.Figures.Fig3;
using Kit.Figures.L5pcNetwork;
using Kit.Neuron.Cells;

namespace Kit.Figures.Fig4;

/// <summary>
/// Figure 4 of the paper: how deep a network the L5PC needs, with and without NMDA. A sweep over depth, width and
/// history per synapse type, every network trained and evaluated exactly as figure 2 (AMPA+NMDA) or figure 3 (AMPA
/// only) trains and evaluates its own, on the same data (the same cache entries: the sweep simulates nothing those
/// figures have made; at course the test sets are larger, <see cref="CourseTestSimulations"/>). Presets per profile; tweak with <c>with</c>:
/// <code>var cfg = Fig4Config.For("course") with { AucThreshold = 0.95 };</code>
/// </summary>
/// <param name="Profile">Profile name the preset came from (smoke, course, paper).</param>
/// <param name="Nmda">Figure 2's config at this profile: data, training and evaluation of every NMDA point (its
/// <c>Model</c> is replaced by each point's network).</param>
/// <param name="Ampa">Figure 3's config at this profile, likewise for the AMPA points.</param>
/// <param name="NmdaGrid">The NMDA networks, in the order shards are dealt (<see cref="SweepShard"/>).</param>
/// <param name="AmpaGrid">The AMPA networks.</param>
/// <param name="AucThreshold">A network "passes" with a test AUC at least this (paper: 0.991); the minimal passing
/// network is the passing one with the fewest layers (then the fewest parameters).</param>
public sealed record Fig4Config(
    string Profile,
    Fig2Config Nmda,
    Fig3Config Ampa,
    SweepPoint[] NmdaGrid,
    SweepPoint[] AmpaGrid,
    double AucThreshold
) : IFigureConfig<Fig4Config>
{
    /// <summary>
    /// Depth gain: networks of at least this many layers count as deep (the issue: depth ≥ 3), against one-layer
    /// networks.
    /// </summary>
    public int DeepFromDepth { get; init; } = 3;

    /// <summary>Depth gain: a deep and a one-layer network are compared only within this factor of each other's
    /// parameter count.</summary>
    public double ParameterFactor { get; init; } = 2;

    /// <summary>
    /// The thresholds at which the minimal passing depth is also reported (<c>minimal_passing_depth_by_threshold</c>),
    /// so a reader sees how the answer depends on the threshold rather than one threshold's answer alone.
    /// </summary>
    public double[] ThresholdLadder { get; init; } = [0.95, 0.96, 0.97, 0.98, 0.99];

    /// <summary>
    /// Cores for the sweep: trainings run side by side, as many at once as this holds the base configs'
    /// <c>TorchThreads</c> (each training is deterministic on its own). 0 = NEURONKIT_THREADS or every core.
    /// </summary>
    public int Threads { get; init; }

    /// <summary>Notebook and output folder: <c>notebooks/04-complexity.ipynb</c>, <c>figures/04-complexity/</c>.</summary>
    public static string FigureName => "04-complexity";

    /// <summary>The base config of a synapse type (figure 2's for AMPA+NMDA, figure 3's for AMPA).</summary>
    public L5pcNetworkConfig Base(ExcitatorySynapseKind synapses) =>
        synapses == ExcitatorySynapseKind.AmpaNmda ? Nmda : Ampa;

    /// <summary>The grid of a synapse type.</summary>
    public IReadOnlyList<SweepPoint> Grid(ExcitatorySynapseKind synapses) =>
        synapses == ExcitatorySynapseKind.AmpaNmda ? NmdaGrid : AmpaGrid;

    /// <summary>
    /// The points of <paramref name="synapses"/> (null: NMDA then AMPA), in the order shards are dealt: point k of
    /// this list belongs to shard k mod n.
    /// </summary>
    public IReadOnlyList<SweepPoint> Points(ExcitatorySynapseKind? synapses = null) =>
        synapses is { } s ? Grid(s) : [.. NmdaGrid, .. AmpaGrid];

    /// <summary>
    /// The full config of one point: its synapse type's base config with the point's network (the base network's
    /// recipe, spatial rank included, with the point's kernels and width) and no data curve. Its training is cached
    /// under the key <c>L5pcNetworkExperiment.Train</c> makes of it, so a point equal to figure 2's or 3's own
    /// network reuses that training.
    /// </summary>
    public L5pcNetworkConfig PointConfig(SweepPoint point)
    {
        var b = Base(point.Synapses);
        return b with
        {
            Model = b.Model with
            {
                KernelSizesMs = point.KernelSizesMs,
                Widths = [.. Enumerable.Repeat(point.Width, point.Depth)],
            },
            CurveFractions = [],
            Threads = Threads,
        };
    }

    private static SweepPoint[] Grid(
        ExcitatorySynapseKind s,
        IEnumerable<(int Depth, int Width, int HistoryMs)> points
    ) => [.. points.Distinct().Select(p => new SweepPoint(s, p.Depth, p.Width, p.HistoryMs))];

    /// <summary>
    /// The course grid, the same for both synapse types so their panels compare: depth 1, 2, 3, 5, 7 at width 64
    /// and T = 153 ms (figure 2's history); width 16 and 32 at depth 1, and 32 at depth 7; T = 43 and 88 ms at depth
    /// 1 and T = 43 at depth 7 (width 64); and the paper's AMPA network (1 x 128, T = 43). Figure 2's course network
    /// (7 x 32) and figure 3's (1 x 16, T = 153) are among them. 12 networks per type.
    /// </summary>
    private static IEnumerable<(int, int, int)> CoursePoints() =>
        [
            (1, 64, 153),
            (2, 64, 153),
            (3, 64, 153),
            (5, 64, 153),
            (7, 64, 153),
            (1, 16, 153),
            (1, 32, 153),
            (7, 32, 153),
            (1, 64, 43),
            (1, 64, 88),
            (7, 64, 43),
            (1, 128, 43),
        ];

    /// <summary>
    /// The paper profile's grid (a GPU run, the paper's 137 networks in spirit): depth 1-7 by width 32-256 at
    /// T = 153 ms, and T = 43, 88 and 200 ms at depths 1 and 7 (width 128). 34 networks per type.
    /// </summary>
    private static IEnumerable<(int, int, int)> PaperPoints() =>
        [
            .. from d in new[] { 1, 2, 3, 4, 5, 6, 7 }
            from w in new[] { 32, 64, 128, 256 }
            select (d, w, 153),
            .. from d in new[] { 1, 7 } from t in new[] { 43, 88, 200 } select (d, 128, t),
        ];

    /// <summary>
    /// A CI run: one and three layers of width 8 (T = 30 ms) per synapse type on figures 2 and 3's smoke data and
    /// training (40 steps); it checks that every step and panel works, not that the networks are good, and its
    /// threshold (0.6) only exercises the minimal-network code.
    /// </summary>
    public static Fig4Config Smoke { get; } =
        new(
            Profiles.Smoke,
            Fig2Config.Smoke,
            Fig3Config.Smoke,
            Grid(ExcitatorySynapseKind.AmpaNmda, [(1, 8, 30), (3, 8, 30)]),
            Grid(ExcitatorySynapseKind.Ampa, [(1, 8, 30), (3, 8, 30)]),
            0.6
        );

    /// <summary>
    /// Test simulations per synapse type at <c>course</c>: 64 of 6 s, twice figures 2 and 3's 32 (their first 32 are
    /// the same simulations: one seed per simulation). On 32 the depth gains' paired intervals were too wide to tell
    /// NMDA's gain (0.034 [0.014, 0.050]) from AMPA's (0.009 [0.005, 0.018]); intervals narrow as one over the square
    /// root of the simulations, and at those gains about 41 would separate them, so 64 with a margin. On 64 the clean
    /// course run separated them narrowly and the development table did not (README, "Figure 4"). The trainings do not
    /// depend on the test set and are reused.
    /// </summary>
    public const int CourseTestSimulations = 64;

    /// <summary>
    /// AMPA training simulations of the course sweep: 512, figure 3's course data until 2026-12-07 (figure 3 now trains
    /// on 320 to fit its notebook's 60-minute budget). The sweep keeps 512, so its measured results and cache entries
    /// stand and its one-layer AMPA networks are not data-starved; its 1 x 16 at T = 153 is figure 3's network on more
    /// data, no longer the same training.
    /// </summary>
    public const int CourseAmpaTrainSimulations = 512;

    /// <summary>
    /// A laptop run: figure 2's course data and 512 AMPA training simulations (<see cref="CourseAmpaTrainSimulations"/>;
    /// 256 and 512 simulations of 6 s; the test sets twice as large, <see cref="CourseTestSimulations"/>) and figures 2
    /// and 3's training recipe (rank-32 spatial projection, batch 16), every network 2000 steps (figure 3's length;
    /// figure 2's own course network trains 3000, so the NMDA base is figure 2's course preset at 100 steps per round,
    /// and both types compare at equal training), 12 networks per type (<see cref="CoursePoints"/>; figure 3's course
    /// architecture among them). The threshold is 0.945, not the
    /// paper's 0.991, which no network reaches on a CPU's 0.4-0.9 h of data: it lies between figure 2's deep
    /// networks at 2000 steps (0.949 for 7 x 64, 0.959 for 7 x 32 on the kit's test set) and the one-layer NMDA
    /// network measured at 0.938, chosen before the sweep as where depth would decide whether an NMDA network passes,
    /// while the paper's one-layer AMPA network (1 x 128, T = 43: 0.978) passes it with room. The sweep's one-layer
    /// NMDA networks did better (up to 0.960), so at 0.945 one layer passes for both cells; <see cref="ThresholdLadder"/>
    /// shows how the answer moves with the threshold.
    /// </summary>
    public static Fig4Config Course { get; } =
        new(
            Profiles.Course,
            Fig2Config.Course with
            {
                StepsPerRound = 100,
                TestSimulations = CourseTestSimulations,
                // The sweep's networks have no dendritic head (figure 2's course network gained one after the sweep
                // was measured): the sweep compares shapes alone, and its cached trainings stay valid.
                Model = Fig2Config.Course.Model with
                {
                    DendriticHeads = 0,
                },
                Schedule = L5pcNetworkSchedules.Cpu(Fig2Config.CourseLearningRate),
            },
            Fig3Config.Course with
            {
                TrainSimulations = CourseAmpaTrainSimulations,
                TestSimulations = CourseTestSimulations,
            },
            Grid(ExcitatorySynapseKind.AmpaNmda, CoursePoints()),
            Grid(ExcitatorySynapseKind.Ampa, CoursePoints()),
            0.945
        );

    /// <summary>
    /// The paper's scale on its NeuronIO data (a GPU run): figures 2 and 3's paper configs (250 x 480 steps, batch
    /// 8, no spatial projection) over <see cref="PaperPoints"/>, threshold 0.991.
    /// </summary>
    public static Fig4Config Paper { get; } =
        new(
            Profiles.Paper,
            Fig2Config.Paper,
            Fig3Config.Paper,
            Grid(ExcitatorySynapseKind.AmpaNmda, PaperPoints()),
            Grid(ExcitatorySynapseKind.Ampa, PaperPoints()),
            0.991
        );

    /// <summary>The preset of a profile.</summary>
    public static Fig4Config For(string profile) => Profiles.Select(profile, Smoke, Course, Paper);
}
