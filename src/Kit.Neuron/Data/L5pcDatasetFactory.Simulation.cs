using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Data.NeuronIo;
using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;
using Engine = Kit.Neuron.Simulation.Simulation;

namespace Kit.Neuron.Data;

// One lane group simulated: inputs drawn per simulation, one engine with a lane each, the recorded traces turned
// into dataset records.
public sealed partial class L5pcDatasetFactory
{
    /// <summary>
    /// Simulates simulations [<paramref name="first"/>, first + count) as the lanes of one engine and returns their
    /// records (NeuronIO channel order, soma and nexus at 1 ms, output spikes by the dataset rule).
    /// </summary>
    public SimulationRecord[] SimulateLaneGroup(
        int first,
        int count,
        ProgressReporter? progress = null
    )
    {
        var inputs = new L5pcInput[count];
        for (int l = 0; l < count; l++)
            inputs[l] = generator.Generate(Config.Seed, first + l);
        return Simulate(inputs, progress);
    }

    /// <summary>
    /// Simulates given <paramref name="inputs"/> (e.g. an <see cref="OodInputGenerator"/>'s) as the lanes of one
    /// engine, like <see cref="SimulateLaneGroup"/>: each must have this cell's segments and
    /// <see cref="L5pcDatasetConfig.DurationMs"/> bins.
    /// </summary>
    public SimulationRecord[] Simulate(
        IReadOnlyList<L5pcInput> inputs,
        ProgressReporter? progress = null
    )
    {
        int d = Config.DurationMs;
        int count = inputs.Count;
        if (count == 0)
            throw new ArgumentException("no inputs", nameof(inputs));
        foreach (var x in inputs)
            if (x.Segments != generator.Segments || x.DurationMs != d)
                throw new ArgumentException(
                    $"an input of {x.Segments} segments x {x.DurationMs} ms; this factory simulates "
                        + $"{generator.Segments} x {d} ms",
                    nameof(inputs)
                );
        var events = new IEnumerable<SynapticEvent>[count];
        for (int l = 0; l < count; l++)
            events[l] = NeuronIoValidation.Events(
                AsNeuronIo(inputs[l]),
                excitatoryGroup,
                inhibitoryGroup
            );
        SimulationResult result;
        if (engine != null)
            result = engine.Run(Cell, Config.Simulation, events, d, plan, progress).Result;
        else
        {
            var cpu = new Engine(Cell, Config.Simulation with { Lanes = count });
            for (int l = 0; l < count; l++)
                cpu.SetEvents(l, events[l]);
            result = cpu.Run(d, plan, progress);
        }
        var records = new SimulationRecord[count];
        for (int l = 0; l < count; l++)
        {
            var spikes = SpikeRules
                .DatasetLocalMaxima(result.Trace(HayL5pcRecording.SomaHighRes, l), SpikeTraceDtMs)
                .Where(t => t < d)
                .ToArray();
            records[l] = new SimulationRecord(
                Channels,
                d,
                inputs[l].SpikeChannels,
                inputs[l].SpikeTimesMs,
                OneMs(result.Trace(HayL5pcRecording.SomaLowRes, l), d),
                spikes,
                OneMs(result.Trace(HayL5pcRecording.NexusLowRes, l), d)
            );
        }
        return records;
    }

    /// <summary>
    /// Simulation <paramref name="simulation"/> alone (one lane), recording every dataset segment's voltage: N
    /// traces (dataset segment order) of <see cref="L5pcDatasetConfig.DurationMs"/> samples, sample k = the voltage
    /// (mV) at k ms. The input is the one <see cref="SimulateLaneGroup"/> gives the same simulation. For the
    /// dendritic clustering (<see cref="DendriticClustering"/>); datasets do not store these traces.
    /// </summary>
    public float[][] SimulateSegmentVoltages(int simulation, ProgressReporter? progress = null)
    {
        int d = Config.DurationMs;
        var engine = new Engine(Cell, Config.Simulation with { Lanes = 1 });
        var input = generator.Generate(Config.Seed, simulation);
        engine.SetEvents(
            0,
            NeuronIoValidation.Events(AsNeuronIo(input), excitatoryGroup, inhibitoryGroup)
        );
        var result = engine.Run(d, HayL5pcRecording.Plan(Cell, allSegments: true), progress);
        var v = new float[generator.Segments][];
        for (int k = 0; k < v.Length; k++)
            v[k] = OneMs(result.Trace(HayL5pcRecording.Segment(k), 0), d);
        return v;
    }

    private static float[] OneMs(double[] trace, int durationMs)
    {
        var v = new float[durationMs];
        for (int k = 0; k < durationMs; k++)
            v[k] = (float)trace[k];
        return v;
    }

    /// <summary>The drawn input as the NeuronIO per-segment spike-time maps the engine's event helper takes.</summary>
    private static NeuronIoSimulation AsNeuronIo(L5pcInput input) =>
        new()
        {
            ExcitatoryInputSpikeTimesMs = Times(input.InputSpikesPerSegment(inhibitory: false)),
            InhibitoryInputSpikeTimesMs = Times(input.InputSpikesPerSegment(inhibitory: true)),
        };

    private static Dictionary<int, double[]> Times(IReadOnlyDictionary<int, int[]> perSegment) =>
        perSegment.ToDictionary(kv => kv.Key, kv => kv.Value.Select(t => (double)t).ToArray());
}
