using Kit.Neuron.Cells;

namespace Kit.Neuron.Simulation;

/// <summary>Soma and nexus voltage of one protocol condition, sampled every <see cref="DtMs"/> from t = 0.</summary>
/// <param name="Name">Condition, e.g. "soma_pulse_plus_distal_epsc".</param>
/// <param name="DtMs">Sample interval (ms).</param>
/// <param name="SomaMv">Soma voltage (mV).</param>
/// <param name="NexusMv">Nexus voltage (mV), apic[50](0.9) on the Hay cell.</param>
/// <param name="SomaSpikeTimesMs">Upward crossings of -20 mV by the soma voltage (ms), interpolated.</param>
public sealed record ProtocolRun(
    string Name,
    double DtMs,
    double[] SomaMv,
    double[] NexusMv,
    double[] SomaSpikeTimesMs
);

/// <summary>
/// The classic L5PC protocols, run on any <see cref="CellModel"/> built by <see cref="HayL5pc"/>: a somatic
/// current step (<see cref="CurrentStepProtocol"/>), Larkum's BAC firing (<see cref="BacFiringProtocol"/>) and the
/// paper's random synaptic input. Their Hay 2011 presets are the protocols of NEURON's reference runs
/// (reference/neuron/protocols in the shared reference folder, <see cref="Kit.Core.KitPaths.Shared"/>), which the
/// tests and the S1 figure compare against.
/// </summary>
public static class L5pcProtocols
{
    /// <summary>Hay's distal EPSC site on cell1 (the thickest apical location 620 um from the soma).</summary>
    public static (string Section, double X) BacEpscSite => ("apic[36]", 0.97233);

    private const double SampleMs = 0.025;

    /// <summary>
    /// The somatic current step <paramref name="protocol"/> (default <see cref="CurrentStepProtocol.Hay2011"/>),
    /// soma and nexus recorded 0..StopMs every 0.025 ms.
    /// </summary>
    public static ProtocolRun CurrentStep(
        CellModel cell,
        CurrentStepProtocol? protocol = null,
        SimulationOptions? options = null
    )
    {
        var p = protocol ?? CurrentStepProtocol.Hay2011;
        p.Validate();
        var sim = new Simulation(cell, (options ?? SimulationOptions.Fast) with { Lanes = 1 });
        sim.AddStimulus(new CurrentClamp(cell.SomaNode, p.AmpNa, p.DelayMs, p.DurationMs));
        var result = sim.Run(p.StopMs, Plan(cell));
        return Run("current_step", result, 0);
    }

    /// <summary>
    /// BAC firing <paramref name="protocol"/> (default <see cref="BacFiringProtocol.Hay2011"/>) in three lanes: the
    /// somatic pulse alone, the distal EPSC alone, and both. On a cell without Hay's apic[36], the EPSC goes to
    /// the apical node nearest <see cref="BacFiringProtocol.EpscDistanceUm"/> from the soma centre.
    /// </summary>
    public static IReadOnlyList<ProtocolRun> BacFiring(
        CellModel cell,
        BacFiringProtocol? protocol = null,
        SimulationOptions? options = null
    )
    {
        var p = protocol ?? BacFiringProtocol.Hay2011;
        p.Validate();
        int site = Site(cell, BacEpscSite, p.EpscDistanceUm);
        var clamp = new CurrentClamp(
            cell.SomaNode,
            p.PulseAmpNa,
            p.PulseStartMs,
            p.PulseDurationMs
        );
        var epsc = new EpspCurrent(site, p.EpscStartMs, p.EpscRiseMs, p.EpscDecayMs, p.EpscPeakNa);
        var sim = new Simulation(cell, (options ?? SimulationOptions.Fast) with { Lanes = 3 });
        sim.AddStimulus(clamp, 0);
        sim.AddStimulus(epsc, 1);
        sim.AddStimulus(clamp, 2);
        sim.AddStimulus(epsc, 2);
        var result = sim.Run(p.StopMs, Plan(cell));
        return
        [
            Run("soma_pulse_only", result, 0),
            Run("distal_epsc_only", result, 1),
            Run("soma_pulse_plus_distal_epsc", result, 2),
        ];
    }

