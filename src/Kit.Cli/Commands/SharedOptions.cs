using System.CommandLine;
using System.Globalization;
using System.Numerics;
using Kit.Neuron.Cells;
using Kit.Neuron.Simulation;

namespace Kit.Cli.Commands;

/// <summary>
/// Options that several commands take, each defined once here: <c>--synapses</c> (simulate l5pc, bench
/// simulate), <c>--method</c> (validate, bench simulate), <c>--morphology</c> as a path or catalog name (validate,
/// simulate l5pc), <c>--json</c> (validate, bench simulate), <c>--threads</c> (simulate l5pc, simulate l23 random),
/// options parsed from one token, output files in an existing folder, and the range checks of numeric options.
/// </summary>
internal static class SharedOptions
{
    /// <summary>The excitatory synapse kinds by their command-line names (<c>nmda</c> is an old alias).</summary>
    public static NamedChoices<ExcitatorySynapseKind> SynapseKinds { get; } =
        new(
            ("ampa-nmda", ExcitatorySynapseKind.AmpaNmda),
            ("ampa", ExcitatorySynapseKind.Ampa),
            ("nmda", ExcitatorySynapseKind.AmpaNmda)
        );

    /// <summary>The integration methods by their command-line names.</summary>
    public static NamedChoices<SimulationOptions> Methods { get; } =
        new(
            ("refined", SimulationOptions.Refined),
            ("fast", SimulationOptions.Fast),
            ("converged", SimulationOptions.Converged),
            ("neuron", SimulationOptions.NeuronDefault),
            ("neuron-fine", SimulationOptions.NeuronFine)
        );

    /// <summary>The simulation engines by their command-line names.</summary>
    public static NamedChoices<SimulationEngine> Engines { get; } =
        new(
            ("cpu", SimulationEngine.Cpu),
            ("gpu", SimulationEngine.Gpu),
            ("ilgpu-cpu", SimulationEngine.IlgpuCpu)
        );

    /// <summary><c>--engine cpu|gpu|ilgpu-cpu</c>, default cpu.</summary>
    public static Option<Named<SimulationEngine>> Engine() =>
        Engines.CreateOption(
            "--engine",
            "Simulation engine: cpu (the kit's CPU engine, SIMD lanes), gpu (one CUDA thread per trial; needs an "
                + "NVIDIA GPU and its driver) or ilgpu-cpu (the GPU kernels on ILGPU's CPU accelerator: slow, for "
                + "testing). The GPU engine refines each trial's steps on its own.",
            "cpu"
        );

    /// <summary>
    /// The batch engine of <paramref name="engine"/> (null for cpu), or a one-line error on
    /// <paramref name="error"/> and null with <paramref name="failed"/> set (gpu without a CUDA device).
    /// </summary>
    public static Kit.Neuron.Gpu.GpuTrialBatchEngine? OpenEngine(
        SimulationEngine engine,
        TextWriter error,
        out bool failed
    )
    {
        failed = false;
        if (engine == SimulationEngine.Cpu)
            return null;
        try
        {
            return new Kit.Neuron.Gpu.GpuTrialBatchEngine(engine);
        }
        catch (Kit.Neuron.Gpu.GpuUnavailableException e)
        {
            error.WriteLine(e.Message);
            failed = true;
            return null;
        }
    }

    /// <summary><c>--synapses ampa-nmda|ampa</c>, default ampa-nmda.</summary>
    public static Option<Named<ExcitatorySynapseKind>> Synapses() =>
        SynapseKinds.CreateOption(
            "--synapses",
            "Excitatory synapses: ampa-nmda (AMPA + NMDA, the paper's main dataset) or ampa (AMPA only, with "
                + "the AMPA dataset's input ranges). The input protocol follows the choice.",
            "ampa-nmda"
        );

