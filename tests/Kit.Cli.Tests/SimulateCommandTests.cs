using Kit.Cli;
using Kit.Tests.Shared;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary><c>kit simulate l5pc</c>: usage errors, a tiny run, its no-op rerun, and a corrupt part.</summary>
[Collection("process state")]
public sealed class SimulateCommandTests
{
    private static string[] Args(string morphology, string outDir, params string[] extra) =>
        [
            "simulate",
            "l5pc",
            "--synapses",
            "ampa",
            "--simulations",
            "2",
            "--duration-ms",
            "20",
            "--seed",
            "5",
            "--per-part",
            "1",
            "--lanes",
            "1",
            "--morphology",
            morphology,
            "--out",
            outDir,
            .. extra,
        ];

    [Fact]
    public void MissingMorphologyIsAUsageErrorNamingTheFile()
    {
        var (code, _, err) = RunKit(Args("/nonexistent/cell1.asc", Path.GetTempPath()));
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("/nonexistent/cell1.asc", err);
    }

    [Fact]
    public void BadShardAndSynapsesAreUsageErrors()
    {
        var (code, _, err) = RunKit(Args("x.asc", Path.GetTempPath(), "--shard", "2/2"));
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("shard '2/2'", err);
        var args = Args("x.asc", Path.GetTempPath());
        args[3] = "gaba";
        (code, _, err) = RunKit(args);
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("gaba", err);
    }

    [SkippableFact]
    public void ReuseCopiesTheSharedPartsOfAnotherSizeAndRefusesAnotherDataset()
    {
        var asc = SharedData.RequireFile("morphologies/cell1.asc");
        var root = Directory.CreateTempSubdirectory("kit-simulate-reuse-").FullName;
        try
        {
            string Dir(string name) => Path.Combine(root, name);
            string[] Sized(string outDir, int simulations, params string[] extra)
            {
                var args = Args(asc, outDir, extra);
                args[Array.IndexOf(args, "--simulations") + 1] = $"{simulations}";
                return args;
            }
            var (code, _, err) = RunKit(Sized(Dir("two"), 2));
            Assert.True(code == 0, err);
            (code, var output, err) = RunKit(Sized(Dir("three"), 3, "--reuse", Dir("two")));
            Assert.True(code == 0, err);
            Assert.Contains("wrote 1 parts (1 simulations)", output);
            Assert.Contains($"reused 2 parts (2 simulations) of {Dir("two")}", output);
            Assert.Contains("dataset complete: 3 parts", output);

            // Another seed is another dataset: refused, naming its manifest and the difference.
            var other = Sized(Dir("four"), 4, "--reuse", Dir("three"));
            other[Array.IndexOf(other, "--seed") + 1] = "6";
            (code, _, err) = RunKit(other);
            Assert.Equal(Program.UsageError, code);
            Assert.Contains(Path.Combine(Dir("three"), "manifest.json"), err);
            Assert.Contains("seed 5 there, 6 here", err);
            Assert.False(Directory.Exists(Dir("four")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [SkippableFact]
    public void TinyRunThenNothingToDoThenCorruptPartNamed()
    {
        var asc = SharedData.RequireFile("morphologies/cell1.asc");
        var dir = Directory.CreateTempSubdirectory("kit-simulate-").FullName;
        try
        {
            var (code, output, err) = RunKit(Args(asc, dir, "--shard", "1/2"));
            Assert.True(code == 0, err);
            Assert.Contains("wrote 1 parts (1 simulations)", output);
            Assert.Contains("ETA", err);
            Assert.Contains("dataset: 1/2 parts present", output);
            Assert.True(File.Exists(Path.Combine(dir, "part-00001.npz")));
            Assert.False(File.Exists(Path.Combine(dir, "part-00000.npz")));
            Assert.True(File.Exists(Path.Combine(dir, "manifest.json")));

            (code, output, _) = RunKit(Args(asc, dir, "--shard", "1/2"));
            Assert.Equal(0, code);
            Assert.Contains("nothing to do", output);

            var part = Path.Combine(dir, "part-00001.npz");
            File.WriteAllText(part, "not a zip");
            (code, _, err) = RunKit(Args(asc, dir));
            Assert.Equal(Program.UsageError, code);
            Assert.Contains(part, err);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
