using System.Globalization;
using Kit.Neuron.Data;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;
using Kit.Neuron.Random;
using Kit.Neuron.Tests.Morphology;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests;

/// <summary>
/// The L5PC input generator (docs/l5pc/inputs-and-outputs.md, "Constants" and "Algorithm") on the file-free
/// synthetic cell and small hand-made cells.
/// </summary>
public class L5pcInputTests(ITestOutputHelper output)
{
    private const int T = 6000;

    private static readonly Lazy<Discretization> SyntheticCell = new(() =>
        Discretization.Build(Morphologies.Synthetic())
    );

    private static L5pcInputGenerator Synthetic(L5pcInputConfig config) =>
        L5pcInputGenerator.ForCell(config, SyntheticCell.Value);

    private static (double Lo, double Hi) Range(string cell)
    {
        var parts = cell.Trim('[', ']').Replace('−', '-').Split(',');
        return (
            double.Parse(parts[0], CultureInfo.InvariantCulture),
            double.Parse(parts[1], CultureInfo.InvariantCulture)
        );
    }

    [SkippableFact]
    public void PresetsMatchTheSpecTable()
    {
        var rows = HayCell.MarkdownTable(
            "docs/biophysics/06_input_generation_and_outputs.md",
            "| configuration"
        );
        Assert.Equal(3, rows.Count);
        L5pcInputConfig[] presets =
        [
            L5pcInputConfig.Nmda,
            L5pcInputConfig.Ampa,
            L5pcInputConfig.AmpaAttenuatedSk,
        ];
        for (int i = 0; i < 3; i++)
        {
            var c = presets[i];
            Assert.Equal(
                Range(rows[i][1]),
                (c.BasalExcitatorySpikesPer100Ms.Low, c.BasalExcitatorySpikesPer100Ms.High)
            );
            Assert.Equal(
                Range(rows[i][2]),
                (
                    c.BasalInhibitoryMinusExcitatoryPer100Ms.Low,
                    c.BasalInhibitoryMinusExcitatoryPer100Ms.High
                )
            );
            Assert.Equal(
                Range(rows[i][3]),
                (c.ApicalExcitatorySpikesPer100Ms.Low, c.ApicalExcitatorySpikesPer100Ms.High)
            );
            Assert.Equal(
                Range(rows[i][4]),
                (
                    c.ApicalInhibitoryMinusExcitatoryPer100Ms.Low,
                    c.ApicalInhibitoryMinusExcitatoryPer100Ms.High
                )
            );
            Assert.Equal(
                double.Parse(rows[i][5], CultureInfo.InvariantCulture),
                c.SkE2ConductanceFactor
            );
            Assert.Equal(6000, c.DurationMs);
            Assert.Equal(10.0, c.MinSegmentLengthUm);
            Assert.Equal(18, c.RateIntervalOptionsMs.Count);
            Assert.Equal(14, c.SmoothingSigmaOptionsMs.Count);
            Assert.Null(c.InputMask);
        }
        Assert.True(L5pcInputConfig.Nmda.ExcitationHasNmda);
        Assert.False(L5pcInputConfig.Ampa.ExcitationHasNmda);
    }

