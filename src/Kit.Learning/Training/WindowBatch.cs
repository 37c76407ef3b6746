using Kit.Neuron.Data;
using static TorchSharp.torch;

namespace Kit.Learning.Training;

/// <summary>One batch of windows as tensors. Dispose (or use a dispose scope) when done.</summary>
/// <param name="Input">Binary input, (N, C, W) float32.</param>
/// <param name="Spikes">Output spike train 0/1, (N, W) float32.</param>
/// <param name="Voltage">Voltage target (see <see cref="TargetTransform"/>), (N, W) float32.</param>
public sealed record WindowBatch(Tensor Input, Tensor Spikes, Tensor Voltage) : IDisposable
{
    /// <summary>Builds a batch of <paramref name="windowMs"/>-bin windows.</summary>
    public static WindowBatch Create(
        IReadOnlyList<SimulationRecord> simulations,
        IReadOnlyList<Window> windows,
        int windowMs,
        TargetTransform target
    )
    {
        if (windows.Count == 0)
            throw new ArgumentException("a batch needs at least one window");
        int channels = simulations[windows[0].Simulation].Channels;
        var x = new float[windows.Count * channels * windowMs];
        var y = new float[windows.Count * windowMs];
        var v = new float[windows.Count * windowMs];
        for (int i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            var sim = simulations[w.Simulation];
            if (sim.Channels != channels)
                throw new ArgumentException(
                    $"simulation {w.Simulation} has {sim.Channels} channels, expected {channels}"
                );
            if (w.StartMs < 0 || w.StartMs + windowMs > sim.DurationMs)
                throw new ArgumentException(
                    $"window [{w.StartMs}, {w.StartMs + windowMs}) outside simulation {w.Simulation} of {sim.DurationMs} ms"
                );
            sim.FillInput(
                x.AsSpan(i * channels * windowMs, channels * windowMs),
                w.StartMs,
                windowMs
            );
            var spikes = sim.OutputSpikeTrain();
            for (int t = 0; t < windowMs; t++)
            {
                y[i * windowMs + t] = spikes[w.StartMs + t];
                v[i * windowMs + t] = target.Forward(sim.SomaVoltageMv[w.StartMs + t]);
            }
        }
        return new WindowBatch(
            tensor(x, [windows.Count, channels, windowMs]),
            tensor(y, [windows.Count, windowMs]),
            tensor(v, [windows.Count, windowMs])
        );
    }

    /// <summary>Disposes the three tensors.</summary>
    public void Dispose()
    {
        Input.Dispose();
        Spikes.Dispose();
        Voltage.Dispose();
    }
}
