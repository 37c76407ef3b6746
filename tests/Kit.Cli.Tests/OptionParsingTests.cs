using Kit.Cli;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary>
/// Options parsed and checked by System.CommandLine itself: named choices (<c>--synapses</c>, <c>--method</c>),
/// range checks, <c>--shard</c> and <c>-p name=value</c>; errors name the option and the accepted values.
/// </summary>
[Collection("process state")]
public sealed class OptionParsingTests
{
    private static IReadOnlyList<string> Errors(params string[] args) =>
        Program.BuildRoot().Parse(args).Errors.Select(e => e.Message).ToList();

    [Fact]
    public void UnknownChoicesAreUsageErrorsListingTheAcceptedNames()
    {
        var (code, _, err) = RunKit(
            "bench",
            "simulate",
            "--morphology",
            "x.asc",
            "--synapses",
            "gaba",
            "--method",
            "rk4"
        );
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("--synapses 'gaba' is not one of: ampa-nmda, ampa.", err);
        Assert.Contains(
            "--method 'rk4' is not one of: refined, fast, converged, neuron, neuron-fine.",
            err
        );
    }

    [Fact]
    public void ChoicesAreCaseInsensitiveAndTheOldNmdaAliasStillParses()
    {
        Assert.Empty(
            Errors(
                "simulate",
                "l5pc",
                "--synapses",
                "NMDA",
                "--simulations",
                "1",
                "--seed",
                "1",
                "--morphology",
                "Hay2011",
                "--out",
                "d"
            )
        );
        var file = Path.GetTempFileName();
        try
        {
            Assert.Empty(Errors("validate", "--morphology", "Hay2011", "--method", "Neuron", file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void HelpShowsTheChoicesAndDefaultsByTheirCommandLineNames()
    {
        var (code, help, _) = RunKit("bench", "simulate", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--synapses <ampa-nmda|ampa>", help);
        Assert.Contains("[default: ampa-nmda]", help);
        Assert.Contains("--method <refined|fast|converged|neuron|neuron-fine>", help);
        Assert.Contains("[default: refined]", help);
        // The same option definitions serve validate and simulate l5pc.
        Assert.Contains(
            "--method <refined|fast|converged|neuron|neuron-fine>",
            RunKit("validate", "--help").Out
        );
        Assert.Contains("--synapses <ampa-nmda|ampa>", RunKit("simulate", "l5pc", "--help").Out);
    }

    [Fact]
    public void CountsBelowOneAndNonPositiveSecondsAreRejectedByTheParser()
    {
        var errors = Errors(
            "bench",
            "simulate",
            "--morphology",
            "x.asc",
            "--threads",
            "0",
            "--lanes",
            "-4",
            "--seconds",
            "0"
        );
        Assert.Contains("--threads 0 must be at least 1.", errors);
        Assert.Contains("--lanes -4 must be at least 1.", errors);
        Assert.Contains("--seconds 0 must be positive.", errors);
    }

    [Fact]
    public void ShardAndParametersAreParsedIntoValues()
    {
        var shard = Errors(
            "simulate",
            "l5pc",
            "--simulations",
            "2",
            "--seed",
            "1",
            "--morphology",
            "Hay2011",
            "--out",
            "d",
            "--shard",
            "1/x"
        );
        Assert.Contains(shard, e => e.StartsWith("shard '1/x'", StringComparison.Ordinal));
        var parameters = Errors("notebook", "run", "nb.ipynb", "-p", "a=1", "-p", "b");
        Assert.Contains("Parameter 'b' is not of the form name=value.", parameters);
        Assert.DoesNotContain(parameters, e => e.Contains("'a=1'"));
    }
}
