using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Data.NeuronIo;
using Kit.Neuron.Mechanisms;

namespace Kit.Neuron.Simulation;

/// <summary>Settings of <see cref="NeuronIoValidation.Run"/>.</summary>
public sealed record NeuronIoValidationOptions
{
    /// <summary>Engine step and method (default <see cref="SimulationOptions.Refined"/>: Crank–Nicolson, dt 0.025 ms refined near threshold).</summary>
    public SimulationOptions Simulation { get; init; } = SimulationOptions.Refined;

    /// <summary>Soma traces are clipped at this value (mV) before the RMS (spike shapes removed).</summary>
    public double ClipMv { get; init; } = -55;

    /// <summary>Half width of the one-to-one spike matching window (ms).</summary>
    public double MatchWindowMs { get; init; } = 2;

    /// <summary>At most this many simulations of the file are re-simulated (null = all).</summary>
    public int? MaxSimulations { get; init; }

    /// <summary>Only the first this many ms of each simulation are simulated and compared (null = all).</summary>
    public int? MaxDurationMs { get; init; }

    /// <summary>Simulations stepped together as lanes of one engine (with <see cref="Engine"/>: per device batch).</summary>
    public int MaxLanes { get; init; } = 4;

    /// <summary>
    /// The engine when not the CPU engine (the GPU engine, docs/gpu-engine.md): each batch runs there, one trial per
    /// simulation, each refining its own steps.
    /// </summary>
    public ITrialBatchEngine? Engine { get; init; }
}

/// <summary>One re-simulated file simulation.</summary>
/// <param name="Simulation">Index in the file.</param>
/// <param name="SomaRmsMv">RMS (mV) of the clipped 1 ms soma traces.</param>
/// <param name="ReferenceSpikes">Spikes re-detected from the file's 0.125 ms soma trace.</param>
/// <param name="KitSpikes">Spikes detected by the same rule on the kit's 0.125 ms soma trace.</param>
/// <param name="MatchedSpikes">One-to-one matches within the window.</param>
/// <param name="ReferenceSpikeTimesMs">Reference spike times (ms).</param>
/// <param name="KitSpikeTimesMs">Kit spike times (ms).</param>
public sealed record NeuronIoValidationRow(
    int Simulation,
    double SomaRmsMv,
    int ReferenceSpikes,
    int KitSpikes,
    int MatchedSpikes,
    ImmutableArray<double> ReferenceSpikeTimesMs,
    ImmutableArray<double> KitSpikeTimesMs
)
{
    /// <summary><c>2·matched/(reference + kit)</c> of this simulation.</summary>
    public double SpikeMatchFraction =>
        SpikeMatching.MatchFraction(MatchedSpikes, ReferenceSpikes, KitSpikes);
}

