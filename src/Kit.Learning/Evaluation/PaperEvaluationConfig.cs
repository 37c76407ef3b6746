namespace Kit.Learning.Evaluation;

/// <summary>
/// Settings of <see cref="PaperEvaluation"/>; the defaults are the paper's protocol (docs/training-and-evaluation.md,
/// "Evaluation protocol of the paper") with a 200-replicate bootstrap.
/// </summary>
public sealed record PaperEvaluationConfig
{
    /// <summary>The paper's protocol (the defaults).</summary>
    public static PaperEvaluationConfig Paper { get; } = new();

    /// <summary>Bins dropped at the start of every simulation (ms; paper: 500).</summary>
    public int DropFirstMs { get; init; } = 500;

    /// <summary>Fewest output spikes a kept simulation has, counted over the whole simulation (paper: 0).</summary>
    public int MinSpikes { get; init; }

    /// <summary>Most output spikes a kept simulation has, counted over the whole simulation (paper: 24).</summary>
    public int MaxSpikes { get; init; } = 24;

    /// <summary>False-positive rate of the operating point for TPR and the cross-correlation (paper: 0.002).</summary>
    public double Fpr { get; init; } = Metrics.Roc.PaperFpr;

    /// <summary>Cross-correlation half-width (ms; paper: 50).</summary>
    public int MaxLagMs { get; init; } = 50;

    /// <summary>Prediction window (ms): long windows waste little on overlap; memory grows with window × batch.</summary>
    public int WindowMs { get; init; } = 2000;

    /// <summary>Window overlap (ms); null = the network's HistoryMs − 1, the least that equals one full-length pass.</summary>
    public int? OverlapMs { get; init; }

    /// <summary>Windows evaluated together (4 × 2000 ms covers a 6 s simulation; about 40 MB of input at 1278 channels).</summary>
    public int BatchWindows { get; init; } = 4;

    /// <summary>Bootstrap replicates over simulations (0 = no intervals).</summary>
    public int BootstrapResamples { get; init; } = 200;

    /// <summary>Seed of the bootstrap draws.</summary>
    public int BootstrapSeed { get; init; } = 1;

    /// <summary>Coverage of the percentile intervals.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Kept simulations whose full-length predictions are returned for plotting (the first ones, in source order).</summary>
    public int KeepPredictions { get; init; }

    /// <summary>libtorch intra-op threads (0 = <see cref="TorchSetup.DefaultThreads"/>).</summary>
    public int Threads { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (DropFirstMs < 0)
            throw new ArgumentException($"DropFirstMs must be >= 0, got {DropFirstMs}");
        if (MinSpikes < 0 || MaxSpikes < MinSpikes)
            throw new ArgumentException(
                $"the spike range {MinSpikes}..{MaxSpikes} must satisfy 0 <= MinSpikes <= MaxSpikes"
            );
        if (!(Fpr > 0 && Fpr < 1))
            throw new ArgumentException($"Fpr must be in (0, 1), got {Fpr}");
        if (MaxLagMs < 0)
            throw new ArgumentException($"MaxLagMs must be >= 0, got {MaxLagMs}");
        if (WindowMs < 1)
            throw new ArgumentException($"WindowMs must be positive, got {WindowMs}");
        if (BatchWindows < 1)
            throw new ArgumentException($"BatchWindows must be positive, got {BatchWindows}");
        if (BootstrapResamples < 0)
            throw new ArgumentException(
                $"BootstrapResamples must be >= 0, got {BootstrapResamples}"
            );
        if (!(Confidence > 0 && Confidence < 1))
            throw new ArgumentException($"Confidence must be in (0, 1), got {Confidence}");
        if (KeepPredictions < 0)
            throw new ArgumentException($"KeepPredictions must be >= 0, got {KeepPredictions}");
    }
}
