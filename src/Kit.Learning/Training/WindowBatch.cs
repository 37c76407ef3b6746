using Kit.Neuron.Data;
using static TorchSharp.torch;

namespace Kit.Learning.Training;

/// <summary>One batch of windows as tensors. Dispose (or use a dispose scope) when done.</summary>
/// <param name="Input">Binary input, (N, C, W) float32.</param>
/// <param name="Spikes">Output spike train 0/1, (N, W) float32.</param>
/// <param name="Voltage">Voltage target (see <see cref="TargetTransform"/>), (N, W) float32.</param>
/// <param name="Dendritic">
/// Dendritic target (the recorded dendritic voltage through <see cref="TrainerConfig.DendriticTarget"/>), (N, W) float32;
/// null when the batch has none.
/// </param>
public sealed record WindowBatch(
    Tensor Input,
    Tensor Spikes,
    Tensor Voltage,
    Tensor? Dendritic = null
) : IDisposable
{
    /// <summary>Builds a batch of <paramref name="windowMs"/>-bin windows.</summary>
    public static WindowBatch Create(
        IReadOnlyList<SimulationRecord> simulations,
        IReadOnlyList<Window> windows,
        int windowMs,
        TargetTransform target,
        TargetTransform? dendriticTarget = null
    )
    {
        if (windows.Count == 0)
            throw new ArgumentException("a batch needs at least one window");
        using var buffer = new WindowBatchBuffer(
            simulations[windows[0].Simulation].Channels,
            windows.Count,
            windowMs,
            dendriticTarget != null
        );
        var view = buffer.Fill(simulations, windows, target, dendriticTarget);
        // Detach from the buffer: the view's tensors keep the buffer's storage alive.
        return view;
    }

    /// <summary>
    /// This batch's tensors copied to <paramref name="device"/> (new tensors, owned by the current dispose scope);
    /// the caller disposes both batches.
    /// </summary>
    public WindowBatch To(Device device) =>
        new(Input.to(device), Spikes.to(device), Voltage.to(device), Dendritic?.to(device));

    /// <summary>Disposes the tensors.</summary>
    public void Dispose()
    {
        Input.Dispose();
        Spikes.Dispose();
        Voltage.Dispose();
        Dendritic?.Dispose();
    }
}
