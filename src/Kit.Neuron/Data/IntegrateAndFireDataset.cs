using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Inputs;
using Kit.Neuron.Random;

namespace Kit.Neuron.Data;

/// <summary>
/// Generates datasets of the paper's integrate-and-fire neuron driven by its random input protocol
/// (docs/integrate-and-fire.md).
/// </summary>
public static class IntegrateAndFireDataset
{
    /// <summary>Generator name recorded in the dataset metadata.</summary>
    public const string GeneratorName = "integrate-and-fire/beniaguev2021";

    /// <summary>The seed of the paper's script (<c>np.random.seed(1234)</c>).</summary>
    public const uint PaperSeed = 1234;

    /// <summary>
    /// Generates <paramref name="count"/> simulations in parallel (all cores unless <paramref name="maxThreads"/>).
    /// Simulation i draws from its own stream <c>RandomState([seed, i])</c> (MT19937 init_by_array with the two
    /// 32-bit words seed, i; see <see cref="SimulationStream"/>), so the result is identical on any number of threads
    /// and simulation i does not depend on <paramref name="count"/>.
    /// </summary>
    /// <param name="config">Input protocol and neuron.</param>
    /// <param name="count">Number of simulations.</param>
    /// <param name="seed">Dataset seed, 0..2^32−1.</param>
    /// <param name="progress">Progress sink (task "simulate"); default: <see cref="Progress.DefaultSink"/>.</param>
    /// <param name="cancellation">Cancellation; default: <see cref="KitCancellation.Token"/>.</param>
    /// <param name="maxThreads">Worker threads; null = all cores.</param>
    public static SpikeDataset Generate(
        IntegrateAndFireDatasetConfig config,
        int count,
        long seed,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null,
        int? maxThreads = null
    )
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        CheckSeed(seed);
        var token = cancellation ?? KitCancellation.Token;
        var inputs = new IntegrateAndFireInputGenerator(config.Input);
        var neuron = new IntegrateAndFireNeuron(config.Cell);
        var records = new SimulationRecord[count];
        using var reporter = new ProgressReporter("simulate", count, progress);
        var options = new ParallelOptions
        {
            CancellationToken = token,
            MaxDegreeOfParallelism = maxThreads ?? Environment.ProcessorCount,
        };
        Parallel.For(
            0,
            count,
            options,
            i =>
            {
                token.ThrowIfCancellationRequested();
                var rng = SimulationStream(seed, i);
                records[i] = Simulate(inputs, neuron, rng).ToRecord();
                reporter.Advance();
            }
        );
        return new SpikeDataset(Metadata(config, seed), records);
    }

    /// <summary>
    /// Reproduces the paper script's single global stream, sequentially: <c>np.random.seed(seed)</c>, one input drawn
    /// and discarded (as <c>generate_multiple_simulations</c> does to read the shape), then simulations 0, 1, 2, …
    /// With the paper's config and seed 1234 these are the script's <c>X_train[:, :, 0:count]</c>.
    /// </summary>
    public static SpikeDataset GeneratePaperStream(
        IntegrateAndFireDatasetConfig config,
        int count,
        uint seed = PaperSeed,
        IProgressSink? progress = null,
        CancellationToken? cancellation = null
    )
    {
        var records = new SimulationRecord[count];
        var token = cancellation ?? KitCancellation.Token;
        using var reporter = new ProgressReporter("simulate", count, progress);
        int i = 0;
        foreach (var sim in PaperStream(config, seed))
        {
            if (i == count)
                break;
            token.ThrowIfCancellationRequested();
            records[i++] = sim.ToRecord();
            reporter.Advance();
        }
        return new SpikeDataset(
            Metadata(config, seed) with
            {
                Generator = GeneratorName + "/paper-stream",
            },
            records
        );
    }

    /// <summary>The paper script's stream as an endless sequence of full simulations (see <see cref="GeneratePaperStream"/>).</summary>
    public static IEnumerable<IntegrateAndFireSimulation> PaperStream(
        IntegrateAndFireDatasetConfig config,
        uint seed = PaperSeed
    )
    {
        var inputs = new IntegrateAndFireInputGenerator(config.Input);
        var neuron = new IntegrateAndFireNeuron(config.Cell);
        var rng = new NumpyRandomState(seed);
        inputs.Generate(rng); // discarded: the script draws one input only to read its shape
        while (true)
            yield return Simulate(inputs, neuron, rng);
    }

    /// <summary>The random stream of simulation <paramref name="index"/>: <c>np.random.RandomState([seed, index])</c>.</summary>
    public static NumpyRandomState SimulationStream(long seed, int index)
    {
        CheckSeed(seed);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new NumpyRandomState([(uint)seed, (uint)index]);
    }

    /// <summary>Draws one input from <paramref name="rng"/> and simulates the neuron on it.</summary>
    public static IntegrateAndFireSimulation Simulate(
        IntegrateAndFireInputGenerator inputs,
        IntegrateAndFireNeuron neuron,
        NumpyRandomState rng
    )
    {
        var x = inputs.Generate(rng);
        var y = neuron.Simulate(x.SpikeChannels, x.SpikeTimesMs, x.DurationMs);
        return new IntegrateAndFireSimulation(x, y);
    }

    /// <summary>Metadata of a dataset made from <paramref name="config"/> and <paramref name="seed"/>.</summary>
    public static DatasetMetadata Metadata(IntegrateAndFireDatasetConfig config, long seed) =>
        new(
            GeneratorName,
            seed,
            KitInfo.Version,
            config.Cell.ExcitatorySynapses,
            JsonSerializer.Serialize(config)
        )
        {
            ChannelLayout =
                $"channels 0..{config.Cell.ExcitatorySynapses - 1} excitatory (weight {config.Cell.ExcitatoryWeight:+0.###;-0.###}), "
                + $"{config.Cell.ExcitatorySynapses}..{config.Cell.Channels - 1} inhibitory (weight {config.Cell.InhibitoryWeight:+0.###;-0.###}); 1 ms bins; "
                + "soma voltage unclipped (the paper's target clips V > threshold to threshold + 0.1 mV)",
        };

    private static void CheckSeed(long seed)
    {
        if (seed < 0 || seed > uint.MaxValue)
            throw new ArgumentOutOfRangeException(
                nameof(seed),
                seed,
                "seed must be in 0..2^32-1 (a NumPy seed word)"
            );
    }
}
