using Kit.Neuron.Simulation;

namespace Kit.Neuron.Gpu.Tests;

/// <summary>One ILGPU CPU accelerator for the whole test assembly (compiling the kernels takes seconds).</summary>
public sealed class IlgpuCpuDevice : IDisposable
{
    /// <summary>The device.</summary>
    public GpuDevice Device { get; } = GpuDevice.Open(SimulationEngine.IlgpuCpu);

    /// <inheritdoc/>
    public void Dispose() => Device.Dispose();
}

[CollectionDefinition(Name)]
public sealed class IlgpuCpuCollection : ICollectionFixture<IlgpuCpuDevice>
{
    public const string Name = "ilgpu-cpu";
}
