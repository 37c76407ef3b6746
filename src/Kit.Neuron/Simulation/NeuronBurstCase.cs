using System.Collections.Immutable;
using System.Text.Json;
using Kit.Neuron.Cells;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>One NEURON method's run of the burst case.</summary>
/// <param name="Key">The file's key, e.g. <c>cvode1e-6</c>, <c>cn0.025</c>, <c>fixed0.005</c>.</param>
/// <param name="Type">NEURON's method in words (CVODE, Crank–Nicolson, backward Euler).</param>
/// <param name="DtMs">Fixed step (ms), or null for CVODE.</param>
/// <param name="OutputSpikesMs">Output spikes (local maxima above -25 mV on the 0.125 ms grid), ms.</param>
/// <param name="DoubletAt2690Ms">Whether the run fires the second spike of the 2675/2690 ms doublet.</param>
/// <param name="SomaMv">Soma voltage (mV) from <see cref="NeuronBurstCase.TraceStartMs"/> every 0.125 ms.</param>
public sealed record NeuronMethodRun(
    string Key,
    string Type,
    double? DtMs,
    ImmutableArray<double> OutputSpikesMs,
    bool DoubletAt2690Ms,
    double[] SomaMv
);

/// <summary>
/// The burst case of the reference set (<c>reference/neuron/l5pc_nmda_burst_case.json</c> in the shared reference
/// folder): one NMDA simulation of the Hay L5PC, 0-3400 ms, replayed in NEURON 8.2.2 from its stored input spikes
/// with eleven methods. After a spike at 2675.75 ms the soma rests about 0.1 mV below threshold for ~5 ms; the
/// converged solution (CVODE, Crank–Nicolson at dt ≤ 0.01 ms, backward Euler at dt 0.001 ms) fires a second spike at
/// ~2690 ms, coarser fixed steps do not and then diverge. docs/numerical-method.md, "Which method when".
/// </summary>
/// <param name="FilePath">The file read.</param>
/// <param name="Excitatory">Input spike times (ms) per excitatory synapse (dataset segment index).</param>
/// <param name="Inhibitory">Input spike times (ms) per inhibitory synapse.</param>
/// <param name="TraceStartMs">Time of the first stored soma sample (2400 ms).</param>
/// <param name="TraceStepMs">Stored soma sample interval (0.125 ms).</param>
/// <param name="DurationMs">Simulated length (ms): the end of the stored traces (3400 ms).</param>
/// <param name="Methods">NEURON's runs, in the file's order.</param>
public sealed record NeuronBurstCase(
    string FilePath,
    IReadOnlyDictionary<int, double[]> Excitatory,
    IReadOnlyDictionary<int, double[]> Inhibitory,
    double TraceStartMs,
    double TraceStepMs,
    double DurationMs,
    IReadOnlyList<NeuronMethodRun> Methods
)
{
    /// <summary>The key of NEURON's tightest CVODE run (atol 1e-6), the converged reference.</summary>
    public const string ConvergedKey = "cvode1e-6";

    /// <summary>Reads the burst-case file.</summary>
    /// <exception cref="InvalidDataException">Not JSON, or a field is missing or malformed (names file and field).</exception>
    public static NeuronBurstCase Load(string path)
    {
        using (var doc = ReferenceJson.Parse(path))
        {
            var root = doc.RootElement;
            var inputs = Get(root, "inputs", path);
            var window = Get(root, "t_ms_2400_3400", path);
            double start = Get(window, "start", path).GetDouble();
            double step = Get(window, "step", path).GetDouble();
            int count = Get(window, "count", path).GetInt32();
            var methods = new List<NeuronMethodRun>();
            foreach (var m in Get(root, "methods", path).EnumerateObject())
            {
                var soma = Doubles(Get(m.Value, "soma_mV_2400_3400", path));
                if (soma.Length != count)
                    throw new InvalidDataException(
                        $"{path}: methods.{m.Name}.soma_mV_2400_3400 has {soma.Length} samples, expected {count}"
                    );
                methods.Add(
                    new NeuronMethodRun(
                        m.Name,
                        Get(m.Value, "type", path).GetString() ?? "",
                        m.Value.TryGetProperty("dt_ms", out var dt) ? dt.GetDouble() : null,
                        [.. Doubles(Get(m.Value, "output_spikes_ms", path))],
                        Get(m.Value, "doublet_at_2690ms", path).GetBoolean(),
                        soma
                    )
                );
            }
            return new NeuronBurstCase(
                path,
                Segments(Get(inputs, "ex", path), path, "inputs.ex"),
                Segments(Get(inputs, "inh", path), path, "inputs.inh"),
                start,
                step,
                start + count * step,
                methods
            );
        }
    }

    /// <summary>The run of NEURON method <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such method in the file (lists the keys).</exception>
    public NeuronMethodRun Method(string key) =>
        Methods.FirstOrDefault(m => m.Key == key)
        ?? throw new KeyNotFoundException(
            $"{FilePath}: no method '{key}'; the file has {string.Join(", ", Methods.Select(m => m.Key))}"
        );

    /// <summary>The input spikes as engine events (segment k → synapse k of each group).</summary>
    public IEnumerable<SynapticEvent> Events(int excGroup, int inhGroup) =>
        NeuronIoValidation.Events(Excitatory, Inhibitory, excGroup, inhGroup);

    /// <summary>
    /// Simulates the case on the AMPA+NMDA Hay cell built on <paramref name="morphology"/> with
    /// <paramref name="options"/> (one lane), soma recorded every 0.125 ms from 0, spikes by the dataset rule.
    /// </summary>
    public BurstCaseRun Simulate(
        Morphology.Morphology morphology,
        SimulationOptions options,
        Kit.Core.ProgressReporter? progress = null
    )
    {
        var cell = new HayL5pc(
            morphology,
            L5pcBiophysics.Biophys5b,
            ExcitatorySynapseKind.AmpaNmda
        ).Build();
        var sim = new Simulation(cell, options with { Lanes = 1 });
        sim.SetEvents(
            0,
            Events(
                cell.SynapseGroupIndex(HayL5pc.ExcitatoryGroup),
                cell.SynapseGroupIndex(HayL5pc.InhibitoryGroup)
            )
        );
        var plan = RecordingPlan.Of(-1, new Probe("soma", cell.SomaNode, TraceStepMs));
        var result = sim.Run(DurationMs, plan, progress);
        var soma = result.Trace("soma", 0);
        return new BurstCaseRun(
            soma,
            TraceStepMs,
            [.. SpikeRules.DatasetLocalMaxima(soma, TraceStepMs)],
            result.Wall.TotalSeconds,
            sim.StepCount == 0 ? 0 : (double)sim.RefinedStepCount / sim.StepCount
        );
    }

    private static Dictionary<int, double[]> Segments(JsonElement e, string path, string field)
    {
        var result = new Dictionary<int, double[]>();
        foreach (var p in e.EnumerateObject())
        {
            if (!int.TryParse(p.Name, out int seg) || seg < 0)
                throw new InvalidDataException(
                    $"{path}: {field} has key '{p.Name}', not a segment index"
                );
            result[seg] = Doubles(p.Value);
        }
        return result;
    }

    private static JsonElement Get(JsonElement e, string name, string path) =>
        ReferenceJson.Get(e, name, path);

    private static double[] Doubles(JsonElement array) => ReferenceJson.Doubles(array);
}

