using Kit.Cli;
using Kit.Figures.Fig4;
using Kit.Neuron.Cells;
using static Kit.Cli.Tests.KitRunner;

namespace Kit.Cli.Tests;

/// <summary><c>kit sweep</c> and <c>kit sweep merge</c>: bad input is a one-line usage error; a merge writes one table.</summary>
[Collection("process state")]
public sealed class SweepCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("kit-sweep-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Theory]
    [InlineData("3/2")]
    [InlineData("x")]
    [InlineData("1/0")]
    public void AMalformedShardIsAOneLineUsageErrorNamingIt(string shard)
    {
        var (code, output, err) = RunKit(
            "sweep",
            "--profile",
            "smoke",
            "--shard",
            shard,
            "--out",
            root
        );
        Assert.Equal(Program.UsageError, code);
        Assert.Equal("", output);
        var line = Assert.Single(Lines(err));
        Assert.StartsWith("--shard:", line);
        Assert.Contains($"\"{shard}\"", line);
        Assert.Empty(Directory.GetFiles(root)); // nothing ran
    }

    [Fact]
    public void AnUnknownSynapseTypeIsAUsageError()
    {
        var (code, _, err) = RunKit("sweep", "--synapses", "gaba", "--profile", "smoke");
        Assert.Equal(Program.UsageError, code);
        Assert.Contains("gaba", err);
    }

    [Fact]
    public void MergeOverAForeignCsvIsAOneLineUsageErrorNamingTheFile()
    {
        var foreign = Path.Combine(root, "metrics.csv");
        File.WriteAllText(foreign, "model,auc\nfcn,0.9\n");
        var (code, output, err) = RunKit(
            "sweep",
            "merge",
            foreign,
            "--out",
            Path.Combine(root, "sweep.csv")
        );
        Assert.Equal(Program.UsageError, code);
        Assert.Equal("", output);
        var line = Assert.Single(Lines(err));
        Assert.Contains(foreign, line);
        Assert.Contains("not a sweep table", line);
        Assert.False(File.Exists(Path.Combine(root, "sweep.csv")));
    }

    [Fact]
    public void MergeWritesTheShardsAsOneSortedTable()
    {
        SweepRow Row(ExcitatorySynapseKind s, int depth, double auc) =>
            new(
                new SweepPoint(s, depth, 8, 30),
                1000 * depth,
                auc,
                auc - 0.1,
                auc + 0.1,
                0.2,
                1.5,
                12.5,
                40,
                4,
                1,
                [auc, auc - 0.05]
            );
        var rows = new[]
        {
            Row(ExcitatorySynapseKind.AmpaNmda, 1, 0.7),
            Row(ExcitatorySynapseKind.AmpaNmda, 3, 0.8),
            Row(ExcitatorySynapseKind.Ampa, 1, 0.75),
            Row(ExcitatorySynapseKind.Ampa, 3, 0.72),
        };
        var shards = Path.Combine(root, "rows");
        SweepTable.Write(Path.Combine(shards, "sweep-both-shard-1-of-2.csv"), [rows[1], rows[3]]);
        SweepTable.Write(Path.Combine(shards, "sweep-both-shard-0-of-2.csv"), [rows[2], rows[0]]);
        var merged = Path.Combine(root, "sweep.csv");
        var (code, output, err) = RunKit("sweep", "merge", shards, "--out", merged);
        Assert.Equal(Program.Success, code);
        Assert.Equal("", err);
        Assert.Contains("4 networks", output);
        var expected = Path.Combine(root, "expected.csv");
        SweepTable.Write(expected, rows);
        Assert.Equal(File.ReadAllText(expected), File.ReadAllText(merged));
        Assert.StartsWith(
            "synapses,depth,width,history_ms,kernels_ms,parameters,auc,auc_ci_lo,auc_ci_hi,tpr_at_fpr_0.002,rmse_mv_rescaled,train_seconds",
            File.ReadAllText(merged)
        );
    }
}
