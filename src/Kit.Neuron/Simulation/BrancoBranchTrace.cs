using System.Collections.Immutable;

namespace Kit.Neuron.Simulation;

/// <summary>
/// The recorded result of one <see cref="BrancoBranch.Run"/>: soma(0.5) and dend[13](0.5) voltages sampled every
/// <see cref="SampleIntervalMs"/> from t = 0 (sample k at t = k·SampleIntervalMs), and the peaks over every step.
/// </summary>
/// <param name="SampleIntervalMs">Sampling interval (ms).</param>
/// <param name="SomaVMv">Soma(0.5) voltage (mV) per sample.</param>
/// <param name="DendriteVMv">dend[13](0.5) voltage (mV) per sample.</param>
/// <param name="PeakSomaDepolarisationMv">Max over every step of soma v − v_init (mV), the Branco measure.</param>
/// <param name="PeakSomaTimeMs">Time of that peak (ms).</param>
/// <param name="PeakDendriteDepolarisationMv">Max over every step of dend[13](0.5) v − v_init (mV).</param>
public sealed record BrancoBranchTrace(
    double SampleIntervalMs,
    ImmutableArray<double> SomaVMv,
    ImmutableArray<double> DendriteVMv,
    double PeakSomaDepolarisationMv,
    double PeakSomaTimeMs,
    double PeakDendriteDepolarisationMv
);
