using System.Text.Json;
using Kit.Cli;
using Kit.Neuron.Data;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary>
/// <c>kit simulate l23 random|sequence|in-out</c>: a tiny dataset (readable, deterministic, never overwritten), NEURON's
/// IN peak at 5 ms, the IN/OUT table and ratio, and usage errors that name the option and write nothing.
/// </summary>
[Collection("process state")]
public sealed class SimulateL23CommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("kit-simulate-l23-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Code, string Out, string Err) L23(params string[] args) =>
        RunKit(["simulate", "l23", .. args]);

    private static JsonElement ReadJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    private static string[] Random(string file, params string[] extra) =>
        [
            "random",
            "--simulations",
            "2",
            "--duration-ms",
            "300",
            "--seed",
            "5",
            "--out",
            file,
            .. extra,
        ];

    [Fact]
    public void RandomWritesAReadableDeterministicDatasetAndNeverOverwritesIt()
    {
        var a = Path.Combine(dir, "a.npz");
        var (code, output, err) = L23(Random(a));
        Assert.True(code == Program.Success, err);
        Assert.Contains("2 simulations x 300 ms, seed 5", output);
        Assert.Contains("input spikes per 100 ms on average", output);
        Assert.Contains(a, output);
        Assert.Contains("simulate 2/2", err);
        var dataset = DatasetFile.Read(a);
        Assert.Equal(2, dataset.Simulations.Count);
        Assert.Equal(9, dataset.Channels);
        Assert.All(dataset.Simulations, s => Assert.Equal(300, s.DurationMs));
        Assert.Equal(BrancoDataset.GeneratorName, dataset.Metadata.Generator);

        // The same seed on one thread gives the same bytes.
        var b = Path.Combine(dir, "b.npz");
        Assert.Equal(Program.Success, L23(Random(b, "--threads", "1")).Code);
        var bytes = File.ReadAllBytes(a);
        Assert.Equal(bytes, File.ReadAllBytes(b));

        // The same command again does nothing; another dataset is refused and the file stays as it was.
        (code, output, _) = L23(Random(a));
        Assert.Equal(Program.Success, code);
        Assert.Contains("nothing to do", output);
        (code, _, err) = L23(Random(a, "--spikes-per-100ms", "20-40"));
        Assert.Equal(Program.UsageError, code);
        Assert.Contains($"--out {a} already holds a different dataset", err);
        Assert.Equal(bytes, File.ReadAllBytes(a));
        var junk = Path.Combine(dir, "junk.npz");
        File.WriteAllText(junk, "not a zip");
        (code, _, err) = L23(Random(junk));
        Assert.Equal(Program.UsageError, code);
        Assert.Contains($"--out {junk} exists and is not a readable dataset", err);
        Assert.Equal("not a zip", File.ReadAllText(junk));
        Assert.Equal(3, Directory.GetFiles(dir).Length);
    }

    [Fact]
    public void SequenceInAt5MsHasNeuronsPeakAndDirectionalityOne()
    {
        var json = Path.Combine(dir, "in5.json");
        var (code, output, err) = L23(
            "sequence",
            "--order",
            "in",
            "--interval-ms",
            "5",
            "--json",
            json
        );
        Assert.True(code == Program.Success, err);
        Assert.Contains("(IN) at 5 ms: peak soma depolarisation 9.72", output);
        Assert.Contains("directionality index 1", output);
        var r = ReadJson(json);
        // NEURON: 9.722 mV for IN at 5 ms (reference/l23_branco).
        Assert.Equal(9.722, r.GetProperty("peak_soma_depolarisation_mv").GetDouble(), 0.05);
        Assert.Equal(1, r.GetProperty("directionality_index").GetDouble());
        Assert.Equal("IN", r.GetProperty("name").GetString());
        Assert.Equal(201, r.GetProperty("soma_v_mv").GetArrayLength());
        Assert.Equal(201, r.GetProperty("dendrite_v_mv").GetArrayLength());
        Assert.True(r.GetProperty("peak_dendrite_depolarisation_mv").GetDouble() > 9.722);
    }

    [Fact]
    public void InOutTableHasInAboveOutAndTheRatioOfSums()
    {
        var json = Path.Combine(dir, "inout.json");
        var (code, output, err) = L23("in-out", "--intervals-ms", "0,2,5", "--json", json);
        Assert.True(code == Program.Success, err);
        Assert.Contains("IN peak (mV)", output);
        Assert.Contains("9.722", output);
        var r = ReadJson(json);
        double[] ins =
        [
            .. r.GetProperty("in_peak_soma_depolarisation_mv")
                .EnumerateArray()
                .Select(x => x.GetDouble()),
        ];
        double[] outs =
        [
            .. r.GetProperty("out_peak_soma_depolarisation_mv")
                .EnumerateArray()
                .Select(x => x.GetDouble()),
        ];
        Assert.Equal(ins[0], outs[0], 1e-9); // all at once: the order does not matter
        Assert.True(ins[1] > outs[1], $"IN {ins[1]} <= OUT {outs[1]} at 2 ms");
        double ratio = (ins[1] + ins[2]) / (outs[1] + outs[2]);
        Assert.Equal(ratio, r.GetProperty("ratio_of_sums").GetDouble(), 1e-12);
        Assert.True(ratio > 1);
        Assert.Contains($"sum(IN)/sum(OUT) over the 2 intervals > 0 ms: {ratio:0.000}", output);
        Assert.Equal(6, r.GetProperty("runs").GetArrayLength());
    }

    public static TheoryData<string[], string> BadInputs() =>
        new()
        {
            { ["sequence", "--order", "0,1,1", "--interval-ms", "2"], "--order '0,1,1'" },
            { ["sequence", "--order", "0,9", "--interval-ms", "2"], "--order '0,9'" },
            { ["sequence", "--order", "in,x", "--interval-ms", "2"], "--order 'in,x'" },
            { ["sequence", "--order", "in", "--interval-ms", "-1"], "--interval-ms -1" },
            { ["sequence", "--order", "out", "--interval-ms", "19"], "--interval-ms 19" },
            { ["in-out", "--intervals-ms", "0,-2"], "--intervals-ms '0,-2'" },
            { ["random", "--simulations", "0", "--seed", "1"], "--simulations 0" },
            { ["random", "--simulations", "1", "--seed", "4294967296"], "--seed 4294967296" },
            { ["random", "--simulations", "1", "--seed", "-1"], "--seed -1" },
            {
                ["random", "--simulations", "1", "--seed", "1", "--spikes-per-100ms", "15"],
                "--spikes-per-100ms '15'"
            },
            {
                ["random", "--simulations", "1", "--seed", "1", "--duration-ms", "0"],
                "--duration-ms 0"
            },
        };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputIsAOneLineUsageErrorNamingTheOptionAndWritesNothing(
        string[] args,
        string named
    )
    {
        var file = Path.Combine(dir, "out.file");
        string[] output = args[0] == "random" ? ["--out", file] : ["--json", file];
        var (code, stdout, err) = L23([.. args, .. output]);
        Assert.Equal(Program.UsageError, code);
        Assert.Contains(named, err);
        Assert.Single(err.Split('\n'), line => line.Contains(named));
        Assert.DoesNotContain("   at ", err);
        Assert.Equal("", stdout);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void OutputInAMissingFolderOrOnAFolderIsRefusedBeforeAnySimulation()
    {
        var missing = Path.Combine(dir, "missing", "a.npz");
        var (code, _, err) = L23(Random(missing));
        Assert.Equal(Program.UsageError, code);
        Assert.Contains(
            $"--out {missing}: the folder {Path.GetDirectoryName(missing)} does not exist",
            err
        );
        Assert.DoesNotContain("simulate 0/", err);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));

        (code, _, err) = L23(Random(dir));
        Assert.Equal(Program.UsageError, code);
        Assert.Contains($"--out {dir} is a folder", err);

        (code, _, err) = L23("sequence", "--order", "in", "--interval-ms", "1", "--json", missing);
        Assert.Equal(Program.UsageError, code);
        Assert.Contains($"--json {missing}", err);
        Assert.Empty(Directory.GetFileSystemEntries(dir));
    }
}
