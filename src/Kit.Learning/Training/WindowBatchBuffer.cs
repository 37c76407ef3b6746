using System.Runtime.InteropServices;
using Kit.Neuron.Data;
using static TorchSharp.torch;

namespace Kit.Learning.Training;

/// <summary>
/// Native tensors for batches of up to <see cref="Capacity"/> windows, allocated once and refilled every step,
/// so the training loop makes no large managed allocations (each would trigger garbage collections, which are
/// both slow and the trigger of TorchSharp's Scalar lifetime race; see <see cref="TorchScalars"/>).
/// </summary>
public sealed class WindowBatchBuffer : IDisposable
{
    private readonly Tensor input;
    private readonly Tensor spikes;
    private readonly Tensor voltage;
    private readonly Tensor? dendritic;

    /// <summary>
    /// Buffers for <paramref name="capacity"/> windows of <paramref name="windowMs"/> bins over <paramref name="channels"/>
    /// inputs; <paramref name="dendritic"/>: also a dendritic target row per window.
    /// </summary>
    public WindowBatchBuffer(int channels, int capacity, int windowMs, bool dendritic = false)
    {
        Channels = channels;
        Capacity = capacity;
        WindowMs = windowMs;
        input = zeros(capacity, channels, windowMs).DetachFromDisposeScope();
        spikes = zeros(capacity, windowMs).DetachFromDisposeScope();
        voltage = zeros(capacity, windowMs).DetachFromDisposeScope();
        if (dendritic)
            this.dendritic = zeros(capacity, windowMs).DetachFromDisposeScope();
    }

    /// <summary>Input channels.</summary>
    public int Channels { get; }

    /// <summary>Most windows per batch.</summary>
    public int Capacity { get; }

    /// <summary>Window length (bins of 1 ms).</summary>
    public int WindowMs { get; }

    /// <summary>
    /// Fills the buffers with <paramref name="windows"/> and returns views of the first <c>windows.Count</c> rows:
    /// input (N, C, W), spikes (N, W), voltage target (N, W) and, with <paramref name="dendriticTarget"/>, the nexus
    /// voltage through it (N, W). Dispose the batch before the next Fill.
    /// </summary>
    /// <exception cref="InvalidDataException">A simulation has no nexus voltage while a dendritic target is asked for.</exception>
    public WindowBatch Fill(
        IReadOnlyList<SimulationRecord> simulations,
        IReadOnlyList<Window> windows,
        TargetTransform target,
        TargetTransform? dendriticTarget = null
    )
    {
        if (windows.Count == 0 || windows.Count > Capacity)
            throw new ArgumentException(
                $"a batch holds 1..{Capacity} windows, got {windows.Count}"
            );
        if (dendriticTarget != null && dendritic is null)
            throw new ArgumentException(
                "this buffer was made without a dendritic row (dendritic: false)"
            );
        int w = WindowMs;
        // The tensors are contiguous float32 in native memory: write straight into it.
        var inputData = MemoryMarshal.Cast<byte, float>(input.bytes);
        var spikeData = MemoryMarshal.Cast<byte, float>(spikes.bytes);
        var voltageData = MemoryMarshal.Cast<byte, float>(voltage.bytes);
        var dendriticData =
            dendriticTarget != null
                ? MemoryMarshal.Cast<byte, float>(dendritic!.bytes)
                : Span<float>.Empty;
        for (int i = 0; i < windows.Count; i++)
        {
            var win = windows[i];
            var sim = simulations[win.Simulation];
            if (sim.Channels != Channels)
                throw new ArgumentException(
                    $"simulation {win.Simulation} has {sim.Channels} channels, expected {Channels}"
                );
            if (win.StartMs < 0 || win.StartMs + w > sim.DurationMs)
                throw new ArgumentException(
                    $"window [{win.StartMs}, {win.StartMs + w}) outside simulation {win.Simulation} of {sim.DurationMs} ms"
                );
            sim.FillInput(inputData.Slice(i * Channels * w, Channels * w), win.StartMs, w);
            var spikeRow = spikeData.Slice(i * w, w);
            spikeRow.Clear();
            foreach (var t in sim.OutputSpikeTimesMs)
            {
                int bin = (int)Math.Floor(t) - win.StartMs;
                if (bin >= 0 && bin < w)
                    spikeRow[bin] = 1f;
            }
            var voltageRow = voltageData.Slice(i * w, w);
            for (int t = 0; t < w; t++)
                voltageRow[t] = target.Forward(sim.SomaVoltageMv[win.StartMs + t]);
            if (dendriticTarget != null)
            {
                var nexus =
                    sim.NexusVoltageMv
                    ?? throw new InvalidDataException(
                        $"simulation {win.Simulation} has no nexus voltage, which the network's dendritic head is trained on: "
                            + "train on data that record it (the kit's L5PC datasets, NeuronIO files) or build the network without one"
                    );
                var dendriticRow = dendriticData.Slice(i * w, w);
                for (int t = 0; t < w; t++)
                    dendriticRow[t] = dendriticTarget.Forward(nexus[win.StartMs + t]);
            }
        }
        long n = windows.Count;
        return new WindowBatch(
            input.narrow(0, 0, n),
            spikes.narrow(0, 0, n),
            voltage.narrow(0, 0, n),
            dendriticTarget != null ? dendritic!.narrow(0, 0, n) : null
        );
    }

    /// <summary>Frees the native tensors.</summary>
    public void Dispose()
    {
        input.Dispose();
        spikes.Dispose();
        voltage.Dispose();
        dendritic?.Dispose();
    }
}