/// <summary>The kit's run of the burst case.</summary>
/// <param name="SomaMv">Soma voltage (mV) every <paramref name="DtMs"/> from t = 0.</param>
/// <param name="DtMs">Sample interval (ms).</param>
/// <param name="OutputSpikesMs">Output spikes by the dataset rule (ms).</param>
/// <param name="WallSeconds">Simulation wall time (s).</param>
/// <param name="RefinedFraction">Fraction of the steps taken refined (<see cref="SimulationOptions.Refinement"/>).</param>
public sealed record BurstCaseRun(
    double[] SomaMv,
    double DtMs,
    ImmutableArray<double> OutputSpikesMs,
    double WallSeconds,
    double RefinedFraction
)
{
    /// <summary>The soma samples from <paramref name="startMs"/>, <paramref name="count"/> of them.</summary>
    public ReadOnlySpan<double> Window(double startMs, int count) =>
        SomaMv.AsSpan((int)Math.Round(startMs / DtMs), count);

    /// <summary>
    /// Agreement with NEURON's <paramref name="reference"/> run: one-to-one spike matches within
    /// <paramref name="windowMs"/>, the match fraction and the RMS (mV) of the soma over the stored window, both
    /// traces clipped at <paramref name="clipMv"/> (spike shapes removed).
    /// </summary>
    public BurstCaseAgreement CompareWith(
        NeuronBurstCase burst,
        NeuronMethodRun reference,
        double windowMs = 0.25,
        double clipMv = -40
    )
    {
        int matched = SpikeMatching.CountMatches(
            reference.OutputSpikesMs.AsSpan(),
            OutputSpikesMs.AsSpan(),
            windowMs
        );
        var kit = Window(burst.TraceStartMs, reference.SomaMv.Length);
        double sq = 0;
        for (int i = 0; i < kit.Length; i++)
        {
            double d = Math.Min(kit[i], clipMv) - Math.Min(reference.SomaMv[i], clipMv);
            sq += d * d;
        }
        return new BurstCaseAgreement(
            reference.Key,
            matched,
            reference.OutputSpikesMs.Length,
            OutputSpikesMs.Length,
            SpikeMatching.MatchFraction(
                matched,
                reference.OutputSpikesMs.Length,
                OutputSpikesMs.Length
            ),
            Math.Sqrt(sq / kit.Length),
            OutputSpikesMs.Any(t => Math.Abs(t - 2690) < 2)
        );
    }
}

/// <summary>How a kit run of the burst case agrees with one NEURON run.</summary>
/// <param name="ReferenceKey">NEURON's method key.</param>
/// <param name="Matched">One-to-one spike matches within the window.</param>
/// <param name="ReferenceSpikes">NEURON's spikes.</param>
/// <param name="KitSpikes">The kit's spikes.</param>
/// <param name="SpikeMatchFraction"><c>2·matched/(reference + kit)</c>.</param>
/// <param name="SomaRmsMv">RMS (mV) of the clipped soma over 2400-3400 ms.</param>
/// <param name="KitFiresDoublet">Whether the kit fires the spike at ~2690 ms.</param>
public sealed record BurstCaseAgreement(
    string ReferenceKey,
    int Matched,
    int ReferenceSpikes,
    int KitSpikes,
    double SpikeMatchFraction,
    double SomaRmsMv,
    bool KitFiresDoublet
);
