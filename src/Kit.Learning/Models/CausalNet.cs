using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Kit.Learning.Models;

/// <summary>
/// Causal TCN/FCN of the paper: input (N, C, T) float32 binary spikes → spike logits (N, T) and soma voltage
/// target (N, T). Output at time t depends on inputs [t - HistoryMs + 1, t] only.
/// </summary>
public sealed class CausalNet : nn.Module<Tensor, (Tensor spikeLogit, Tensor voltage)>
{
    private readonly ModuleList<Conv1d> convs;
    private readonly ModuleList<BatchNorm1d> norms;
    private readonly Conv1d spikeHead;
    private readonly Conv1d voltageHead;
    private readonly Conv1d? dendriticHead;
    private readonly Parameter? projection;

    private CausalNet(CausalNetConfig config)
        : base(nameof(CausalNet))
    {
        Config = config;
        convs = new ModuleList<Conv1d>();
        norms = new ModuleList<BatchNorm1d>();
        int inCh = config.Channels;
        if (config.SpatialRank > 0)
        {
            projection = nn.Parameter(torch.empty(config.SpatialRank, config.Channels));
            inCh = config.SpatialRank;
        }
        for (int i = 0; i < config.Depth; i++)
        {
            convs.Add(nn.Conv1d(inCh, config.Widths[i], config.KernelSizesMs[i]));
            if (config.BatchNorm)
                norms.Add(nn.BatchNorm1d(config.Widths[i]));
            inCh = config.Widths[i];
        }
        spikeHead = nn.Conv1d(inCh, 1, 1);
        voltageHead = nn.Conv1d(inCh, 1, 1);
        if (config.DendriticHeads > 0)
            dendriticHead = nn.Conv1d(inCh, config.DendriticHeads, 1);
        RegisterComponents();
    }

    /// <summary>The architecture this network was built from.</summary>
    public CausalNetConfig Config { get; }

    /// <summary>Receptive field in ms (<see cref="CausalNetConfig.HistoryMs"/>).</summary>
    public int HistoryMs => Config.HistoryMs;

    /// <summary>
    /// Builds and initialises a network. With <paramref name="seed"/> every initial weight is drawn from a generator
    /// of its own seeded with it, so the same seed gives the same weights whatever other threads do with torch's
    /// global generator meanwhile (seeding it, drawing from it, building modules); without, from the global one.
    /// </summary>
    public static CausalNet Build(CausalNetConfig config, long? seed = null)
    {
        config.Validate();
        using var generator = seed is { } s ? new torch.Generator(unchecked((ulong)s)) : null;
        var net = new CausalNet(config);
        net.Initialise(generator);
        return net;
    }

    /// <summary>Draws every parameter (the modules' own default initialisation is overwritten, all of it).</summary>
    private void Initialise(torch.Generator? generator)
    {
        using var _ = torch.no_grad();
        if (projection is not null)
            TruncatedNormal(projection, Config.SpatialInitStd, generator);
        // Explicitly held Scalars: see TorchScalars.
        using Scalar hiddenBias = Config.HiddenInitBias,
            spikeBias = Config.SpikeHeadInitBias;
        foreach (var conv in convs)
        {
            TruncatedNormal(conv.weight!, Config.HiddenInitStd, generator);
            conv.bias!.fill_(hiddenBias);
        }
        TruncatedNormal(spikeHead.weight!, Config.SpikeHeadInitStd, generator);
        spikeHead.bias!.fill_(spikeBias);
        GC.KeepAlive(hiddenBias);
        GC.KeepAlive(spikeBias);
        TruncatedNormal(voltageHead.weight!, Config.VoltageHeadInitStd, generator);
        voltageHead.bias!.zero_();
        if (dendriticHead != null)
        {
            TruncatedNormal(dendriticHead.weight!, Config.DendriticHeadInitStd, generator);
            dendriticHead.bias!.zero_();
        }
    }

    /// <summary>
    /// Normal(0, std) truncated to ±2 std, drawn by inverting the CDF on the truncated range:
    /// u ~ U(2Φ(-2) - 1, 2Φ(2) - 1), x = √2 std erfinv(u). Not TorchSharp 0.107's <c>nn.init.trunc_normal_</c>, which
    /// swaps mean and std and fills the tensor with the constant std (every unit of a layer identical).
    /// </summary>
    internal static void TruncatedNormal(Tensor t, double std, torch.Generator? generator = null)
    {
        const double edge = 0.9544997361036416; // 2Φ(2) - 1 = erf(√2)
        using var _ = torch.no_grad();
        using Scalar scale = std * Math.Sqrt(2),
            low = -2 * std,
            high = 2 * std;
        t.uniform_(-edge, edge, generator);
        t.erfinv_().mul_(scale).clamp_(low, high);
        GC.KeepAlive(scale);
        GC.KeepAlive(low);
        GC.KeepAlive(high);
    }

    /// <summary>The last hidden layer's activations, shape (N, W_last, T), for input (N, C, T).</summary>
    public Tensor Trunk(Tensor input)
    {
        // (R, C) x (N, C, T) → (N, R, T): an explicit product (a 1x1 Conv1d would take libtorch's convolution path).
        var x = projection is null ? input : matmul(projection, input);
        for (int i = 0; i < convs.Count; i++)
        {
            x =
                i == 0 && Config.SpikeListFirstLayer
                    ? FirstLayerFromSpikes(x)
                    : CausalConvolution.Apply(convs[i], Config.KernelSizesMs[i], x);
            if (Config.BatchNorm)
                x = BatchNormForward(norms[i], x);
            if (Config.Activation == Activation.ReLU)
                x = nn.functional.relu(x);
        }
        return x;
    }

