using Kit.Core;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Gpu;

/// <summary>
/// The GPU engine as an <see cref="ITrialBatchEngine"/> for the dataset factory and the benchmark: one device, runs
/// taken one at a time (a device runs one batch at once; the factory's worker threads queue here), each batch a
/// <see cref="GpuSimulation"/> of its trials.
/// </summary>
public sealed class GpuTrialBatchEngine : ITrialBatchEngine, IDisposable
{
    private readonly GpuDevice _device;
    private readonly bool _ownsDevice;
    private readonly Lock _gate = new();

    /// <summary>Opens (and owns) the device of <paramref name="engine"/>.</summary>
    /// <exception cref="GpuUnavailableException">Gpu without a CUDA device.</exception>
    public GpuTrialBatchEngine(SimulationEngine engine, double windowMs = 100)
        : this(GpuDevice.Open(engine), windowMs, ownsDevice: true) { }

    /// <summary>Runs on an open <paramref name="device"/> (not disposed with this engine).</summary>
    public GpuTrialBatchEngine(GpuDevice device, double windowMs = 100)
        : this(device, windowMs, ownsDevice: false) { }

    private GpuTrialBatchEngine(GpuDevice device, double windowMs, bool ownsDevice)
    {
        _device = device;
        _ownsDevice = ownsDevice;
        WindowMs = windowMs;
    }

    /// <summary>Simulated time per kernel launch (ms).</summary>
    public double WindowMs { get; }

    /// <inheritdoc/>
    public SimulationEngine Engine => _device.Engine;

    /// <inheritdoc/>
    public string DeviceName => _device.Name;

    /// <summary>The device.</summary>
    public GpuDevice Device => _device;

    /// <inheritdoc/>
    public TrialBatchRun Run(
        CellModel cell,
        SimulationOptions options,
        IReadOnlyList<IEnumerable<SynapticEvent>> events,
        double durationMs,
        RecordingPlan plan,
        ProgressReporter? progress = null
    )
    {
        lock (_gate)
        {
            using var sim = new GpuSimulation(_device, cell, options, events.Count, WindowMs);
            for (int t = 0; t < events.Count; t++)
                sim.SetEvents(t, events[t]);
            var result = sim.Run(durationMs, plan, progress);
            return new TrialBatchRun(result, sim.StepCount, sim.RefinedStepCount);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsDevice)
            _device.Dispose();
    }
}
