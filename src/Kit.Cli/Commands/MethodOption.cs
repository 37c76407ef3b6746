using Kit.Neuron.Simulation;

namespace Kit.Cli.Commands;

/// <summary>The <c>--method</c> names shared by the simulator commands (validate, bench).</summary>
internal static class MethodOption
{
    /// <summary>Help text of the option.</summary>
    public const string Description =
        "accurate (Crank-Nicolson, dt 0.025 ms; the default), neuron (backward Euler dt 0.025 ms, NEURON's "
        + "default scheme) or reference (backward Euler dt 0.005 ms).";

    /// <summary>The engine settings of a method name, or null (with a message on <paramref name="error"/>) when unknown.</summary>
    public static SimulationOptions? Parse(string method, TextWriter error)
    {
        switch (method)
        {
            case "accurate":
                return SimulationOptions.Accurate;
            case "neuron":
                return SimulationOptions.NeuronDefault;
            case "reference":
                return SimulationOptions.Reference;
            default:
                error.WriteLine($"Unknown method '{method}'; use accurate, neuron or reference.");
                return null;
        }
    }
}
