namespace Kit.Neuron.Simulation;

/// <summary>
/// Which engine steps the trials: the kit's CPU engine (SIMD lanes), or the GPU engine of Kit.Neuron.Gpu (one
/// thread per trial, ILGPU) on a CUDA device or on ILGPU's CPU accelerator (docs/gpu-engine.md).
/// </summary>
public enum SimulationEngine
{
    /// <summary>The CPU engine (<see cref="Simulation"/>); the default.</summary>
    Cpu,

    /// <summary>The GPU engine on the first CUDA device (needs an NVIDIA GPU and its driver).</summary>
    Gpu,

    /// <summary>The GPU engine's kernels on ILGPU's CPU accelerator (tests and CI; slow).</summary>
    IlgpuCpu,
}

/// <summary>CLI spellings of <see cref="SimulationEngine"/>: <c>cpu</c>, <c>gpu</c>, <c>ilgpu-cpu</c>.</summary>
public static class SimulationEngines
{
    /// <summary>The spelling of <paramref name="engine"/>.</summary>
    public static string Name(SimulationEngine engine) =>
        engine switch
        {
            SimulationEngine.Gpu => "gpu",
            SimulationEngine.IlgpuCpu => "ilgpu-cpu",
            _ => "cpu",
        };

    /// <summary>Parses <c>cpu</c>, <c>gpu</c> or <c>ilgpu-cpu</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Any other text (the message lists the choices).</exception>
    public static SimulationEngine Parse(string text) =>
        text.ToLowerInvariant() switch
        {
            "cpu" => SimulationEngine.Cpu,
            "gpu" => SimulationEngine.Gpu,
            "ilgpu-cpu" => SimulationEngine.IlgpuCpu,
            _ => throw new ArgumentException(
                $"engine '{text}': expected cpu, gpu or ilgpu-cpu",
                nameof(text)
            ),
        };
}
