namespace Kit.Learning.Models;

/// <summary>
/// Architecture and initialisation of a causal temporal convolutional network (TCN; one layer = FCN).
/// Every hidden layer is a causal Conv1d (left padding kernel - 1, stride 1, no dilation), optional BatchNorm,
/// then <see cref="Activation"/>; two 1x1 heads read the last layer: spike logit and soma voltage.
/// </summary>
/// <param name="Channels">Input channels C (binary synaptic inputs).</param>
/// <param name="KernelSizesMs">Kernel length per hidden layer (1 ms bins).</param>
/// <param name="Widths">Filters per hidden layer (same length as <paramref name="KernelSizesMs"/>).</param>
/// <param name="BatchNorm">BatchNorm1d after each hidden convolution.</param>
/// <param name="Activation">Hidden nonlinearity.</param>
/// <param name="HiddenInitStd">Std of the truncated-normal (±2 std) init of hidden conv weights.</param>
/// <param name="HiddenInitBias">Constant init of hidden conv biases.</param>
/// <param name="SpikeHeadInitStd">Std of the truncated-normal init of the spike head weights.</param>
/// <param name="SpikeHeadInitBias">Init of the spike head bias (sets the initial firing probability).</param>
/// <param name="VoltageHeadInitStd">Std of the truncated-normal init of the voltage head weights (bias 0).</param>
/// <param name="DendriticHeads">Outputs of the optional dendritic-voltage head (0 = none; the trainer trains one, on the nexus voltage: <c>TrainerConfig.DendriticTarget</c>).</param>
/// <param name="DendriticHeadInitStd">Std of the dendritic head init.</param>
/// <param name="L2">L2 penalty (sum of squares x L2) on conv kernels (not biases), as Keras regularizers.</param>
public sealed record CausalNetConfig(
    int Channels,
    int[] KernelSizesMs,
    int[] Widths,
    bool BatchNorm,
    Activation Activation,
    double HiddenInitStd,
    double HiddenInitBias,
    double SpikeHeadInitStd,
    double SpikeHeadInitBias,
    double VoltageHeadInitStd,
    int DendriticHeads = 0,
    double DendriticHeadInitStd = 0.05,
    double L2 = 0
)
{
    /// <summary>
    /// Compute the first layer from the input's spike list (<see cref="SparseCausalConv"/>) instead of a dense
    /// convolution: the same function on binary inputs, a fraction of the work on sparse ones (the L5PC's inputs are
    /// about 1 % spikes). Inputs must then be binary (0 or 1).
    /// </summary>
    public bool SpikeListFirstLayer { get; init; }

    /// <summary>
    /// Rank of a spatial projection before the first layer (0 = none): the <see cref="Channels"/> inputs are first
    /// mixed into this many channels by a linear map without bias, (N, C, T) → (N, R, T), and the first layer filters
    /// those in time. The first layer's kernels are then the low-rank product Σ_r A[o, r, k] P[r, c] (rank R instead of
    /// C), with C·R + R·K·W parameters instead of C·K·W: synapses that act alike (on one branch) share a projected
    /// channel. Costs C·R multiply-adds per bin instead of C·K·W.
    /// </summary>
    public int SpatialRank { get; init; }

    /// <summary>Std of the truncated-normal init of the spatial projection (<see cref="SpatialRank"/> &gt; 0).</summary>
    public double SpatialInitStd { get; init; } = 0.1;

    /// <summary>Receptive field in ms: Σ (kernel - 1) + 1.</summary>
    public int HistoryMs => KernelSizesMs.Sum(k => k - 1) + 1;

    /// <summary>Number of hidden layers.</summary>
    public int Depth => KernelSizesMs.Length;

    /// <summary>
    /// One linear unit with a <paramref name="kernelMs"/> kernel, no BatchNorm: what an integrate-and-fire neuron
    /// needs (the paper's figure 1 uses 100 channels and 80 ms; docs/training-and-evaluation.md,
    /// "Figure 1: integrate-and-fire").
    /// </summary>
    public static CausalNetConfig SingleLinearUnit(int channels = 100, int kernelMs = 80) =>
        new(channels, [kernelMs], [1], false, Activation.Linear, 0.25, 0.1, 0.05, -2.5, 0.05);

    /// <summary>
    /// A deep TCN, 7 layers x 128, kernels 54, 17, 17, 17, 18, 18, 18 (T = 153 ms), the L5PC recipe: the paper's
    /// network for the L5PC with AMPA+NMDA synapses (its figure 2).
    /// </summary>
    public static CausalNetConfig Tcn7x128(int channels = 1278) =>
        L5pc(channels, [54, 17, 17, 17, 18, 18, 18], 128);

    /// <summary>
    /// One hidden layer of 128 units, kernel 43 (T = 43 ms), the L5PC recipe: the paper's network for the L5PC
    /// with AMPA-only synapses (its figure 3).
    /// </summary>
    public static CausalNetConfig Fcn1x128(int channels = 1278) => L5pc(channels, [43], 128);

    /// <summary>A TCN of 4 layers x 64, kernels 31, 30, 31, 31 (T = 120 ms), the L5PC recipe.</summary>
    public static CausalNetConfig Tcn4x64(int channels = 1278) =>
        L5pc(channels, [31, 30, 31, 31], 64);

    /// <summary>
    /// An L5PC network with the paper's recipe (docs/training-and-evaluation.md, "Figures 2-4: the L5PC networks"): BatchNorm, ReLU, init std 0.002 (bias 0),
    /// spike head std 0.001 bias -2, voltage head std 0.03, L2 1e-8.
    /// </summary>
    public static CausalNetConfig L5pc(int channels, int[] kernelSizesMs, int width) =>
        new(
            channels,
            kernelSizesMs,
            Enumerable.Repeat(width, kernelSizesMs.Length).ToArray(),
            true,
            Activation.ReLU,
            0.002,
            0.0,
            0.001,
            -2.0,
            0.03,
            L2: 1e-8
        );

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (Channels <= 0)
            throw new ArgumentException($"Channels must be positive, got {Channels}");
        if (KernelSizesMs.Length == 0)
            throw new ArgumentException("KernelSizesMs must name at least one layer");
        if (KernelSizesMs.Length != Widths.Length)
            throw new ArgumentException(
                $"KernelSizesMs has {KernelSizesMs.Length} layers but Widths has {Widths.Length}"
            );
        if (KernelSizesMs.Any(k => k < 1))
            throw new ArgumentException("every kernel size must be at least 1 ms");
        if (Widths.Any(w => w < 1))
            throw new ArgumentException("every width must be at least 1");
        if (SpatialRank < 0)
            throw new ArgumentException($"SpatialRank must be >= 0, got {SpatialRank}");
        if (SpatialRank > 0 && SpikeListFirstLayer)
            throw new ArgumentException(
                "SpatialRank and SpikeListFirstLayer exclude each other: the projection already reads the input once"
            );
        if (DendriticHeads < 0)
            throw new ArgumentException($"DendriticHeads must be >= 0, got {DendriticHeads}");
    }
}
