using Kit.Core;
using Kit.Neuron.Cells;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests;

/// <summary>
/// The L5PC dataset factory: same bytes on 1 or 2 threads and across shards, resume after an interruption, clear
/// errors for corrupt parts and foreign folders. Tiny runs (3 simulations of 20 ms) on cell1.asc when ../shared
/// holds it, else on the synthetic cell written to SWC.
/// </summary>
public sealed class L5pcDatasetFactoryTests : IDisposable
{
    private readonly string root = Path.Combine(
        Path.GetTempPath(),
        $"kit-factory-{Guid.NewGuid():N}"
    );

    /// <summary>3 simulations in parts of 2 (parts 0 and 1), one lane each: three lane groups for the workers.</summary>
    private static readonly L5pcDatasetConfig Tiny = new(ExcitatorySynapseKind.AmpaNmda, 3, 20, 17)
    {
        SimulationsPerPart = 2,
        Lanes = 1,
    };

    private static readonly Lazy<string> MorphologyFile = new(() =>
    {
        var shared = SharedData.Directory is null
            ? null
            : Path.Combine(SharedData.Directory, "morphologies", "cell1.asc");
        if (shared != null && File.Exists(shared))
            return shared;
        var swc = Path.Combine(Path.GetTempPath(), $"kit-synthetic-{Environment.ProcessId}.swc");
        SwcWriter.Write(Morphologies.Synthetic(), swc);
        return swc;
    });

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private string Dir(string name) => Path.Combine(root, name);

    private static L5pcDatasetRunSummary Make(
        string dir,
        int threads = 1,
        DatasetShard? shard = null,
        L5pcDatasetConfig? config = null,
        CancellationToken? cancellation = null,
        Action<string>? partWritten = null,
        params string[] reuseFrom
    ) =>
        new L5pcDatasetFactory(config ?? Tiny, MorphologyFile.Value).Run(
            dir,
            new L5pcDatasetRunOptions
            {
                Threads = threads,
                Shard = shard ?? DatasetShard.All,
                Progress = Progress.None,
                Cancellation = cancellation ?? CancellationToken.None,
                PartWritten = partWritten,
                ReuseFrom = reuseFrom,
            }
        );

