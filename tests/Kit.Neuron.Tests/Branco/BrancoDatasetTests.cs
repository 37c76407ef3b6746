using Kit.Core;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;
using Kit.Neuron.Simulation;

namespace Kit.Neuron.Tests.Branco;

/// <summary>The Branco-branch dataset factory and the ordered sequences of figure 5.</summary>
public sealed class BrancoDatasetTests
{
    private static readonly BrancoDatasetConfig Short = new(
        BrancoRandomInputConfig.Paper with
        {
            DurationMs = 300,
        }
    );

    [Fact]
    public void DatasetIsTheSameOnOneThreadAndOnManyAndMatchesADirectRun()
    {
        var one = BrancoDataset.Generate(Short, 4, 11, Progress.None, maxThreads: 1);
        var many = BrancoDataset.Generate(Short, 4, 11, Progress.None, maxThreads: 4);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(one.Simulations[i].SomaVoltageMv, many.Simulations[i].SomaVoltageMv);
            Assert.Equal(one.Simulations[i].SpikeTimesMs, many.Simulations[i].SpikeTimesMs);
            Assert.Equal(one.Simulations[i].SpikeChannels, many.Simulations[i].SpikeChannels);
        }
        var input = new BrancoRandomInputGenerator(Short.Input).Generate(11, 2).Activations;
        var trace = BrancoReference.Branch.Run(input, 300);
        var r = one.Simulations[2];
        Assert.Equal(9, r.Channels);
        Assert.Equal(300, r.DurationMs);
        Assert.Empty(r.OutputSpikeTimesMs);
        Assert.Equal(input.ActivationTimesMs.Sum(a => a.Length), r.SpikeTimesMs.Count);
        for (int t = 0; t < 300; t++)
            Assert.Equal((float)trace.SomaVMv[t], r.SomaVoltageMv[t]);
        Assert.Equal(-75f, r.SomaVoltageMv[0]);
        Assert.Equal(BrancoDataset.GeneratorName, one.Metadata.Generator);
        Assert.Equal(11, one.Metadata.Seed);
    }

    [Fact]
    public void InputSpikesDepolariseTheSomaAndSilenceLeavesItAtRest()
    {
        var d = BrancoDataset.Generate(
            Short with
            {
                Input = Short.Input with { BranchSpikesPer100Ms = new(10, 15) },
            },
            1,
            5,
            Progress.None
        );
        var r = d.Simulations[0];
        Assert.NotEmpty(r.SpikeTimesMs);
        Assert.True(r.SomaVoltageMv.Max() > -74, $"max {r.SomaVoltageMv.Max()} mV");
        var silent = BrancoDataset.Record(
            BrancoBranchInput.Silent(),
            BrancoReference.Branch.Run(BrancoBranchInput.Silent(), 50),
            50
        );
        Assert.All(silent.SomaVoltageMv, v => Assert.Equal(-75, v, 4));
    }

    [Fact]
    public void RecordRefusesActivationsOffTheMillisecondGridOrPastTheEnd()
    {
        var trace = BrancoReference.Branch.Run(BrancoBranchInput.Silent(), 20);
        var e = Assert.Throws<ArgumentException>(() =>
            BrancoDataset.Record(BrancoBranchInput.Single(3, 2.5), trace, 20)
        );
        Assert.Contains("synapse 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() =>
            BrancoDataset.Record(BrancoBranchInput.Single(3, 20), trace, 20)
        );
        Assert.Throws<ArgumentException>(() =>
            BrancoDataset.Record(BrancoBranchInput.Silent(), trace, 30)
        );
    }

    [Fact]
    public void DirectionalityIndexIsPlusOneForInMinusOneForOutAndCountsPairs()
    {
        Assert.Equal(1, BrancoSequences.DirectionalityIndex(BrancoBranch.InOrder));
        Assert.Equal(-1, BrancoSequences.DirectionalityIndex(BrancoBranch.OutOrder));
        // pairs of [0, 4, 2, 8, 1]: (0,4)+ (0,2)+ (0,8)+ (0,1)+ (4,2)- (4,8)+ (4,1)- (2,8)+ (2,1)- (8,1)-: 6 - 4 of 10
        Assert.Equal(0.2, BrancoSequences.DirectionalityIndex([0, 4, 2, 8, 1]), 12);
        // the same order, step by step: +1 (0→4), −1 (4→2), +1 (2→8), −1 (8→1): 0 of 4
        Assert.Equal(0, BrancoSequences.ConsecutiveStepIndex([0, 4, 2, 8, 1]));
        Assert.Equal(0.6, BrancoSequences.ConsecutiveStepIndex([0, 1, 2, 3, 5, 4]), 12); // 4 towards, 1 away, of 5
        Assert.Equal(1, BrancoSequences.ConsecutiveStepIndex(BrancoBranch.InOrder));
        Assert.Equal(-1, BrancoSequences.ConsecutiveStepIndex(BrancoBranch.OutOrder));
        // halves in IN order, but jumping between them: locally undecided, globally towards the soma
        int[] interleaved = [0, 5, 1, 6, 2, 7, 3, 8, 4];
        Assert.Equal(0, BrancoSequences.ConsecutiveStepIndex(interleaved));
        Assert.True(BrancoSequences.DirectionalityIndex(interleaved) > 0.4);
        Assert.Throws<ArgumentException>(() => BrancoSequences.DirectionalityIndex([3]));
        Assert.Throws<ArgumentException>(() => BrancoSequences.DirectionalityIndex([3, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BrancoSequences.DirectionalityIndex([3, 9])
        );
        Assert.Throws<ArgumentException>(() => BrancoSequences.ConsecutiveStepIndex([3, 3]));
    }

    [Fact]
    public void InOutRatioSumsThePeaksAboveZeroMilliseconds()
    {
        // NEURON's peaks (biophysics/09 §7): ratio of sums over 1-8 ms = 1.206; the 0 ms pair is left out.
        double[] intervals = [0, 1, 2, 3, 4, 5, 6, 7, 8];
        double[] inMv = [9.736, 10.157, 10.476, 10.499, 10.249, 9.722, 8.784, 7.684, 6.402];
        double[] outMv = [9.736, 9.424, 9.001, 8.496, 7.964, 7.427, 6.894, 6.360, 5.782];
        Assert.Equal(1.206, BrancoSequences.InOutRatio(intervals, inMv, outMv), 3);
        Assert.Equal(2, BrancoSequences.InOutRatio([0, 2], [100, 4], [1, 2]));
        Assert.True(double.IsNaN(BrancoSequences.InOutRatio([0], [1], [1])));
        Assert.Throws<ArgumentException>(() => BrancoSequences.InOutRatio([0, 1], [1], [1, 2]));
    }

    [Fact]
    public void BranchSpikesPer100MsCountsEveryChannelOverAllSimulatedTime()
    {
        var a = new SimulationRecord(9, 200, [0, 3, 8], [1, 50, 150], new float[200], []);
        var b = new SimulationRecord(9, 100, [4], [10], new float[100], []);
        Assert.Equal(100.0 * 4 / 300, BrancoDataset.BranchSpikesPer100Ms([a, b]), 12);
        Assert.Equal(0, BrancoDataset.BranchSpikesPer100Ms([]));
    }

    [Fact]
    public void RandomOrdersAreDistinctPermutationsAndDeterministic()
    {
        var a = BrancoSequences.RandomOrders(300, 4);
        Assert.Equal(300, a.Count);
        Assert.Equal(300, a.Select(o => string.Concat(o)).Distinct().Count());
        Assert.All(a, o => Assert.Equal(Enumerable.Range(0, 9), o.Order()));
        Assert.Equal(
            a.Select(o => string.Concat(o)),
            BrancoSequences.RandomOrders(300, 4).Select(o => string.Concat(o))
        );
        Assert.NotEqual(
            a.Select(o => string.Concat(o)),
            BrancoSequences.RandomOrders(300, 5).Select(o => string.Concat(o))
        );
        // their indices spread over the whole range rather than sitting at one end
        Assert.InRange(a.Average(o => BrancoSequences.DirectionalityIndex(o)), -0.2, 0.2);
        Assert.Throws<ArgumentOutOfRangeException>(() => BrancoSequences.RandomOrders(362_881, 1));
    }

    /// <summary>Every permutation of 0 … 8 (9! of them) with its number of inversions, by brute force.</summary>
    private static List<(string Order, int Inversions)> AllOrdersWithInversions()
    {
        var all = new List<(string, int)>(362_880);
        var p = new int[9];
        var used = new bool[9];
        void Place(int at)
        {
            if (at == 9)
            {
                int inv = 0;
                for (int i = 0; i < 9; i++)
                for (int j = i + 1; j < 9; j++)
                    if (p[i] > p[j])
                        inv++;
                all.Add((string.Concat(p), inv));
                return;
            }
            for (int v = 0; v < 9; v++)
                if (!used[v])
                {
                    used[v] = true;
                    p[at] = v;
                    Place(at + 1);
                    used[v] = false;
                }
        }
        Place(0);
        return all;
    }

    [Fact]
    public void OrdersByDirectionalityFillEveryIndexValueWithDistinctOrdersOfThatValue()
    {
        var all = AllOrdersWithInversions();
        var mahonian = all.GroupBy(o => o.Inversions).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(37, mahonian.Count);

        var a = BrancoSequences.OrdersByDirectionality(8, 3);
        Assert.Equal(Enumerable.Range(0, 37).Sum(k => Math.Min(8, mahonian[k])), a.Count); // 282
        Assert.Equal(a.Count, a.Select(o => string.Concat(o)).Distinct().Count());
        Assert.All(a, o => Assert.Equal(Enumerable.Range(0, 9), o.Order()));
        var byIndex = a.GroupBy(o => BrancoSequences.DirectionalityIndex(o))
            .ToDictionary(g => (int)Math.Round((1 - g.Key) * 18), g => g.Count());
        for (int k = 0; k <= 36; k++)
            Assert.Equal(Math.Min(8, mahonian[k]), byIndex[k]);
        Assert.Contains(a, o => o.SequenceEqual(Enumerable.Range(0, 9))); // IN
        Assert.Contains(a, o => o.SequenceEqual(Enumerable.Range(0, 9).Reverse())); // OUT
        Assert.Equal(
            a.Select(o => string.Concat(o)),
            BrancoSequences.OrdersByDirectionality(8, 3).Select(o => string.Concat(o))
        );
        Assert.NotEqual(
            a.Select(o => string.Concat(o)),
            BrancoSequences.OrdersByDirectionality(8, 4).Select(o => string.Concat(o))
        );
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            BrancoSequences.OrdersByDirectionality(0, 1)
        );

        // Where a level has no more orders than asked for, it holds every one of them (so each is reachable).
        var b = BrancoSequences.OrdersByDirectionality(111, 9);
        for (int k = 0; k <= 3; k++)
        {
            var expected = all.Where(o => o.Inversions == k).Select(o => o.Order).Order();
            var drawn = b.Where(o =>
                    Math.Round((1 - BrancoSequences.DirectionalityIndex(o)) * 18) == k
                )
                .Select(o => string.Concat(o))
                .Order();
            Assert.Equal(expected, drawn);
        }
    }

    [Fact]
    public void OrdersByDirectionalityDrawUniformlyWithinALevel()
    {
        // Level k = 2 has 35 orders; 2000 single draws (one order per level, seeds 0 … 1999) should hit each about
        // 57 times. A draw biased towards some inversion tables would leave some far below (chi-square, 34 degrees of
        // freedom: 99.9 % of uniform runs stay under 65.2).
        var counts = new Dictionary<string, int>();
        for (int seed = 0; seed < 2000; seed++)
        {
            var o = BrancoSequences.OrdersByDirectionality(1, seed)[2];
            var key = string.Concat(o);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        Assert.Equal(35, counts.Count);
        double expected = 2000.0 / 35,
            chi2 = counts.Values.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi2 < 65.2, $"chi-square {chi2:F1} over 35 orders");
    }

    [Fact]
    public void InBeatsOutAtEveryNonZeroIntervalAndTheIndexRanksThem()
    {
        var (inRuns, outRuns) = BrancoSequences.InAndOut(BrancoReference.Branch, [0, 2, 5]);
        Assert.Equal(inRuns[0].PeakSomaMv, outRuns[0].PeakSomaMv, 9); // simultaneous: the same input
        for (int i = 1; i < 3; i++)
        {
            Assert.True(inRuns[i].PeakSomaMv > outRuns[i].PeakSomaMv + 0.5);
            Assert.True(inRuns[i].DirectionalityIndex > outRuns[i].DirectionalityIndex);
            Assert.Equal("IN", inRuns[i].Name);
            Assert.Equal("OUT", outRuns[i].Name);
        }
        // the same runs through Run, and the NEURON reference value of IN at 5 ms (biophysics/09 §7)
        var viaRun = BrancoSequences.Run(BrancoReference.Branch, [BrancoBranch.InOrder], 5);
        Assert.Equal(inRuns[2].PeakSomaMv, viaRun[0].PeakSomaMv, 12);
        Assert.Equal(9.722, viaRun[0].PeakSomaMv, 0.05);
    }
}
