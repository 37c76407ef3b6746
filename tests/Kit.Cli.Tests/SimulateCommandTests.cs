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
