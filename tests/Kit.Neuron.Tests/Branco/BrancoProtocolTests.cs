using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Branco;

/// <summary>The protocol API of the Branco branch: inputs, recording, bad input.</summary>
public sealed class BrancoProtocolTests
{
    [Fact]
    public void InAndOutActivateAtStartPlusPositionTimesInterval()
    {
        var inInput = BrancoBranchInput.In(2);
        var outInput = BrancoBranchInput.Out(2);
        for (int s = 0; s < BrancoBranch.Synapses; s++)
        {
            Assert.Equal([50 + 2.0 * s], inInput.ActivationTimesMs[s].ToArray());
            Assert.Equal([50 + 2.0 * (8 - s)], outInput.ActivationTimesMs[s].ToArray());
        }
        var custom = BrancoBranchInput.Sequence([4, 0], 3, startMs: 10);
        Assert.Equal([13.0], custom.ActivationTimesMs[0].ToArray());
        Assert.Equal([10.0], custom.ActivationTimesMs[4].ToArray());
        Assert.Empty(custom.ActivationTimesMs[1]);
    }

    [Fact]
    public void SynapsesSitWhereNeuronPutsThem()
    {
        var b = BrancoReference.Branch;
        int branch = b.Morphology.IndexOf("dend[13]");
        Assert.Equal(b.Tree.EndNodeOf(branch), b.SynapseNodes[0]);
        Assert.Equal(b.Tree.EndNodeOf(b.Morphology.IndexOf("dend[12]")), b.SynapseNodes[8]);
        for (int s = 1; s < 8; s++)
            Assert.Equal(b.Tree.FirstNodeOf(branch) + 8 - s, b.SynapseNodes[s]);
        Assert.Equal(b.Tree.FirstNodeOf(branch) + 4, b.DendriteNode);
    }

    [Fact]
    public void SilentRunStaysAtRestAndSamplesEveryMillisecond()
    {
        var trace = BrancoReference.Branch.Run(BrancoBranchInput.Silent(), durationMs: 20);
        Assert.Equal(21, trace.SomaVMv.Length);
        Assert.Equal(21, trace.DendriteVMv.Length);
        Assert.All(trace.SomaVMv, v => Assert.Equal(-75, v, 9));
        Assert.Equal(0, trace.PeakSomaDepolarisationMv, 9);
    }

    [Fact]
    public void RandomTrainsWithRepeatedActivationsRun()
    {
        var times = new double[BrancoBranch.Synapses][];
        for (int s = 0; s < times.Length; s++)
            times[s] = s % 2 == 0 ? [5 + s, 25 + s] : [];
        var trace = BrancoReference.Branch.Run(
            new BrancoBranchInput(times),
            durationMs: 60,
            sampleIntervalMs: 0.125
        );
        Assert.Equal(481, trace.SomaVMv.Length);
        Assert.True(trace.PeakSomaDepolarisationMv > 1);
        // a second activation of the same synapses adds to the first
        var once = BrancoReference.Branch.Run(
            new BrancoBranchInput(times.Select(t => t.Take(1))),
            durationMs: 60
        );
        Assert.True(trace.SomaVMv[30 * 8] > once.SomaVMv[30] + 0.1);
    }

    [Fact]
    public void BadInputIsRejectedByName()
    {
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => BrancoBranchInput.Single(9));
        Assert.Contains("9", bad.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BrancoBranchInput.Sequence([0, -1], 1));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => BrancoBranchInput.In(-1));
        Assert.Equal("intervalMs", negative.ParamName);
        Assert.Throws<ArgumentException>(() => BrancoBranchInput.Sequence([1, 1], 1));
        Assert.Throws<ArgumentException>(() =>
            new BrancoBranchInput([
                [1.0],
            ])
        );
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new BrancoBranchInput(Enumerable.Range(0, 9).Select(_ => new[] { -1.0 }))
        );
        var b = BrancoReference.Branch;
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            b.Run(BrancoBranchInput.Silent(), durationMs: 10, sampleIntervalMs: 0.03)
        );
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            b.Run(BrancoBranchInput.Silent(), durationMs: -1)
        );
    }
}
