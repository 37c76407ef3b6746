using System.Text.Json;
using Kit.Cli;
using Kit.Tests.Shared;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary><c>kit validate</c>: usage errors, and the AMPA NeuronIO fixture re-simulated end to end.</summary>
[Collection("process state")]
public sealed class ValidateCommandTests
{
    [Fact]
    public void MissingFileIsAUsageErrorNamingIt()
    {
        var (code, _, err) = RunKit("validate", "/nonexistent/x.p", "--morphology", "cell1.asc");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("/nonexistent/x.p", err);
    }

    [SkippableFact]
    public void UnknownMethodAndMissingMorphologyAreUsageErrors()
    {
        var p = SharedData.RequireFile("reference/neuron/l5pc_ampa_fixture.p");
        Assert.Equal(
            Program.UsageError,
            RunKit("validate", p, "--morphology", "x.asc", "--method", "rk4").Code
        );
        var (code, _, err) = RunKit("validate", p, "--morphology", "/nonexistent/cell.asc");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("cell.asc", err);
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public void AmpaFixtureAgreesWithNeuron()
    {
        var p = SharedData.RequireFile("reference/neuron/l5pc_ampa_fixture.p");
        var asc = SharedData.RequireFile("morphologies/cell1.asc");
        var json = Path.Combine(
            Directory.CreateTempSubdirectory("kit-validate-").FullName,
            "report.json"
        );
        var (code, output, _) = RunKit("validate", p, "--morphology", asc, "--json", json);
        Assert.Equal(0, code);
        Assert.Contains("spike_match_fraction", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("simulations").GetInt32());
        Assert.True(root.GetProperty("soma_rms_mv").GetDouble() <= 0.5);
        Assert.True(root.GetProperty("spike_match_fraction").GetDouble() >= 0.95);
        Assert.Equal(15, root.GetProperty("reference_spikes").GetInt32());
    }
}