    /// <summary>
    /// <paramref name="norm"/>'s forward pass on (N, W, T), as TorchSharp 0.107's <c>BatchNorm.forward</c> computes it
    /// but with a held Scalar: that method counts batches with <c>num_batches_tracked.add_(1)</c>, an implicit
    /// Scalar that a garbage collection can free mid-call (seen as "Unknown scalar type" after an hour of two
    /// trainings side by side; <see cref="TorchScalars"/>).
    /// </summary>
    internal static Tensor BatchNormForward(BatchNorm1d norm, Tensor x)
    {
        if (norm.training && norm.track_running_stats && norm.num_batches_tracked is { } tracked)
            using (no_grad())
                tracked.add_(TorchScalars.OneInteger);
        double factor = norm.momentum ?? 0.0;
        bool useBatchStatistics =
            norm.training || (norm.running_mean is null && norm.running_var is null);
        bool useRunning = !norm.training || norm.track_running_stats;
        return nn.functional.batch_norm(
            x,
            useRunning ? norm.running_mean : null,
            useRunning ? norm.running_var : null,
            norm.weight,
            norm.bias,
            useBatchStatistics,
            factor,
            norm.eps
        );
    }

    /// <summary>The first layer of a binary input (N, C, T) computed from its spike list.</summary>
    private Tensor FirstLayerFromSpikes(Tensor input)
    {
        var (batch, channel, time) = SparseCausalConv.SpikeList(input);
        using (batch)
        using (channel)
        using (time)
            return SparseCausalConv.Forward(
                convs[0].weight!,
                convs[0].bias!,
                batch,
                channel,
                time,
                input.shape[0],
                input.shape[2]
            );
    }

    /// <summary>Input (N, C, T) float32 → spike logits (N, T) and voltage target (N, T) (mV minus offset).</summary>
    public override (Tensor spikeLogit, Tensor voltage) forward(Tensor input) =>
        SpikeAndVoltage(Trunk(input));

    /// <summary>Input (N, C, T) → dendritic head outputs (N, D, T); throws when the config has no dendritic head.</summary>
    public Tensor ForwardDendritic(Tensor input) =>
        Dendritic(Trunk(input))
        ?? throw new InvalidOperationException(
            "this network has no dendritic head (DendriticHeads = 0)"
        );

    /// <summary>
    /// Input (N, C, T) → spike logits (N, T), voltage target (N, T) and dendritic head outputs (N, D, T), or null
    /// without a dendritic head: the three heads over one pass of the trunk.
    /// </summary>
    public (Tensor spikeLogit, Tensor voltage, Tensor? dendritic) ForwardAll(Tensor input)
    {
        var h = Trunk(input);
        var (spikeLogit, voltage) = SpikeAndVoltage(h);
        return (spikeLogit, voltage, Dendritic(h));
    }

    /// <summary>The spike and voltage heads over the trunk's output <paramref name="h"/> (N, width, T): (N, T) each.</summary>
    private (Tensor spikeLogit, Tensor voltage) SpikeAndVoltage(Tensor h) =>
        (
            CausalConvolution.Apply(spikeHead, 1, h).squeeze(1),
            CausalConvolution.Apply(voltageHead, 1, h).squeeze(1)
        );

    /// <summary>The dendritic head over the trunk's output (N, D, T), or null without one.</summary>
    private Tensor? Dendritic(Tensor h) =>
        dendriticHead is null ? null : CausalConvolution.Apply(dendriticHead, 1, h);

    /// <summary>L2 penalty Σ w² x L2 over conv kernels (not biases, not BatchNorm); a scalar tensor.</summary>
    public Tensor L2Penalty()
    {
        var total = torch.zeros(1).squeeze();
        if (Config.L2 == 0)
            return total;
        foreach (var conv in convs)
            total = total.add(conv.weight!.square().sum(), TorchScalars.One);
        if (projection is not null)
            total = total.add(projection.square().sum(), TorchScalars.One);
        total = total
            .add(spikeHead.weight!.square().sum(), TorchScalars.One)
            .add(voltageHead.weight!.square().sum(), TorchScalars.One);
        using Scalar l2 = Config.L2;
        var penalty = total.mul(l2);
        GC.KeepAlive(l2);
        return penalty;
    }

    /// <summary>
    /// The first layer's kernels over the input channels as [width, channels, kernel] (tap K-1 is lag 0), for plotting
    /// filters; with a spatial projection, the effective kernels Σ_r A[o, r, k] P[r, c].
    /// </summary>
    public double[,,] FirstLayerWeights()
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var first = convs[0].weight!.detach().to(ScalarType.Float64).cpu();
        if (projection is not null)
            first = einsum("ork,rc->ock", first, projection.detach().to(ScalarType.Float64).cpu());
        using var w = first.contiguous().DetachFromDisposeScope();
        var shape = w.shape;
        var flat = w.data<double>().ToArray();
        var result = new double[shape[0], shape[1], shape[2]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    /// <summary>
    /// The voltage head's weight on each unit of the last hidden layer (length = its width): how much, and with which
    /// sign, each unit adds to the predicted voltage target.
    /// </summary>
    public double[] VoltageHeadWeights()
    {
        using var _ = no_grad();
        using var w = voltageHead.weight!.detach().to(ScalarType.Float64).cpu().flatten();
        return w.data<double>().ToArray();
    }

    /// <summary>Number of trainable parameters.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());
}