    /// <summary>
    /// The cell (with its synapses) driven by input spikes in NeuronIO channel order (channel k &lt; N: excitatory
    /// synapse of dataset segment k; N + k: its inhibitory synapse), e.g. <c>L5pcInputGenerator.Generate(seed, i)</c>;
    /// soma and nexus recorded every <paramref name="sampleMs"/>.
    /// </summary>
    public static ProtocolRun RandomInput(
        CellModel cell,
        IReadOnlyList<int> spikeChannels,
        IReadOnlyList<int> spikeTimesMs,
        double durationMs,
        double sampleMs = 0.125,
        SimulationOptions? options = null,
        Kit.Core.ProgressReporter? progress = null
    )
    {
        int exc = cell.SynapseGroupIndex(HayL5pc.ExcitatoryGroup);
        int inh = cell.SynapseGroupIndex(HayL5pc.InhibitoryGroup);
        int n = cell.Tree.Discretization.DatasetSegments.Count();
        var events = new List<SynapticEvent>(spikeChannels.Count);
        for (int i = 0; i < spikeChannels.Count; i++)
        {
            int c = spikeChannels[i];
            events.Add(
                c < n
                    ? new SynapticEvent(spikeTimesMs[i], exc, c)
                    : new SynapticEvent(spikeTimesMs[i], inh, c - n)
            );
        }
        var sim = new Simulation(cell, (options ?? SimulationOptions.Fast) with { Lanes = 1 });
        sim.SetEvents(0, events);
        var plan = RecordingPlan.Of(
            cell.SomaNode,
            new Probe("soma", cell.SomaNode, sampleMs),
            new Probe("nexus", Nexus(cell), sampleMs)
        );
        var result = sim.Run(durationMs, plan, progress);
        return new ProtocolRun(
            "random_input",
            sampleMs,
            result.Trace("soma", 0),
            result.Trace("nexus", 0),
            [.. result.CrossingTimesMs(0)]
        );
    }

    private static RecordingPlan Plan(CellModel cell) =>
        RecordingPlan.Of(
            cell.SomaNode,
            new Probe("soma", cell.SomaNode, SampleMs),
            new Probe("nexus", Nexus(cell), SampleMs)
        );

    /// <summary>The nexus node: apic[50](0.9) on cell1, else the apical node nearest 680 um from the soma centre.</summary>
    public static int Nexus(CellModel cell) => Site(cell, HayL5pc.NexusSite, 680);

    /// <summary>
    /// The node of a named site when the cell has that section at about the expected distance (Hay's cell1), else
    /// the apical node nearest <paramref name="distanceUm"/> from the soma centre (any other morphology).
    /// </summary>
    private static int Site(CellModel cell, (string Section, double X) named, double distanceUm)
    {
        var d = cell.Tree.Discretization;
        var apical = d.DatasetSegments.Where(s => s.Type == Morphology.SectionType.Apical).ToList();
        var candidates = apical.Where(s => s.SectionName == named.Section).ToList();
        if (candidates.Count > 0)
        {
            var nearestX = candidates.MinBy(s => Math.Abs(s.X - named.X))!;
            if (Math.Abs(nearestX.DistanceFromSomaCentreUm - distanceUm) < 30)
                return cell.Tree.NodeAt(nearestX.SectionIndex, nearestX.X);
        }
        var best =
            apical.MinBy(s => Math.Abs(s.DistanceFromSomaCentreUm - distanceUm))
            ?? throw new ArgumentException("the cell has no apical segment");
        return cell.Tree.NodeAt(best.SectionIndex, best.X);
    }

    private static ProtocolRun Run(string name, SimulationResult result, int lane) =>
        new(
            name,
            SampleMs,
            result.Trace("soma", lane),
            result.Trace("nexus", lane),
            [.. result.CrossingTimesMs(lane)]
        );
}
