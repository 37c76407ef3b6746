using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Data;
using Kit.Neuron.Data.NeuronIo;
using Kit.Tests.Shared;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.NeuronIo;

public sealed class NeuronIoFixtureTests(ITestOutputHelper output)
{
    private const string Nmda = "reference/neuron/l5pc_nmda_fixture.p";
    private const string Ampa = "reference/neuron/l5pc_ampa_fixture.p";

    // Per file: (randomSeed, synapse type, output spikes per sim from the reference README table)
    private static readonly Dictionary<string, (long Seed, string Type, int[] Spikes)> Expected =
        new() { [Nmda] = (7001, "NMDA", [1, 39]), [Ampa] = (7003, "AMPA", [15]) };

    private static JsonElement InputParams(string fixture)
    {
        var json = JsonDocument.Parse(
            File.ReadAllText(
                SharedData.RequireFile("reference/neuron/l5pc_fixture_input_params.json")
            )
        );
        return json.RootElement.GetProperty("fixtures").GetProperty(Path.GetFileName(fixture));
    }

    [SkippableTheory]
    [InlineData(Nmda)]
    [InlineData(Ampa)]
    public void FixtureMatchesReference(string fixture)
    {
        var path = SharedData.RequireFile(fixture);
        var (seed, type, spikes) = Expected[fixture];
        var sink = new RecordingSink();
        var exp = NeuronIoFile.Read(path, sink);
        output.WriteLine(
            $"{Path.GetFileName(path)}: {exp.FileBytes / 1e6:F2} MB in {exp.ReadSeconds * 1000:F0} ms = {exp.MegabytesPerSecond:F0} MB/s"
        );

        Assert.Equal(spikes.Length, exp.SimulationCount);
        Assert.Equal(spikes.Length, exp.Simulations.Count);
        Assert.Equal(seed, exp.Params.RandomSeed);
        Assert.Equal(spikes.Length, exp.Params.NumSimulations);
        Assert.Equal(type, exp.Params.ExcitatorySynapseType);
        Assert.Equal("GABA_A", exp.Params.InhibitorySynapseType);
        Assert.Equal(6.0, exp.Params.TotalSimDurationInSec);
        Assert.Equal(8, exp.Params.NumSamplesPerMsHighRes);
        Assert.True(exp.Params.CollectAndSaveDvts);
        Assert.Equal(639, exp.Params.SegmentCount);
        Assert.Equal(262, exp.Params.AllSegmentsType!.Count(t => t == "basal"));
        Assert.Equal(193, ((IReadOnlyList<object?>)exp.Params.Values["allSectionsType"]!).Count);
        Assert.Equal(spikes.Select(s => (long)s), exp.Params.NumOutputSpikesPerSim);
        Assert.Equal(spikes.Sum(), exp.Params.TotalNumOutputSpikes);
        Assert.IsType<double>(exp.Params.Values["ISICV"]); // numpy float64 scalar
        Assert.Equal(
            spikes.Sum() - spikes.Length,
            ((IReadOnlyList<object?>)exp.Params.Values["listOfISIs"]!).Count
        );

        var reference = InputParams(fixture).GetProperty("simulations");
        for (int i = 0; i < exp.Simulations.Count; i++)
        {
            var sim = exp.Simulations[i];
            var refSim = reference[i];
            Assert.Equal(i, sim.Index);
            Assert.Equal(6000, sim.DurationMs);
            Assert.Equal(48000, sim.SomaVoltageHighResMv!.Length);
            Assert.Equal(48000, sim.NexusVoltageHighResMv!.Length);
            Assert.Equal(48000, sim.RecordingTimeHighResMs!.Length);
            Assert.Equal(5999.875f, sim.RecordingTimeHighResMs[^1]);
            Assert.Equal(0.125, sim.HighResDtMs);
            Assert.Equal(6000, sim.SomaVoltageLowResMv!.Length);
            Assert.Equal(6000, sim.NexusVoltageLowResMv!.Length);
            Assert.Equal(5999f, sim.RecordingTimeLowResMs![^1]);
            Assert.Equal(639, sim.DendriticSegments);
            Assert.Equal(639 * 6000, sim.DendriticVoltagesLowResMv!.Length);
            Assert.Empty(sim.OtherEntries);

            // the low-res soma trace is the high-res one at integer ms
            for (int t = 0; t < 6000; t += 7)
                Assert.Equal(sim.SomaVoltageHighResMv[8 * t], sim.SomaVoltageLowResMv[t]);
            // resting potential near the start (finitialize(-76))
            Assert.InRange((double)sim.SomaVoltageLowResMv[0], -77, -75);

            Assert.Equal(
                refSim.GetProperty("num_exc_input_spikes").GetInt32(),
                sim.ExcitatoryInputSpikeCount
            );
            Assert.Equal(
                refSim.GetProperty("num_inh_input_spikes").GetInt32(),
                sim.InhibitoryInputSpikeCount
            );
            Assert.Equal(
                refSim.GetProperty("num_exc_synapses_with_spike_at_t0").GetInt32(),
                sim.ExcitatoryInputSpikeTimesMs.Values.Count(ts => ts.Length > 0 && ts[0] == 0)
            );
            Assert.Equal(
                refSim.GetProperty("num_inh_synapses_with_spike_at_t0").GetInt32(),
                sim.InhibitoryInputSpikeTimesMs.Values.Count(ts => ts.Length > 0 && ts[0] == 0)
            );
            foreach (
                var ts in sim.ExcitatoryInputSpikeTimesMs.Values.Concat(
                    sim.InhibitoryInputSpikeTimesMs.Values
                )
            )
            {
                Assert.All(ts, t => Assert.True(t >= 0 && t < 6000 && t == Math.Floor(t)));
                for (int k = 1; k < ts.Length; k++)
                    Assert.True(ts[k] > ts[k - 1], "spike times increase");
            }
            Assert.All(sim.ExcitatoryInputSpikeTimesMs.Keys, k => Assert.InRange(k, 0, 638));

            // output spikes: stored float16 count and re-detection from the 0.125 ms trace
            Assert.Equal(spikes[i], refSim.GetProperty("num_output_spikes_stored").GetInt32());
            Assert.Equal(spikes[i], sim.OutputSpikeTimesMs.Length);
            var detected = sim.DetectOutputSpikesMs();
            Assert.Equal(spikes[i], detected.Length);
            for (int k = 0; k < detected.Length; k++)
                Assert.Equal((double)(Half)detected[k], (double)sim.OutputSpikeTimesMs[k]);

            var rec = sim.ToSimulationRecord(exp.Params.SegmentCount);
            Assert.Equal(1278, rec.Channels);
            Assert.Equal(6000, rec.DurationMs);
            Assert.Equal(detected, rec.OutputSpikeTimesMs);
            Assert.Equal(
                sim.ExcitatoryInputSpikeCount + sim.InhibitoryInputSpikeCount,
                rec.SpikeChannels.Count
            );
            Assert.Equal(sim.ExcitatoryInputSpikeCount, rec.SpikeChannels.Count(c => c < 639));
            Assert.Equal((float)sim.SomaVoltageLowResMv[1234], rec.SomaVoltageMv[1234]);
            Assert.Equal((float)sim.NexusVoltageLowResMv[4321], rec.NexusVoltageMv![4321]);
        }
        Assert.True(sink.Updates.Count >= spikes.Length, "progress reported per simulation");
        Assert.Equal(exp.FileBytes, sink.Final!.Done);
        Assert.Equal(new FileInfo(path).Length, exp.FileBytes);
    }

