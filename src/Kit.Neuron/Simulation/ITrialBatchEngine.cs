using Kit.Core;

namespace Kit.Neuron.Simulation;

/// <summary>
/// An engine outside Kit.Neuron that runs a batch of independent trials of a cell to the end, as the CPU engine's
/// <see cref="Simulation.Run"/> does for its lanes: the GPU engine of Kit.Neuron.Gpu (docs/gpu-engine.md). The dataset
/// factory and the simulation benchmark take one for <see cref="SimulationEngine.Gpu"/> and
/// <see cref="SimulationEngine.IlgpuCpu"/>; Kit.Neuron itself stays free of GPU libraries.
/// </summary>
public interface ITrialBatchEngine
{
    /// <summary>Which engine this is.</summary>
    SimulationEngine Engine { get; }

    /// <summary>The device it runs on (e.g. the GPU's name).</summary>
    string DeviceName { get; }

    /// <summary>
    /// Initializes trial i with the events <paramref name="events"/>[i] and runs every trial to
    /// <paramref name="durationMs"/> recording <paramref name="plan"/> (trial i is the result's lane i).
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <param name="options">Step and method (Lanes and Simd are the CPU engine's and not used).</param>
    /// <param name="events">Presynaptic events per trial.</param>
    /// <param name="durationMs">Simulated time (ms), a multiple of dt.</param>
    /// <param name="plan">What to record.</param>
    /// <param name="progress">Receives the simulated time in whole ms (optional).</param>
    TrialBatchRun Run(
        CellModel cell,
        SimulationOptions options,
        IReadOnlyList<IEnumerable<SynapticEvent>> events,
        double durationMs,
        RecordingPlan plan,
        ProgressReporter? progress = null
    );
}

/// <summary>What an <see cref="ITrialBatchEngine"/> run returns.</summary>
/// <param name="Result">Traces and crossings, one lane per trial.</param>
/// <param name="StepCount">Steps of dt taken, summed over trials.</param>
/// <param name="RefinedStepCount">Of those, the steps taken refined, summed over trials.</param>
public sealed record TrialBatchRun(SimulationResult Result, long StepCount, long RefinedStepCount);
