using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Data;

/// <summary>How a Branco-branch dataset is made: the random input regime and the simulator's fixed step.</summary>
/// <param name="Input">The random input regime.</param>
/// <param name="DtMs">Fixed step of <see cref="BrancoBranch.Run"/> (ms); 0.025 is NEURON's default and the reference's.</param>
public sealed record BrancoDatasetConfig(
    BrancoRandomInputConfig Input,
    double DtMs = BrancoBranch.DefaultDtMs
)
{
    /// <summary>The paper's regime at NEURON's step.</summary>
    public static BrancoDatasetConfig Paper { get; } = new(BrancoRandomInputConfig.Paper);
}

/// <summary>
/// Datasets of the Branco branch (the rc19 L2/3 cell, passive, nine AMPA+NMDA synapses on dend[13]; docs/l23-branch.md)
/// driven by its random input regime: 9 input channels (channel s = synapse s, 0 the most distal), the soma voltage
/// at 1 ms (bin t holds v at t ms), no output spikes (the passive cell does not fire).
/// </summary>
public static class BrancoDataset
{
    /// <summary>Generator name recorded in the dataset metadata.</summary>
    public const string GeneratorName = "l23-branco2010/random-poisson";

    /// <summary>
    /// Simulates <paramref name="count"/> random inputs in the lane engine (<see cref="BrancoBranch.RunMany"/>, batches
    /// of <see cref="BrancoBranch.LaneCount"/> in parallel on all cores unless <paramref name="maxThreads"/>).
    /// Simulation i draws from its own stream <c>RandomState([seed, i])</c> and its trace does not depend on its batch,
    /// so the dataset is the same bit for bit on any number of threads and simulation i does not depend on
    /// <paramref name="count"/>; it equals <see cref="BrancoBranch.Run"/>'s to rounding (test).
    /// </summary>
    /// <param name="config">Input regime and step.</param>
    /// <param name="count">Number of simulations (≥ 0).</param>
    /// <param name="seed">Dataset seed, 0..2^32−1.</param>
    /// <param name="progress">Progress sink (task "simulate"); default: <see cref="Progress.DefaultSink"/>.</param>
    /// <param name="cancellation">Cancellation; default: <see cref="KitCancellation.Token"/>.</param>
    /// <param name="maxThreads">Worker threads; null = all cores.</param>
    public static SpikeDataset Generate(
        BrancoDatasetConfig config,
        int count,
        long seed,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null,
        int? maxThreads = null
    )
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var generator = new BrancoRandomInputGenerator(config.Input);
        var branch = new BrancoBranch();
        var token = cancellation ?? KitCancellation.Token;
        var inputs = new BrancoBranchInput[count];
        using var reporter = new ProgressReporter("simulate", count, progress);
        var traces = branch.RunBatches(
            count,
            i => inputs[i] = generator.Generate(seed, i).Activations,
            config.Input.DurationMs,
            config.DtMs,
            reporter,
            token,
            maxThreads
        );
        return new SpikeDataset(
            Metadata(config, seed),
            [.. traces.Select((trace, i) => Record(inputs[i], trace, config.Input.DurationMs))]
        );
    }

    /// <summary>
    /// The record of one run: input spikes in their 1 ms bins and the soma voltage of samples 0 .. duration − 1.
    /// </summary>
    /// <exception cref="ArgumentException">An activation not on a whole millisecond or past the end, or a trace that is
    /// not sampled every 1 ms or is shorter than <paramref name="durationMs"/>.</exception>
    public static SimulationRecord Record(
        BrancoBranchInput input,
        BrancoBranchTrace trace,
        int durationMs
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(trace);
        if (trace.SampleIntervalMs != 1 || trace.SomaVMv.Length < durationMs)
            throw new ArgumentException(
                $"the trace must be sampled every 1 ms for at least {durationMs} samples; it has {trace.SomaVMv.Length} at {trace.SampleIntervalMs} ms"
            );
        var spikes = new List<(int Time, int Channel)>();
        for (int s = 0; s < input.ActivationTimesMs.Length; s++)
            foreach (double t in input.ActivationTimesMs[s])
            {
                if (t != Math.Floor(t) || t >= durationMs)
                    throw new ArgumentException(
                        $"synapse {s}: activation at {t} ms is not a whole millisecond inside 0..{durationMs - 1}"
                    );
                spikes.Add(((int)t, s));
            }
        spikes.Sort();
        var voltage = new float[durationMs];
        for (int t = 0; t < durationMs; t++)
            voltage[t] = (float)trace.SomaVMv[t];
        return new SimulationRecord(
            BrancoBranch.Synapses,
            durationMs,
            [.. spikes.Select(x => x.Channel)],
            [.. spikes.Select(x => x.Time)],
            voltage,
            []
        );
    }

    /// <summary>
    /// Mean input spikes per 100 ms on the whole branch (all nine synapses together) over <paramref name="records"/>:
    /// the unit of <see cref="BrancoRandomInputConfig.BranchSpikesPer100Ms"/>; 0 for no simulated time.
    /// </summary>
    public static double BranchSpikesPer100Ms(IReadOnlyList<SimulationRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        double ms = records.Sum(r => (double)r.DurationMs);
        return ms > 0 ? 100 * records.Sum(r => r.SpikeTimesMs.Count) / ms : 0;
    }

    /// <summary>Metadata of a dataset made from <paramref name="config"/> and <paramref name="seed"/>.</summary>
    public static DatasetMetadata Metadata(BrancoDatasetConfig config, long seed) =>
        new(
            GeneratorName,
            seed,
            KitInfo.Version,
            BrancoBranch.Synapses,
            JsonSerializer.Serialize(config)
        )
        {
            ChannelLayout =
                "channels 0..8 = AMPA+NMDA synapses on dend[13] at x = 1 - s/8 (0 most distal, 8 at the branch point); "
                + "1 ms bins; soma(0.5) voltage at t ms in bin t; passive cell, no output spikes",
        };
}
