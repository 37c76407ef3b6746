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

    private CausalNet(CausalNetConfig config)
        : base(nameof(CausalNet))
    {
        Config = config;
        convs = new ModuleList<Conv1d>();
        norms = new ModuleList<BatchNorm1d>();
        int inCh = config.Channels;
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
    /// Builds and initialises a network. With <paramref name="seed"/> the torch global generator is seeded first,
    /// so the same seed gives the same weights.
    /// </summary>
    public static CausalNet Build(CausalNetConfig config, long? seed = null)
    {
        config.Validate();
        if (seed is { } s)
            torch.manual_seed(s);
        var net = new CausalNet(config);
        net.Initialise();
        return net;
    }

    private void Initialise()
    {
        using var _ = torch.no_grad();
        foreach (var conv in convs)
        {
            TruncatedNormal(conv.weight!, Config.HiddenInitStd);
            conv.bias!.fill_(Config.HiddenInitBias);
        }
        TruncatedNormal(spikeHead.weight!, Config.SpikeHeadInitStd);
        spikeHead.bias!.fill_(Config.SpikeHeadInitBias);
        TruncatedNormal(voltageHead.weight!, Config.VoltageHeadInitStd);
        voltageHead.bias!.zero_();
        if (dendriticHead != null)
        {
            TruncatedNormal(dendriticHead.weight!, Config.DendriticHeadInitStd);
            dendriticHead.bias!.zero_();
        }
    }

    /// <summary>Normal(0, std) truncated to ±2 std (libtorch's trunc_normal_).</summary>
    private static void TruncatedNormal(Tensor t, double std) =>
        nn.init.trunc_normal_(t, 0.0, std, -2 * std, 2 * std);

    /// <summary>The last hidden layer's activations, shape (N, W_last, T), for input (N, C, T).</summary>
    public Tensor Trunk(Tensor input)
    {
        var x = input;
        for (int i = 0; i < convs.Count; i++)
        {
            var k = Config.KernelSizesMs[i];
            var padded = k > 1 ? nn.functional.pad(x, [k - 1, 0]) : x;
            x = convs[i].forward(padded);
            if (Config.BatchNorm)
                x = norms[i].forward(x);
            if (Config.Activation == Activation.ReLU)
                x = nn.functional.relu(x);
        }
        return x;
    }

    /// <summary>Input (N, C, T) float32 → spike logits (N, T) and voltage target (N, T) (mV minus offset).</summary>
    public override (Tensor spikeLogit, Tensor voltage) forward(Tensor input)
    {
        var h = Trunk(input);
        return (spikeHead.forward(h).squeeze(1), voltageHead.forward(h).squeeze(1));
    }

    /// <summary>Input (N, C, T) → dendritic head outputs (N, D, T); throws when the config has no dendritic head.</summary>
    public Tensor ForwardDendritic(Tensor input) =>
        dendriticHead?.forward(Trunk(input))
        ?? throw new InvalidOperationException(
            "this network has no dendritic head (DendriticHeads = 0)"
        );

    /// <summary>L2 penalty Σ w² x L2 over conv kernels (not biases, not BatchNorm); a scalar tensor.</summary>
    public Tensor L2Penalty()
    {
        var total = torch.zeros(1).squeeze();
        if (Config.L2 == 0)
            return total;
        foreach (var conv in convs)
            total = total + conv.weight!.pow(2).sum();
        total = total + spikeHead.weight!.pow(2).sum() + voltageHead.weight!.pow(2).sum();
        return total * Config.L2;
    }

    /// <summary>The first layer's kernels as [width, channels, kernel] (tap K-1 is lag 0), for plotting filters.</summary>
    public double[,,] FirstLayerWeights()
    {
        using var w = convs[0].weight!.detach().to(ScalarType.Float64).cpu();
        var shape = w.shape;
        var flat = w.data<double>().ToArray();
        var result = new double[shape[0], shape[1], shape[2]];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    /// <summary>Number of trainable parameters.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());
}