/// <summary>Pooled agreement of the kit with a NeuronIO file (issue 3's <c>kit validate</c>).</summary>
/// <param name="FilePath">The file.</param>
/// <param name="ExcitatorySynapseType">The file's <c>excitatorySynapseType</c> (NMDA or AMPA).</param>
/// <param name="DtMs">Engine step (ms).</param>
/// <param name="Method">Engine method.</param>
/// <param name="SomaRmsMv">RMS (mV) of the 1 ms soma traces, both clipped at <see cref="NeuronIoValidationOptions.ClipMv"/>, pooled.</param>
/// <param name="SpikeMatchFraction"><c>2·matched/(reference + kit)</c>, pooled.</param>
/// <param name="Simulations">Number of simulations compared.</param>
/// <param name="ReferenceSpikes">Pooled reference spikes.</param>
/// <param name="KitSpikes">Pooled kit spikes.</param>
/// <param name="WallSeconds">Simulation wall time (s).</param>
/// <param name="Rows">Per-simulation rows.</param>
public sealed record NeuronIoValidationReport(
    string FilePath,
    string ExcitatorySynapseType,
    double DtMs,
    IntegrationMethod Method,
    double SomaRmsMv,
    double SpikeMatchFraction,
    int Simulations,
    int ReferenceSpikes,
    int KitSpikes,
    double WallSeconds,
    ImmutableArray<NeuronIoValidationRow> Rows
)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The report as JSON with snake_case keys (<c>soma_rms_mv</c>, <c>spike_match_fraction</c>, <c>simulations</c>,
    /// <c>reference_spikes</c>, <c>kit_spikes</c>, <c>rows</c>, …), the format of <c>kit validate --json</c>.
    /// </summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>
/// Re-simulates every simulation of a NeuronIO file from its recorded input spikes (excitatory synapse type from the
/// file's params, inhibitory GABA_A, event at t ms weight 1 delay 0, NEURON's t = 0 quirk on) and compares soma
/// voltage and output spikes with the file.
/// </summary>
public static class NeuronIoValidation
{
    /// <summary>Runs the validation of <paramref name="path"/> with the cell on <paramref name="morphology"/>.</summary>
    /// <exception cref="InvalidDataException">The file's synapse type is not NMDA/AMPA, or traces are missing.</exception>
    public static NeuronIoValidationReport Run(
        string path,
        Morphology.Morphology morphology,
        NeuronIoValidationOptions? options = null,
        IProgressSink? progress = null
    )
    {
        options ??= new();
        var experiment = NeuronIoFile.Read(
            path,
            null,
            new NeuronIoReadOptions { IncludeDendriticVoltages = false }
        );
        string type =
            experiment.Params.ExcitatorySynapseType
            ?? throw new InvalidDataException($"{path}: Params has no excitatorySynapseType");
        var kind = type switch
        {
            "NMDA" => ExcitatorySynapseKind.AmpaNmda,
            "AMPA" => ExcitatorySynapseKind.Ampa,
            _ => throw new InvalidDataException(
                $"{path}: excitatorySynapseType '{type}' is neither NMDA nor AMPA"
            ),
        };
        var sims = experiment.Simulations.Take(options.MaxSimulations ?? int.MaxValue).ToArray();
        var cell = new HayL5pc(morphology, L5pcBiophysics.Biophys5b, kind).Build();
        int exc = cell.SynapseGroupIndex(HayL5pc.ExcitatoryGroup),
            inh = cell.SynapseGroupIndex(HayL5pc.InhibitoryGroup);
        int DurationOf(NeuronIoSimulation s) =>
            Math.Min(s.DurationMs, options.MaxDurationMs ?? int.MaxValue);
        double totalMs = sims.Sum(s => (double)DurationOf(s));
        using var reporter = new ProgressReporter(
            $"validate {Path.GetFileName(path)}",
            (long)totalMs,
            progress ?? Progress.None
        );
        var rows = new List<NeuronIoValidationRow>();
        double sumSq = 0,
            wall = 0;
        long count = 0;
        long doneMs = 0;
        for (int b = 0; b < sims.Length; b += options.MaxLanes)
        {
            var batch = sims.Skip(b).Take(options.MaxLanes).ToArray();
            int duration = batch.Max(DurationOf);
            // With SIMD, pad the batch to whole vectors (idle lanes get no input): 4 lanes cost little more than 1.
            int lanes =
                options.Simulation.Simd && LaneKernels.Supported
                    ? (batch.Length + LaneKernels.Width - 1) / LaneKernels.Width * LaneKernels.Width
                    : batch.Length;
            var plan = RecordingPlan.Of(
                -1,
                new Probe("soma_1ms", cell.SomaNode, 1),
                new Probe("soma_hr", cell.SomaNode, NeuronIoFile.DefaultHighResDtMs)
            );
            long offset = doneMs;
            var batchReporter = new BatchProgress(reporter, offset, batch.Length);
            SimulationResult result;
            if (options.Engine is { } engine)
                result = engine
                    .Run(
                        cell,
                        options.Simulation,
                        [.. batch.Select(s => Events(s, exc, inh))],
                        duration,
                        plan,
                        batchReporter.Reporter
                    )
                    .Result;
            else
            {
                var sim = new Simulation(cell, options.Simulation with { Lanes = lanes });
                for (int l = 0; l < batch.Length; l++)
                    sim.SetEvents(l, Events(batch[l], exc, inh));
                result = sim.Run(duration, plan, batchReporter.Reporter);
            }
            batchReporter.Dispose();
            doneMs += (long)duration * batch.Length;
            reporter.SetDone(doneMs);
            wall += result.Wall.TotalSeconds;
            for (int l = 0; l < batch.Length; l++)
            {
                var s = batch[l];
                var refLow =
                    s.SomaVoltageLowResMv
                    ?? throw new InvalidDataException(
                        $"{path}: simulation {s.Index} has no somaVoltageLowRes"
                    );
                var kitLow = result.Trace("soma_1ms", l);
                double simSq = 0;
                int n = Math.Min(refLow.Length, DurationOf(s));
                for (int k = 0; k < n; k++)
                {
                    double d =
                        Math.Min((double)refLow[k], options.ClipMv)
                        - Math.Min(kitLow[k], options.ClipMv);
                    simSq += d * d;
                }
                sumSq += simSq;
                count += n;
                int samples = Math.Min(
                    s.SomaVoltageHighResMv!.Length,
                    (int)Math.Round(DurationOf(s) / NeuronIoFile.DefaultHighResDtMs)
                );
                // A maximum needs a following sample: both trains come from the first `samples` samples.
                double lastMs = (samples - 1) * NeuronIoFile.DefaultHighResDtMs;
                var refSpikes = s.DetectOutputSpikesMs().Where(t => t < lastMs).ToArray();
                var kitSpikes = SpikeRules.DatasetLocalMaxima(
                    result.Trace("soma_hr", l).AsSpan(0, samples),
                    NeuronIoFile.DefaultHighResDtMs
                );
                int matched = SpikeMatching.CountMatches(
                    refSpikes,
                    kitSpikes,
                    options.MatchWindowMs
                );
                rows.Add(
                    new NeuronIoValidationRow(
                        s.Index,
                        Math.Sqrt(simSq / n),
                        refSpikes.Length,
                        kitSpikes.Length,
                        matched,
                        [.. refSpikes],
                        [.. kitSpikes]
                    )
                );
            }
        }
        int refTotal = rows.Sum(r => r.ReferenceSpikes),
            kitTotal = rows.Sum(r => r.KitSpikes),
            matchedTotal = rows.Sum(r => r.MatchedSpikes);
        return new NeuronIoValidationReport(
            path,
            type,
            options.Simulation.DtMs,
            options.Simulation.Method,
            count > 0 ? Math.Sqrt(sumSq / count) : double.NaN,
            SpikeMatching.MatchFraction(matchedTotal, refTotal, kitTotal),
            rows.Count,
            refTotal,
            kitTotal,
            wall,
            [.. rows]
        );
    }

    /// <summary>The file simulation's input spikes as engine events (segment k → synapse k of each group).</summary>
    public static IEnumerable<SynapticEvent> Events(
        NeuronIoSimulation s,
        int excGroup,
        int inhGroup
    ) => Events(s.ExcitatoryInputSpikeTimesMs, s.InhibitoryInputSpikeTimesMs, excGroup, inhGroup);

    /// <summary>
    /// Input spike times per dataset segment as engine events: segment k's excitatory times → synapse k of
    /// <paramref name="excGroup"/>, its inhibitory times → synapse k of <paramref name="inhGroup"/>.
    /// </summary>
    public static IEnumerable<SynapticEvent> Events(
        IReadOnlyDictionary<int, double[]> excitatory,
        IReadOnlyDictionary<int, double[]> inhibitory,
        int excGroup,
        int inhGroup
    )
    {
        foreach (var (seg, times) in excitatory)
        foreach (double t in times)
            yield return new SynapticEvent(t, excGroup, seg);
        foreach (var (seg, times) in inhibitory)
        foreach (double t in times)
            yield return new SynapticEvent(t, inhGroup, seg);
    }

    /// <summary>Forwards a batch's simulated ms (per lane) to the overall reporter.</summary>
    private sealed class BatchProgress : IDisposable, IProgressSink
    {
        private readonly ProgressReporter _outer;
        private readonly long _offset;
        private readonly int _lanes;

        public BatchProgress(ProgressReporter outer, long offset, int lanes)
        {
            _lanes = lanes;
            _outer = outer;
            _offset = offset;
            Reporter = new ProgressReporter(outer.Task, outer.Total, this);
        }

        public ProgressReporter Reporter { get; }

        public void Report(ProgressUpdate update) => _outer.SetDone(_offset + update.Done * _lanes);

        public void Complete(ProgressUpdate final) { }

        public void Dispose() => Reporter.Dispose();
    }
}
