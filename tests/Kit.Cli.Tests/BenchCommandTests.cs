using System.Text.Json;
using Kit.Cli;
using Kit.Tests.Shared;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary><c>kit bench simulate</c>: the JSON report's keys, and a missing morphology as a usage error.</summary>
[Collection("process state")]
public sealed class BenchCommandTests
{
    [Fact]
    public void MissingMorphologyIsAUsageErrorNamingTheFile()
    {
        var (code, _, err) = RunKit(
            "bench",
            "simulate",
            "--cell",
            "hay-l5pc",
            "--morphology",
            "/nonexistent/cell7.asc",
            "--seconds",
            "0.05"
        );
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("/nonexistent/cell7.asc", err);
    }

    [Fact]
    public void UnknownCellIsAUsageError()
    {
        var (code, _, err) = RunKit(
            "bench",
            "simulate",
            "--cell",
            "ball-and-stick",
            "--morphology",
            "x.asc"
        );
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("ball-and-stick", err);
    }

    [SkippableFact]
    public void ShortRunWritesTheJsonKeys()
    {
        var asc = SharedData.RequireFile("morphologies/cell1.asc");
        var json = Path.Combine(
            Directory.CreateTempSubdirectory("kit-bench-").FullName,
            "bench.json"
        );
        var (code, output, err) = RunKit(
            "bench",
            "simulate",
            "--cell",
            "hay-l5pc",
            "--morphology",
            asc,
            "--synapses",
            "ampa-nmda",
            "--seconds",
            "0.05",
            "--seed",
            "3",
            "--threads",
            "1",
            "--json",
            json
        );
        Assert.True(code == 0, err);
        Assert.Contains("throughput", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        // Timings cannot be asserted; the console table must report the same measurements as the JSON.
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var wall = root.GetProperty("wall_s_per_simulated_s").GetDouble();
        var latency = root.GetProperty("single_trial_wall_s_per_simulated_s").GetDouble();
        var lines = output.Split('\n');
        var throughputRow = Assert.Single(lines, l => l.Contains("throughput"));
        Assert.Contains(wall.ToString("0.000", c), throughputRow);
        Assert.Contains("8 = 1 thread(s) x 8 lanes", throughputRow);
        var latencyRow = Assert.Single(lines, l => l.Contains("latency"));
        Assert.Contains(latency.ToString("0.000", c), latencyRow);
        Assert.Equal(8, root.GetProperty("trials").GetInt32());
        Assert.Equal(0.05, root.GetProperty("simulated_s_per_trial").GetDouble());
        Assert.Equal(8, root.GetProperty("lanes").GetInt32());
        Assert.Equal(1, root.GetProperty("threads").GetInt32());
        Assert.Equal(0.025, root.GetProperty("dt_ms").GetDouble());
        Assert.Equal("CrankNicolson", root.GetProperty("method").GetString());
        Assert.Equal(642, root.GetProperty("compartments").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("morphology_sha256").GetString()!);
    }
}