    [SkippableFact]
    public void NmdaSimulationOne_ChannelLayoutAndSpotValues()
    {
        var path = SharedData.RequireFile(Nmda);
        var exp = NeuronIoFile.Read(path);
        var sim = exp.Simulations[1];
        var rec = sim.ToSimulationRecord();
        // excitatory segment k → channel k, inhibitory → 639 + k, bin = time in ms
        var exc = sim
            .ExcitatoryInputSpikeTimesMs.OrderBy(kv => kv.Key)
            .First(kv => kv.Value.Length > 0);
        var inh = sim
            .InhibitoryInputSpikeTimesMs.OrderByDescending(kv => kv.Key)
            .First(kv => kv.Value.Length > 0);
        var input = new float[1278 * 6000];
        rec.FillInput(input, 0, 6000);
        foreach (var t in exc.Value)
            Assert.Equal(1f, input[exc.Key * 6000 + (int)t]);
        foreach (var t in inh.Value)
            Assert.Equal(1f, input[(639 + inh.Key) * 6000 + (int)t]);
        Assert.Equal(rec.SpikeChannels.Count, (int)input.Sum());

        // README: sim 0's single spike at 301.25 ms
        Assert.Equal([301.25], exp.Simulations[0].DetectOutputSpikesMs());
        // paper's training labels: int(t_f16 - 0.5)
        Assert.Equal([300], exp.Simulations[0].PaperOutputSpikeBins());
        // nexus index 436 row of the DVT matrix equals the nexus low-res trace
        var nexusRow = sim.DendriticVoltageMv(436).Span;
        for (int t = 0; t < 6000; t += 13)
            Assert.Equal(sim.NexusVoltageLowResMv![t], nexusRow[t]);
    }