    [Fact]
    public void DrawnParametersStayInTheSpecRanges()
    {
        foreach (
            var config in new[]
            {
                L5pcInputConfig.Nmda,
                L5pcInputConfig.Ampa,
                L5pcInputConfig.AmpaAttenuatedSk,
            }
        )
        {
            var gen = new L5pcInputGenerator(config, [20.0, 30.0], [true, false]);
            var jitterK = new int[39];
            int minK = int.MaxValue,
                maxK = 0,
                minSigma = int.MaxValue,
                maxSigma = 0;
            for (int seed = 0; seed < 3000; seed++)
            {
                var p = gen.DrawParameters(IntegrateAndFireDataset.SimulationStream(seed, 0));
                int k = p.RateIntervalMs,
                    sigma = p.SmoothingSigmaMs;
                Assert.Contains(config.RateIntervalOptionsMs, o => Math.Abs(k - o) <= 19);
                Assert.Contains(config.SmoothingSigmaOptionsMs, o => Math.Abs(sigma - o) <= 19);
                Assert.Equal((int)Math.Ceiling(6000.0 / k), p.RateSamples);
                (minK, maxK) = (Math.Min(minK, k), Math.Max(maxK, k));
                (minSigma, maxSigma) = (Math.Min(minSigma, sigma), Math.Max(maxSigma, sigma));
                Check(
                    p.BasalExcitatoryPer100Ms,
                    p.BasalInhibitoryPer100Ms,
                    config.BasalExcitatorySpikesPer100Ms,
                    config.BasalInhibitoryMinusExcitatoryPer100Ms
                );
                Check(
                    p.ApicalExcitatoryPer100Ms,
                    p.ApicalInhibitoryPer100Ms,
                    config.ApicalExcitatorySpikesPer100Ms,
                    config.ApicalInhibitoryMinusExcitatoryPer100Ms
                );
            }
            Assert.InRange(minK, 6, 10);
            Assert.InRange(maxK, 460, 469);
            Assert.InRange(minSigma, 6, 10);
            Assert.InRange(maxSigma, 610, 619);
            // Jitter trunc(40U − 20) alone (single option 450): values −19..19, 0 twice as likely as the others.
            var single = new L5pcInputGenerator(
                config with
                {
                    RateIntervalOptionsMs = [450],
                },
                [20.0],
                [true]
            );
            for (int seed = 0; seed < 3000; seed++)
            {
                int j =
                    single
                        .DrawParameters(IntegrateAndFireDataset.SimulationStream(seed, 1))
                        .RateIntervalMs - 450;
                Assert.InRange(j, -19, 19);
                jitterK[j + 19]++;
            }
            Assert.InRange(jitterK[19], 110, 200); // expected 150
            Assert.All(jitterK.Where((_, i) => i != 19), c => Assert.InRange(c, 35, 120)); // expected 75
        }

        static void Check(
            IReadOnlyList<double> e,
            IReadOnlyList<double> inh,
            SpikeCountRange exc,
            SpikeCountRange diff
        )
        {
            for (int s = 0; s < e.Count; s++)
            {
                Assert.InRange(e[s], exc.Low, exc.High);
                Assert.InRange(inh[s], Math.Max(0, e[s] + diff.Low), e[s] + diff.High);
            }
        }
    }

