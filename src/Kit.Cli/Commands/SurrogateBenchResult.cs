namespace Kit.Cli.Commands;

/// <summary>The headline numbers of <c>kit bench surrogate</c> (<see cref="SurrogateBenchCommand"/>).</summary>
/// <param name="NetworkSPerSimulatedS">The network's batched inference: median wall s per simulated s.</param>
/// <param name="SimulatorSPerSimulatedS">The kit's simulator, throughput: wall s per simulated s.</param>
/// <param name="ModelParameters">Trainable parameters of the network.</param>
/// <param name="MultiplyAddsPerMs">The network's multiply-adds per simulated ms (<c>CausalNetCost</c>).</param>
internal sealed record SurrogateBenchResult(
    double NetworkSPerSimulatedS,
    double SimulatorSPerSimulatedS,
    long ModelParameters,
    double MultiplyAddsPerMs
)
{
    /// <summary>How many times faster the network is than the kit's simulator on the same cores.</summary>
    public double Speedup => SimulatorSPerSimulatedS / NetworkSPerSimulatedS;

    /// <summary>How many times faster the network is than NEURON's <see cref="SurrogateBenchCommand.NeuronSPerSimulatedS"/>.</summary>
    public double SpeedupVsNeuron =>
        SurrogateBenchCommand.NeuronSPerSimulatedS / NetworkSPerSimulatedS;
}