    [SkippableFact]
    public void Streaming_MatchesFullRead_AndDropsOptionalParts()
    {
        var path = SharedData.RequireFile(Nmda);
        var full = NeuronIoFile.Read(path);
        var seen = new List<NeuronIoSimulation>();
        var streamed = NeuronIoFile.ForEachSimulation(
            path,
            seen.Add,
            options: new NeuronIoReadOptions { IncludeDendriticVoltages = false }
        );
        Assert.Empty(streamed.Simulations);
        Assert.Equal(2, streamed.SimulationCount);
        Assert.Equal(2, seen.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.Null(seen[i].DendriticVoltagesLowResMv);
            Assert.Equal(full.Simulations[i].SomaVoltageHighResMv, seen[i].SomaVoltageHighResMv);
            Assert.Equal(
                full.Simulations[i].InhibitoryInputSpikeCount,
                seen[i].InhibitoryInputSpikeCount
            );
        }
    }

    [SkippableFact]
    public void ReplacingSimulations_KeepsTheMemoBounded()
    {
        var path = SharedData.RequireFile(Nmda);
        long Memo(bool replace)
        {
            using var fs = File.OpenRead(path);
            int sims = 0;
            var reader = new PickleReader(
                fs,
                path,
                new PickleReaderOptions
                {
                    OnDictFilled = d =>
                        replace && d.ContainsKey("exInputSpikeTimes") ? (object)(++sims) : null,
                }
            );
            reader.Load();
            Assert.Equal(replace ? 2 : 0, sims);
            return reader.MemoCount;
        }
        long kept = Memo(replace: false);
        long bounded = Memo(replace: true);
        output.WriteLine($"memo entries at the end: {kept} without release, {bounded} with");
        Assert.True(kept > 500_000, $"whole-file memo {kept}");
        Assert.True(bounded < 1_000, $"bounded memo {bounded}");
    }

    /// <summary>
    /// The streaming read visits every simulation of both fixtures in order with the README's output spikes and reads
    /// the whole file. Its speed is printed for the record, not asserted (a timing on a shared machine cannot fail
    /// for the right reason).
    /// </summary>
    [SkippableFact]
    public void Streaming_VisitsEverySimulationOfBothFixtures()
    {
        foreach (var fixture in new[] { Nmda, Ampa })
        {
            var path = SharedData.RequireFile(fixture);
            var spikes = Expected[fixture].Spikes;
            var seen = new List<(int Index, int Spikes, int Samples)>();
            var before = GC.GetTotalAllocatedBytes();
            var r = NeuronIoFile.ForEachSimulation(
                path,
                s => seen.Add((s.Index, s.OutputSpikeTimesMs.Length, s.SomaVoltageLowResMv!.Length))
            );
            output.WriteLine(
                $"{Path.GetFileName(path)}: {r.MegabytesPerSecond:F0} MB/s, allocated {(GC.GetTotalAllocatedBytes() - before) / 1e6:F0} MB"
            );
            Assert.Equal(new FileInfo(path).Length, r.FileBytes);
            Assert.Equal(spikes.Length, r.SimulationCount);
            Assert.Equal(
                spikes.Select((n, i) => (i, n, 6000)),
                seen.Select(v => (v.Index, v.Spikes, v.Samples))
            );
        }
    }

    private sealed class RecordingSink : IProgressSink
    {
        public List<ProgressUpdate> Updates { get; } = [];
        public ProgressUpdate? Final { get; private set; }

        public void Report(ProgressUpdate update) => Updates.Add(update);

        public void Complete(ProgressUpdate final) => Final = final;
    }
}
