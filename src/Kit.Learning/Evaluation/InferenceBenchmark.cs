using System.Diagnostics;
using Kit.Core;
using Kit.Learning.Models;
using Kit.Neuron.Inputs;
using static TorchSharp.torch;

namespace Kit.Learning.Evaluation;

/// <summary>How <see cref="InferenceBenchmark.Run"/> times a network.</summary>
public sealed record InferenceBenchmarkOptions
{
    /// <summary>Timed passes over all the inputs, after one untimed warm-up pass; the median is reported.</summary>
    public int Repetitions { get; init; } = 5;

    /// <summary>
    /// Windows (whole trials) per forward pass; null: as many as fit in <see cref="AutoBinsPerPass"/> bins (at least
    /// one). More windows per pass amortise libtorch's per-call overhead, but the intermediate memory grows with
    /// windows x length.
    /// </summary>
    public int? BatchWindows { get; init; }

    /// <summary>
    /// Bins (windows x length) per forward pass when <see cref="BatchWindows"/> is null. Measured on this project's
    /// 2-core machine with the figure-2 course network (7 x 64, spatial rank 32) and 2000 ms windows: 2000-4000 bins
    /// per pass ran 0.014-0.015 s per simulated second, 16 000 bins 0.039-0.053 (the activations no longer stay in
    /// cache).
    /// </summary>
    public const int AutoBinsPerPass = 4096;

    /// <summary>libtorch intra-op threads (<see cref="TorchSetup.Configure"/>); 0 = <see cref="TorchSetup.DefaultThreads"/>.</summary>
    public int Threads { get; init; }
}

/// <summary>Result of <see cref="InferenceBenchmark.Run"/>.</summary>
/// <param name="SecondsPerSimulatedSecond">Median wall time of a pass over all inputs / their simulated time (s/s).</param>
/// <param name="RepetitionSeconds">Wall time of each timed pass over all inputs (s), in order.</param>
/// <param name="CpuSPerSimulatedS">
/// Process CPU time of all timed passes / their simulated time (s/s), summed over threads: on a shared machine less
/// sensitive to other processes than the wall time.
/// </param>
/// <param name="SimulatedSeconds">Simulated time of all the inputs together (s): windows x window length.</param>
/// <param name="Windows">Inputs (one window each).</param>
/// <param name="WindowMs">Length of each window (1 ms bins).</param>
/// <param name="BatchWindows">Windows per forward pass (the last pass may hold fewer).</param>
/// <param name="Threads">libtorch intra-op threads used.</param>
/// <param name="InputSpikesPerMs">Mean input spikes per 1 ms bin of one window, summed over channels.</param>
public sealed record InferenceBenchmarkResult(
    double SecondsPerSimulatedSecond,
    double[] RepetitionSeconds,
    double CpuSPerSimulatedS,
    double SimulatedSeconds,
    int Windows,
    int WindowMs,
    int BatchWindows,
    int Threads,
    double InputSpikesPerMs
);