    /// <summary><c>--method refined|fast|converged|neuron|neuron-fine</c>, default refined.</summary>
    public static Option<Named<SimulationOptions>> Method() =>
        Methods.CreateOption(
            "--method",
            "Integration: refined (Crank-Nicolson dt 0.025 ms, refined to 0.005 ms near threshold: lands where "
                + "NEURON's converged solution lands, the dataset default), fast (Crank-Nicolson dt 0.025 ms: "
                + "cheapest, can miss near-threshold burst spikes as NEURON's same step does), converged "
                + "(Crank-Nicolson dt 0.005 ms: the reference, 5x fast's cost), neuron (backward Euler dt 0.025 ms, "
                + "NEURON's default, for comparisons) or neuron-fine (backward Euler dt 0.005 ms, for comparisons).",
            "refined"
        );

    /// <summary>Required <c>--morphology</c>: a reconstruction file or a catalog name.</summary>
    public static Option<string> Morphology(string purpose) =>
        new("--morphology")
        {
            Description =
                $"{purpose}: a path (.asc Neurolucida, .swc) or a catalog name (Hay2011). Required; there is no fallback.",
            HelpName = "file|name",
            Required = true,
        };

    /// <summary>Required <c>--morphology FILE</c>: an existing reconstruction file (no catalog names).</summary>
    public static Option<FileInfo> MorphologyFile(string description) =>
        new Option<FileInfo>("--morphology")
        {
            Description = $"{description} Required; there is no fallback.",
            HelpName = "FILE",
            Required = true,
        }.AcceptExistingOnly();

    /// <summary><c>--json FILE</c>: also write the result as JSON (an optional file).</summary>
    public static Option<FileInfo?> Json(string what) =>
        new("--json")
        {
            Description = $"Also write {what} as JSON to this file (written atomically).",
            HelpName = "FILE",
        };

    /// <summary><c>--threads T</c>: worker threads, default every core.</summary>
    public static Option<int> Threads() =>
        new Option<int>("--threads")
        {
            Description = "Worker threads (default: every core); does not change the output.",
            HelpName = "T",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        }.AtLeastOne();

    /// <summary>
    /// An option of one token that <paramref name="parse"/> turns into a value; the message of a
    /// <see cref="FormatException"/> it throws is the parse error (so it should name the option).
    /// </summary>
    public static Option<T> Parsed<T>(
        string name,
        string helpName,
        string description,
        Func<string, T> parse
    ) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                try
                {
                    return parse(result.Tokens.Count == 1 ? result.Tokens[0].Value : "");
                }
                catch (FormatException e)
                {
                    result.AddError(e.Message);
                    return default!;
                }
            },
        };

    /// <summary>
    /// Rejects at parse time a file path that is a folder or whose folder does not exist, naming the option and the
    /// path: an output file is refused before any work is done, not after it.
    /// </summary>
    public static Option<FileInfo?> InExistingFolder(this Option<FileInfo?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<FileInfo?>() is not { } file)
                return;
            if (Directory.Exists(file.FullName))
                result.AddError($"{option.Name} {file.FullName} is a folder, not a file.");
            else if (!Directory.Exists(file.DirectoryName))
                result.AddError(
                    $"{option.Name} {file.FullName}: the folder {file.DirectoryName} does not exist."
                );
        });
        return option;
    }

    /// <summary>Rejects values below 1 at parse time, naming the option and the value.</summary>
    public static Option<T> AtLeastOne<T>(this Option<T> option)
        where T : struct, INumber<T> => option.Require(v => v >= T.One, "be at least 1");

    /// <summary>Rejects values that are not positive at parse time, naming the option and the value.</summary>
    public static Option<double> Positive(this Option<double> option) =>
        option.Require(v => v > 0, "be positive");

    /// <summary>Rejects negative values (and NaN) at parse time, naming the option and the value.</summary>
    public static Option<double> NonNegative(this Option<double> option) =>
        option.Require(v => v >= 0, "be at least 0");

    /// <summary>Rejects values outside [<paramref name="min"/>, <paramref name="max"/>] at parse time, naming the option and the value.</summary>
    public static Option<T> Between<T>(this Option<T> option, T min, T max)
        where T : struct, INumber<T> =>
        option.Require(
            v => v >= min && v <= max,
            string.Create(CultureInfo.InvariantCulture, $"be between {min} and {max}")
        );

    private static Option<T> Require<T>(this Option<T> option, Func<T, bool> ok, string must)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (!ok(value!))
                result.AddError(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{option.Name} {value} must {must}."
                    )
                );
        });
        return option;
    }
}
