using System.Text.Json.Nodes;
using Kit.Learning.Training;
using TorchSharp;

namespace Kit.Learning.Models;

/// <summary>
/// A trained network as <see cref="ModelFolder.Load"/> returns it: the network (in eval mode, on
/// <see cref="Device"/>), its architecture, the voltage target transform it was trained with, and what the trainer
/// recorded. Disposing it disposes the network.
/// </summary>
/// <param name="Folder">The model folder it was read from.</param>
/// <param name="Model">The network, in eval mode, on <paramref name="Device"/>.</param>
/// <param name="Config">Its architecture (as built: <c>Model.Config</c>).</param>
/// <param name="Target">Voltage target: model output + OffsetMv = clipped soma voltage (mV).</param>
/// <param name="Training">
/// The free-form record of how it was trained (profile, data, train seconds...), as saved; null when none was.
/// </param>
/// <param name="KitVersion">Version of the kit that saved it.</param>
/// <param name="Device">Where the network's parameters are.</param>
public sealed record SavedModel(
    string Folder,
    CausalNet Model,
    CausalNetConfig Config,
    TargetTransform Target,
    JsonObject? Training,
    string KitVersion,
    torch.Device Device
) : IDisposable
{
    /// <summary>Input channels the network reads (1278 for the L5PC).</summary>
    public int InputChannels => Config.Channels;

    /// <summary>Disposes the network.</summary>
    public void Dispose() => Model.Dispose();
}
