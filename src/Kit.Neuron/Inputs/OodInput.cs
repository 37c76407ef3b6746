namespace Kit.Neuron.Inputs;

/// <summary>One drawn out-of-distribution input (<see cref="OodInputGenerator"/>): the spikes and what was drawn for them.</summary>
/// <param name="Input">The spikes (channels as <see cref="L5pcInput"/>) and the ordinary protocol's K, σ and coarse rates.</param>
/// <param name="Protocol">The protocol it was drawn under.</param>
/// <param name="StimulatedClusters">The clusters that receive input, ascending; 1 … <see cref="OodProtocol.MaxClusters"/> of them.</param>
/// <param name="StimulatedSegments">Per segment (dataset order): true when its cluster is stimulated.</param>
/// <param name="PeriodMs">Period P of the common sinusoid (ms); null without <see cref="OodProtocol.Sinusoid"/>.</param>
/// <param name="PhaseRad">Phase φ of the sinusoid (rad, 0 … 2π); null without it.</param>
public sealed record OodInput(
    L5pcInput Input,
    OodProtocol Protocol,
    IReadOnlyList<int> StimulatedClusters,
    IReadOnlyList<bool> StimulatedSegments,
    double? PeriodMs,
    double? PhaseRad
);