    [Fact]
    public void SameSeedSameSpikesIndependentOfCountOrderAndThreads()
    {
        var gen = new L5pcInputGenerator(
            L5pcInputConfig.Nmda,
            [.. Enumerable.Range(0, 24).Select(i => 3.0 + 2 * i)],
            [.. Enumerable.Range(0, 24).Select(i => i < 10)]
        );
        const long seed = 424242;
        var sequential = Enumerable.Range(0, 8).Select(i => gen.Generate(seed, i)).ToArray();
        var parallel = new L5pcInput[8];
        Parallel.For(
            0,
            8,
            new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[7 - i] = gen.Generate(seed, 7 - i)
        );
        var alone = gen.Generate(seed, 5);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(sequential[i].SpikeChannels, parallel[i].SpikeChannels);
            Assert.Equal(sequential[i].SpikeTimesMs, parallel[i].SpikeTimesMs);
            Assert.Equal(
                sequential[i].Parameters.BasalExcitatoryPer100Ms,
                parallel[i].Parameters.BasalExcitatoryPer100Ms
            );
        }
        Assert.Equal(sequential[5].SpikeChannels, alone.SpikeChannels);
        Assert.Equal(sequential[5].SpikeTimesMs, alone.SpikeTimesMs);
        Assert.NotEqual(sequential[0].SpikeTimesMs, sequential[1].SpikeTimesMs);
        Assert.NotEqual(sequential[0].SpikeTimesMs, gen.Generate(seed + 1, 0).SpikeTimesMs);
    }

    [Fact]
    public void SpikesAreSortedOnDatasetChannelsAndFitASimulationRecord()
    {
        var gen = Synthetic(L5pcInputConfig.Nmda);
        var input = gen.Generate(7, 0);
        int n = SyntheticCell.Value.DatasetSegments.Length;
        Assert.Equal(n, input.Segments);
        Assert.Equal(2 * n, input.Channels);
        for (int i = 1; i < input.SpikeTimesMs.Length; i++)
            Assert.True(
                input.SpikeTimesMs[i - 1] < input.SpikeTimesMs[i]
                    || (
                        input.SpikeTimesMs[i - 1] == input.SpikeTimesMs[i]
                        && input.SpikeChannels[i - 1] < input.SpikeChannels[i]
                    ),
                $"spike {i} out of (time, channel) order"
            );
        var record = new SimulationRecord(
            input.Channels,
            T,
            input.SpikeChannels,
            input.SpikeTimesMs,
            new float[T],
            []
        );
        Assert.Equal(input.SpikeChannels.Length, record.SpikeChannels.Count);

        var exc = input.InputSpikesPerSegment(inhibitory: false);
        var inh = input.InputSpikesPerSegment(inhibitory: true);
        Assert.Equal(input.ExcitatorySpikeCount, exc.Values.Sum(v => v.Length));
        Assert.Equal(input.InhibitorySpikeCount, inh.Values.Sum(v => v.Length));
        // Channels 0..n-1 are excitatory, n..2n-1 inhibitory: the counts split the spike list there.
        Assert.Equal(input.SpikeChannels.Count(c => c < n), input.ExcitatorySpikeCount);
        Assert.Equal(
            input.SpikeChannels.Length - input.ExcitatorySpikeCount,
            input.InhibitorySpikeCount
        );
        Assert.True(
            input.ExcitatorySpikeCount > 1000 && input.InhibitorySpikeCount > 0,
            "the case covers both kinds of input"
        );
        var dense = input.ToDense();
        foreach (var (seg, times) in inh)
        {
            Assert.InRange(seg, 0, n - 1);
            Assert.True(times.SequenceEqual(times.Order()), $"segment {seg}: times not ascending");
            foreach (var t in times)
                Assert.True(dense[(n + seg) * T + t]);
        }
    }

    /// <summary>
    /// Mean spike counts per tree against the expectation from the spec's ranges, in two links. (1) Spikes given the
    /// drawn parameters: 16 simulations' counts per tree, summed, equal the sum of their conditional expectations
    /// (from each simulation's K, σ and coarse rates, computed with independent window code) within 1.5 % (Poisson
    /// and spatial noise ≈ 0.3 %). (2) Parameters: over 2000 streams the mean conditional expectation equals the
    /// analytic one, E[Eb] = (lo + hi)/2, E[Ib] = (E[max(0, Eb + dlo)] + E[Eb] + dhi)/2, times the expected window mass
    /// inside 0..5999 averaged over σ (14 options × jitter −19..19, 0 twice as likely), within 2 % (per-simulation
    /// spread 8-20 % ⇒ standard error ≤ 0.5 %).
    /// </summary>
    [Theory]
    [InlineData("NMDA")]
    [InlineData("AMPA")]
    public void MeanCountsPerTreeMatchTheSpecRanges(string name)
    {
        var config = name == "NMDA" ? L5pcInputConfig.Nmda : L5pcInputConfig.Ampa;
        // 150 basal + 150 apical segments of 5-45 µm: per-segment rates stay < 0.2 per ms even for AMPA.
        int n = 300;
        var isBasal = Enumerable.Range(0, n).Select(i => i < n / 2).ToArray();
        var gen = new L5pcInputGenerator(
            config,
            [.. Enumerable.Range(0, n).Select(i => 5.0 + i % 9 * 5)],
            isBasal
        );
        string[] names = ["Eb", "Ib", "Ea", "Ia"];

        // (1) spikes | parameters.
        const int sims = 16;
        var counts = new double[4];
        var conditional = new double[4];
        var results = new L5pcInput[sims];
        Parallel.For(0, sims, i => results[i] = gen.Generate(2021, i));
        foreach (var input in results)
        {
            foreach (var ch in input.SpikeChannels)
                counts[(isBasal[ch % n] ? 0 : 2) + (ch >= n ? 1 : 0)]++;
            var c = Conditional(input.Parameters);
            for (int q = 0; q < 4; q++)
                conditional[q] += c[q];
        }
        for (int q = 0; q < 4; q++)
        {
            output.WriteLine(
                $"{name} {names[q]}: spikes / conditional expectation {counts[q] / conditional[q]:F4}"
            );
            Assert.InRange(counts[q], conditional[q] * 0.985, conditional[q] * 1.015);
        }

        // (2) parameters vs the spec's ranges.
        double massSum = 0;
        foreach (var o in config.SmoothingSigmaOptionsMs)
            for (int j = -19; j <= 19; j++)
                massSum +=
                    (j == 0 ? 2.0 : 1.0)
                    / 40
                    / config.SmoothingSigmaOptionsMs.Count
                    * L5pcInputExpectation.MassInside(o + j, T).Sum();
        Assert.InRange(massSum, 5700, 5900); // ≈ 6000 − 2·E[σ]/√(2π), E[σ] = 183.6 ms

        double[] Tree(SpikeCountRange e, SpikeCountRange d)
        {
            double me = (e.Low + e.High) / 2;
            double mi =
                (L5pcInputExpectation.MeanPositivePart(e.Low, e.High, d.Low) + me + d.High) / 2;
            return [me / 100 * massSum, mi / 100 * massSum];
        }
        double[] expected =
        [
            .. Tree(
                config.BasalExcitatorySpikesPer100Ms,
                config.BasalInhibitoryMinusExcitatoryPer100Ms
            ),
            .. Tree(
                config.ApicalExcitatorySpikesPer100Ms,
                config.ApicalInhibitoryMinusExcitatoryPer100Ms
            ),
        ];
        if (name == "NMDA")
        {
            // By hand: E[Eb] = 400; E[max(0, Eb − 600)] = 200²/(2·800) = 25, E[Ib] = (25 + 400 + 200)/2 = 312.5.
            Assert.Equal(4.0 * massSum, expected[0], 9);
            Assert.Equal(3.125 * massSum, expected[1], 9);
        }
        const int streams = 2000;
        var mean = new double[4];
        for (int i = 0; i < streams; i++)
        {
            var c = Conditional(
                gen.DrawParameters(IntegrateAndFireDataset.SimulationStream(77, i))
            );
            for (int q = 0; q < 4; q++)
                mean[q] += c[q] / streams;
        }
        for (int q = 0; q < 4; q++)
        {
            output.WriteLine(
                $"{name} {names[q]}: mean expected count {mean[q]:F0}, from the spec ranges {expected[q]:F0} (ratio {mean[q] / expected[q]:F4})"
            );
            Assert.InRange(mean[q], expected[q] * 0.98, expected[q] * 1.02);
        }

        static double[] Conditional(L5pcInputParameters p) =>
            [
                L5pcInputExpectation.TreeCount(
                    p.BasalExcitatoryPer100Ms,
                    p.RateIntervalMs,
                    p.SmoothingSigmaMs,
                    T
                ),
                L5pcInputExpectation.TreeCount(
                    p.BasalInhibitoryPer100Ms,
                    p.RateIntervalMs,
                    p.SmoothingSigmaMs,
                    T
                ),
                L5pcInputExpectation.TreeCount(
                    p.ApicalExcitatoryPer100Ms,
                    p.RateIntervalMs,
                    p.SmoothingSigmaMs,
                    T
                ),
                L5pcInputExpectation.TreeCount(
                    p.ApicalInhibitoryPer100Ms,
                    p.RateIntervalMs,
                    p.SmoothingSigmaMs,
                    T
                ),
            ];
    }

    [Fact]
    public void LongerSegmentsGetProportionallyMoreSpikes()
    {
        // Both trees alternate short (ℓ = 5 µm, λ = 15) and long (ℓ = 45 µm, λ = 55) segments.
        int n = 200;
        var lengths = Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 5.0 : 45.0).ToArray();
        var basal = Enumerable.Range(0, n).Select(i => i < n / 2).ToArray();
        var gen = new L5pcInputGenerator(L5pcInputConfig.Nmda, lengths, basal);
        Assert.Equal(100 * 35.0, gen.BasalAdjustedLengthUm, 9);
        Assert.Equal(100 * 35.0, gen.ApicalAdjustedLengthUm, 9);
        double shortCount = 0,
            longCount = 0;
        for (int i = 0; i < 4; i++)
            foreach (var ch in gen.Generate(11, i).SpikeChannels)
                if (ch % n % 2 == 0)
                    shortCount++;
                else
                    longCount++;
        Assert.InRange(longCount / shortCount, 55.0 / 15 * 0.95, 55.0 / 15 * 1.05);
    }

    [Fact]
    public void InputMaskSilencesMaskedSegmentsAndLeavesTheOthersUnchanged()
    {
        var segs = SyntheticCell.Value.DatasetSegments;
        var keep = segs.Select(s =>
                s.Type == SectionType.Apical && s.DistanceFromSomaCentreUm > 600
            )
            .ToArray();
        int n = segs.Length;
        var full = Synthetic(L5pcInputConfig.Nmda).Generate(5, 3);
        var masked = Synthetic(L5pcInputConfig.Nmda.RestrictedTo(keep)).Generate(5, 3);
        Assert.Equal(full.Parameters.RateIntervalMs, masked.Parameters.RateIntervalMs);
        Assert.All(
            masked.SpikeChannels,
            ch => Assert.True(keep[ch % n], $"masked segment {ch % n} spiked")
        );
        var expected = full
            .SpikeChannels.Select((ch, i) => (ch, t: full.SpikeTimesMs[i]))
            .Where(x => keep[x.ch % n])
            .ToArray();
        Assert.True(expected.Length > 1000);
        Assert.Equal(expected.Select(x => x.ch), masked.SpikeChannels);
        Assert.Equal(expected.Select(x => x.t), masked.SpikeTimesMs);
        Assert.Throws<ArgumentException>(() =>
            new L5pcInputGenerator(
                L5pcInputConfig.Nmda with
                {
                    InputMask = [1.0],
                },
                [1.0, 2.0],
                [true, false]
            )
        );
    }
}