/// <summary>
/// Wall time of a network's batched inference (eval mode, no gradients, on the CPU) over L5PC inputs, per simulated
/// second: each input is one window of its whole length, so one causal pass predicts exactly its simulated time
/// (no overlap between windows is recomputed). The dense float32 input tensors are built before timing, as the
/// simulator benchmark draws its events before timing; the forward pass (including a spike-list layer's extraction
/// of the spikes) is timed.
/// </summary>
public static class InferenceBenchmark
{
    /// <summary>Times <paramref name="model"/> on <paramref name="inputs"/>.</summary>
    /// <param name="model">The network; its training/eval mode is restored on return. Its parameters must be on the CPU.</param>
    /// <param name="inputs">The windows, all of the same length, with the network's channel count.</param>
    /// <param name="options">Repetitions, windows per pass, threads.</param>
    /// <param name="progress">Where the passes are reported (default: none).</param>
    /// <exception cref="ArgumentException">
    /// No inputs, inputs of different lengths, a channel count other than the network's, or options out of range.
    /// </exception>
    public static InferenceBenchmarkResult Run(
        CausalNet model,
        IReadOnlyList<L5pcInput> inputs,
        InferenceBenchmarkOptions options,
        IProgressSink? progress = null
    )
    {
        if (inputs.Count == 0)
            throw new ArgumentException("no inputs to time the network on", nameof(inputs));
        int channels = model.Config.Channels,
            length = inputs[0].DurationMs,
            perPass = Math.Min(
                inputs.Count,
                options.BatchWindows
                    ?? Math.Max(1, InferenceBenchmarkOptions.AutoBinsPerPass / length)
            );
        if (options.Repetitions < 1 || perPass < 1)
            throw new ArgumentException(
                $"repetitions ({options.Repetitions}) and windows per pass ({perPass}) must be at least 1",
                nameof(options)
            );
        if (inputs.FirstOrDefault(i => i.Channels != channels) is { } foreign)
            throw new ArgumentException(
                $"the network reads {channels} input channels, but the cell's inputs have {foreign.Channels}",
                nameof(inputs)
            );
        if (inputs.Any(i => i.DurationMs != length))
            throw new ArgumentException("every input must have the same length", nameof(inputs));

        int threads = options.Threads > 0 ? options.Threads : TorchSetup.DefaultThreads;
        TorchSetup.Configure(threads);
        var batches = new List<Tensor>();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            for (int b = 0; b < inputs.Count; b += perPass)
                batches.Add(DenseBatch(inputs, b, Math.Min(perPass, inputs.Count - b)));
            using var noGrad = no_grad();
            var seconds = new double[options.Repetitions];
            using var reporter = new ProgressReporter(
                "network",
                options.Repetitions + 1,
                progress ?? Progress.None
            );
            var sw = new Stopwatch();
            var cpu = TimeSpan.Zero;
            for (int rep = -1; rep < options.Repetitions; rep++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                sw.Restart();
                foreach (var x in batches)
                {
                    using var scope = NewDisposeScope();
                    // libtorch's CPU operations are synchronous: the outputs exist when forward returns.
                    _ = model.forward(x);
                }
                double elapsed = sw.Elapsed.TotalSeconds;
                if (rep >= 0)
                {
                    seconds[rep] = elapsed;
                    cpu += Process.GetCurrentProcess().TotalProcessorTime - cpu0;
                }
                reporter.Advance(
                    1,
                    rep < 0
                        ? FormattableString.Invariant($"warm-up {elapsed:0.00} s")
                        : FormattableString.Invariant($"pass {rep + 1} {elapsed:0.00} s")
                );
            }
            double simulatedSeconds = inputs.Count * length / 1000.0;
            return new InferenceBenchmarkResult(
                Median(seconds) / simulatedSeconds,
                seconds,
                cpu.TotalSeconds / (options.Repetitions * simulatedSeconds),
                simulatedSeconds,
                inputs.Count,
                length,
                perPass,
                threads,
                inputs.Average(i => i.SpikeChannels.Length) / length
            );
        }
        finally
        {
            foreach (var x in batches)
                x.Dispose();
            if (wasTraining)
                model.train();
        }
    }

    /// <summary>Inputs first .. first + count - 1 as one float32 tensor of shape (count, C, T), 1 = a spike.</summary>
    private static Tensor DenseBatch(IReadOnlyList<L5pcInput> inputs, int first, int count)
    {
        int channels = inputs[first].Channels,
            length = inputs[first].DurationMs;
        var x = new float[(long)count * channels * length];
        for (int i = 0; i < count; i++)
        {
            var input = inputs[first + i];
            long offset = (long)i * channels * length;
            for (int s = 0; s < input.SpikeChannels.Length; s++)
                x[offset + (long)input.SpikeChannels[s] * length + input.SpikeTimesMs[s]] = 1f;
        }
        return tensor(x, [count, channels, length]);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