    private static void AssertSameFiles(string expected, string actual)
    {
        static string[] Names(string d) =>
            [.. Directory.GetFiles(d).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(Names(expected), Names(actual));
        foreach (var name in Names(expected))
            Assert.True(
                File.ReadAllBytes(Path.Combine(expected, name))
                    .SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))),
                $"{name} differs between {expected} and {actual}"
            );
    }

    [Fact]
    public void One_and_two_threads_write_the_same_bytes_and_a_valid_dataset()
    {
        var one = Make(Dir("one"), threads: 1);
        var two = Make(Dir("two"), threads: 2);
        Assert.Equal(
            (2, 0, 2, 3),
            (one.PartsInShard, one.PartsAlreadyComplete, one.PartsWritten, one.SimulationsWritten)
        );
        Assert.Equal(2, two.PartsWritten);
        AssertSameFiles(Dir("one"), Dir("two"));

        var all = L5pcDatasetFactory.ReadAll(Dir("one"));
        Assert.Equal(3, all.Simulations.Count);
        Assert.Equal(L5pcDatasetFactory.Generator, all.Metadata.Generator);
        Assert.Equal(17, all.Metadata.Seed);
        var config = System.Text.Json.Nodes.JsonNode.Parse(all.Metadata.ConfigJson)!;
        Assert.Equal(64, config["morphology_sha256"]!.GetValue<string>().Length);
        Assert.Equal(L5pcDatasetFactory.InputsNote, config["inputs"]!.GetValue<string>());
        Assert.Equal("ampa-nmda", config["synapses"]!.GetValue<string>());
        Assert.Equal(0.025, config["dt_ms"]!.GetValue<double>());
        Assert.Null(config["part"]);
        var factory = new L5pcDatasetFactory(Tiny, MorphologyFile.Value);
        var gen = Inputs.L5pcInputGenerator.ForCell(
            Tiny.InputConfig,
            factory.Cell.Tree.Discretization
        );
        for (int i = 0; i < 3; i++)
        {
            var s = all.Simulations[i];
            Assert.Equal(factory.Channels, s.Channels);
            Assert.Equal(20, s.SomaVoltageMv.Count);
            Assert.Equal(20, s.NexusVoltageMv!.Count);
            // NeuronIO channel order: exactly the generator's simulation i, which puts exc k on k, inh k on N + k.
            var input = gen.Generate(17, i);
            Assert.Equal(input.SpikeChannels, s.SpikeChannels);
            Assert.Equal(input.SpikeTimesMs, s.SpikeTimesMs);
            // the first sample is t = 0, where every node starts at v_init = -76 mV (NEURON's finitialize(-76))
            Assert.Equal(-76f, s.SomaVoltageMv[0], 1e-3f);
            Assert.Equal(-76f, s.NexusVoltageMv[0], 1e-3f);
        }
    }

    [Fact]
    public void Shards_together_write_the_unsharded_files()
    {
        Make(Dir("full"), threads: 2);
        var s0 = Make(Dir("sharded"), shard: new DatasetShard(0, 2));
        Assert.Equal((1, 1), (s0.PartsInShard, s0.PartsWritten));
        Assert.Equal((1, 2, false), (s0.PartsPresent, s0.Parts, s0.DatasetComplete));
        Assert.False(File.Exists(Path.Combine(Dir("sharded"), L5pcDatasetConfig.PartFileName(1))));
        var s1 = Make(Dir("sharded"), shard: new DatasetShard(1, 2));
        Assert.Equal((1, 1), (s1.PartsInShard, s1.PartsWritten));
        Assert.True(s1.DatasetComplete);
        AssertSameFiles(Dir("full"), Dir("sharded"));
        // Shard 0/2 again: already complete.
        Assert.True(Make(Dir("sharded"), shard: new DatasetShard(0, 2)).NothingToDo);
    }

    [Fact]
    public void Resume_after_cancellation_or_a_lost_part_gives_the_same_files_and_then_nothing_to_do()
    {
        Make(Dir("full"));

        // Cancelled right after the first part is in place: that part is kept, the rest is written on restart.
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Make(Dir("resumed"), cancellation: cts.Token, partWritten: _ => cts.Cancel())
        );
        Assert.True(File.Exists(Path.Combine(Dir("resumed"), L5pcDatasetConfig.PartFileName(0))));
        Assert.False(File.Exists(Path.Combine(Dir("resumed"), L5pcDatasetConfig.PartFileName(1))));
        var restart = Make(Dir("resumed"), threads: 2);
        Assert.Equal(
            (1, 1, 1),
            (restart.PartsAlreadyComplete, restart.PartsWritten, restart.SimulationsWritten)
        );
        AssertSameFiles(Dir("full"), Dir("resumed"));

        // A lost last part is regenerated; then a run with everything done changes nothing.
        File.Delete(Path.Combine(Dir("resumed"), L5pcDatasetConfig.PartFileName(1)));
        Assert.Equal(1, Make(Dir("resumed")).PartsWritten);
        AssertSameFiles(Dir("full"), Dir("resumed"));
        var again = Make(Dir("resumed"));
        Assert.True(again.NothingToDo);
        Assert.Equal(0, again.PartsWritten);
        AssertSameFiles(Dir("full"), Dir("resumed"));
    }

    [Fact]
    public void Temporary_files_of_a_killed_write_are_removed_when_old_and_kept_when_young()
    {
        var dir = Dir("tmp");
        Directory.CreateDirectory(dir);
        string Tmp(int part, string id) =>
            Path.Combine(dir, $".{L5pcDatasetConfig.PartFileName(part)}.999.{id}.tmp");
        File.WriteAllText(Tmp(1, "old"), "torn");
        File.SetLastWriteTimeUtc(Tmp(1, "old"), DateTime.UtcNow - TimeSpan.FromHours(1));
        File.WriteAllText(Tmp(1, "young"), "in flight");
        File.WriteAllText(Tmp(0, "other"), "another shard's");
        File.SetLastWriteTimeUtc(Tmp(0, "other"), DateTime.UtcNow - TimeSpan.FromHours(1));
        var run = Make(dir, shard: new DatasetShard(1, 2));
        Assert.Equal(1, run.StaleTempFilesRemoved);
        Assert.False(File.Exists(Tmp(1, "old")));
        Assert.True(File.Exists(Tmp(1, "young")));
        Assert.True(File.Exists(Tmp(0, "other")));
    }

    [Fact]
    public void Corrupt_part_is_an_error_naming_the_file()
    {
        Make(Dir("corrupt"));
        var part = Path.Combine(Dir("corrupt"), L5pcDatasetConfig.PartFileName(1));
        var bytes = File.ReadAllBytes(part);
        File.WriteAllBytes(part, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => Make(Dir("corrupt")));
        Assert.Contains(part, e.Message);
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void Folder_of_another_dataset_is_refused_naming_what_differs()
    {
        Make(Dir("a"), config: Tiny with { Simulations = 1 });
        var e = Assert.Throws<InvalidOperationException>(() =>
            Make(Dir("a"), config: Tiny with { Simulations = 1, Seed = 18 })
        );
        Assert.Contains("seed 17 there, 18 now", e.Message);
    }

    [Fact]
    public void A_larger_dataset_reuses_the_parts_of_a_smaller_one_and_writes_the_simulated_bytes()
    {
        // Tiny: 3 simulations in parts [0, 2), [2, 3). Five: [0, 2), [2, 4), [4, 5): only part 0 covers the same
        // simulations, so part 0 is copied (with the metadata of a 5-simulation dataset) and parts 1 and 2 simulated.
        var five = Tiny with
        {
            Simulations = 5,
        };
        Make(Dir("three"));
        Make(Dir("fresh"), config: five);
        var extended = Make(Dir("extended"), config: five, reuseFrom: Dir("three"));
        Assert.Equal(
            (1, 2, 2, 3),
            (
                extended.PartsReused,
                extended.SimulationsReused,
                extended.PartsWritten,
                extended.SimulationsWritten
            )
        );
        Assert.True(extended.DatasetComplete);
        AssertSameFiles(Dir("fresh"), Dir("extended"));
        var config = System.Text.Json.Nodes.JsonNode.Parse(
            L5pcDatasetFactory.ReadAll(Dir("extended")).Metadata.ConfigJson
        )!;
        Assert.Equal(5, config["simulations"]!.GetValue<int>());
    }

    [Fact]
    public void A_prefix_of_a_larger_dataset_is_copied_from_it_without_simulating()
    {
        var four = Tiny with { Simulations = 4 };
        Make(Dir("five"), config: Tiny with { Simulations = 5 });
        Make(Dir("fresh"), config: four);
        var prefix = Make(Dir("prefix"), config: four, reuseFrom: Dir("five"));
        Assert.Equal(
            (2, 4, 0, 0),
            (
                prefix.PartsReused,
                prefix.SimulationsReused,
                prefix.PartsWritten,
                prefix.SimulationsWritten
            )
        );
        AssertSameFiles(Dir("fresh"), Dir("prefix"));
        // Run again with the donor gone: the parts are this dataset's own now, verified and kept.
        Directory.Delete(Dir("five"), recursive: true);
        Assert.True(Make(Dir("prefix"), config: four).NothingToDo);
    }

    [Fact]
    public void Reusing_from_another_dataset_or_a_folder_without_one_is_refused_naming_it()
    {
        Make(Dir("seed18"), config: Tiny with { Seed = 18 });
        var e = Assert.Throws<InvalidDataException>(() =>
            Make(Dir("out"), config: Tiny with { Simulations = 5 }, reuseFrom: Dir("seed18"))
        );
        Assert.Contains(
            Path.Combine(Dir("seed18"), L5pcDatasetFactory.ManifestFileName),
            e.Message
        );
        Assert.Contains("seed 18 there, 17 here", e.Message);

        Directory.CreateDirectory(Dir("empty"));
        e = Assert.Throws<InvalidDataException>(() => Make(Dir("out"), reuseFrom: Dir("empty")));
        Assert.Contains(Path.Combine(Dir("empty"), L5pcDatasetFactory.ManifestFileName), e.Message);
        Assert.Contains("manifest not found", e.Message);
        // Refused before anything is written.
        Assert.False(Directory.Exists(Dir("out")));
    }

    [Fact]
    public void A_corrupt_part_to_reuse_is_an_error_naming_it_and_writes_nothing()
    {
        Make(Dir("three"));
        var part = Path.Combine(Dir("three"), L5pcDatasetConfig.PartFileName(0));
        var bytes = File.ReadAllBytes(part);
        File.WriteAllBytes(part, bytes.AsSpan(0, bytes.Length / 2).ToArray());
        var e = Assert.Throws<InvalidDataException>(() =>
            Make(Dir("out"), config: Tiny with { Simulations = 5 }, reuseFrom: Dir("three"))
        );
        Assert.Contains(part, e.Message);
        Assert.Contains("corrupt", e.Message);
        Assert.Empty(Directory.GetFiles(Dir("out"), "part-*"));
    }

    [Fact]
    public void The_cpu_engine_leaves_the_cache_key_as_it_was_before_the_engine_setting()
    {
        // Figures key their dataset caches by this record's JSON (KitCache.Key): the CPU engine must not appear in it,
        // or every cache made before the setting existed would be simulated again. Other engines key apart.
        var cpu = Tiny with
        {
            Engine = Kit.Neuron.Simulation.SimulationEngine.Cpu,
        };
        Assert.DoesNotContain("Engine", System.Text.Json.JsonSerializer.Serialize(cpu));
        Assert.Equal(KitCache.Key(Tiny), KitCache.Key(cpu));
        var gpu = Tiny with { Engine = Kit.Neuron.Simulation.SimulationEngine.IlgpuCpu };
        Assert.Contains("\"Engine\"", System.Text.Json.JsonSerializer.Serialize(gpu));
        Assert.NotEqual(KitCache.Key(Tiny), KitCache.Key(gpu));
    }

    [Fact]
    public void Missing_morphology_names_the_file()
    {
        var missing = Path.Combine(root, "nowhere", "cell1.asc");
        var e = Assert.Throws<FileNotFoundException>(() => new L5pcDatasetFactory(Tiny, missing));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Shard_parses_i_of_n_and_refuses_the_rest()
    {
        Assert.Equal(new DatasetShard(3, 8), DatasetShard.Parse("3/8"));
        Assert.True(new DatasetShard(1, 3).Owns(4));
        Assert.False(new DatasetShard(1, 3).Owns(5));
        foreach (var bad in new[] { "8/8", "1", "-1/2", "a/b", "1/0" })
            Assert.Throws<FormatException>(() => DatasetShard.Parse(bad));
    }

    [Fact]
    public void Simulate_runs_given_inputs_as_the_lane_group_does()
    {
        var factory = new L5pcDatasetFactory(Tiny with { Lanes = 2 }, MorphologyFile.Value);
        var generator = L5pcInputGenerator.ForCell(
            factory.Config.InputConfig,
            factory.Cell.Tree.Discretization
        );
        var expected = factory.SimulateLaneGroup(1, 2);
        var actual = factory.Simulate([
            generator.Generate(Tiny.Seed, 1),
            generator.Generate(Tiny.Seed, 2),
        ]);
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(expected[l].SpikeChannels, actual[l].SpikeChannels);
            Assert.Equal(expected[l].SpikeTimesMs, actual[l].SpikeTimesMs);
            Assert.Equal(expected[l].SomaVoltageMv, actual[l].SomaVoltageMv);
            Assert.Equal(expected[l].NexusVoltageMv, actual[l].NexusVoltageMv);
        }
        var wrong = generator.Generate(Tiny.Seed, 0) with { DurationMs = Tiny.DurationMs + 1 };
        Assert.Equal(
            "inputs",
            Assert.Throws<ArgumentException>(() => factory.Simulate([wrong])).ParamName
        );
    }

    [Fact]
    public void SimulateSegmentVoltages_records_every_segment_at_1_ms()
    {
        var config = Tiny with { DurationMs = 60 };
        var factory = new L5pcDatasetFactory(config, MorphologyFile.Value);
        var v = factory.SimulateSegmentVoltages(0);
        Assert.Equal(factory.Cell.Tree.Discretization.DatasetSegments.Length, v.Length);
        Assert.All(v, trace => Assert.Equal(60, trace.Length));
        Assert.All(v, trace => Assert.All(trace, x => Assert.True(float.IsFinite(x))));
        // Sample 0 is the initial condition everywhere; the input then moves segments apart.
        Assert.All(v, trace => Assert.Equal(-76f, trace[0], 3));
        Assert.True(v.Select(trace => trace[^1]).Distinct().Count() > v.Length / 2);
    }
}
