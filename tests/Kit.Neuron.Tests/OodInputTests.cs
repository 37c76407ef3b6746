using System.Numerics;
using Kit.Neuron.Inputs;
using Kit.Neuron.Morphology;

namespace Kit.Neuron.Tests;

/// <summary>
/// The out-of-distribution input protocols (docs/l5pc/inputs-and-outputs.md, "Out-of-distribution protocols") on the
/// file-free synthetic cell (487 segments) with hand-made clusters: each protocol produces what it says.
/// </summary>
public class OodInputTests
{
    private const int Seed = 12;

    private static readonly Lazy<Discretization> SyntheticCell = new(() =>
        Discretization.Build(Morphologies.Synthetic())
    );

    private static int SegmentCount => SyntheticCell.Value.DatasetSegments.Length;

    /// <summary>K contiguous blocks of segments (dataset order), the paper's 64 by default.</summary>
    private static SegmentClusters Blocks(int k = 64) =>
        new(k, [.. Enumerable.Range(0, SegmentCount).Select(j => j * k / SegmentCount)]);

    private static OodInputGenerator Generator(
        OodProtocol protocol,
        int durationMs = 1000,
        SegmentClusters? clusters = null
    ) =>
        OodInputGenerator.ForCell(
            L5pcInputConfig.Nmda with
            {
                DurationMs = durationMs,
            },
            SyntheticCell.Value,
            clusters ?? Blocks(),
            protocol
        );

    [Fact]
    public void Without_inhibition_no_inhibitory_spike_is_drawn()
    {
        foreach (
            var protocol in new[]
            {
                OodProtocol.ClusteredExcitationOnly,
                OodProtocol.ClusteredSinusoidalExcitationOnly,
            }
        )
        {
            var g = Generator(protocol);
            for (int i = 0; i < 4; i++)
            {
                var x = g.Generate(Seed, i).Input;
                Assert.Equal(0, x.InhibitorySpikeCount);
                Assert.True(x.ExcitatorySpikeCount > 0, $"{protocol.Name} {i}: no spike at all");
            }
        }
        // The E/I protocols of the same draws do have inhibitory spikes, so the check above can fail.
        var ei = Generator(OodProtocol.ClusteredExcitationInhibition);
        Assert.All(
            Enumerable.Range(0, 4),
            i => Assert.True(ei.Generate(Seed, i).Input.InhibitorySpikeCount > 0)
        );
    }

    [Fact]
    public void Excitation_only_is_the_paired_excitation_and_inhibition_input_minus_its_inhibition()
    {
        var e = Generator(OodProtocol.ClusteredExcitationOnly).Generate(Seed, 3);
        var ei = Generator(OodProtocol.ClusteredExcitationInhibition).Generate(Seed, 3);
        Assert.Equal(ei.StimulatedClusters, e.StimulatedClusters);
        int n = SegmentCount;
        var excOfEi = Enumerable
            .Range(0, ei.Input.SpikeChannels.Length)
            .Where(i => ei.Input.SpikeChannels[i] < n)
            .Select(i => (ei.Input.SpikeChannels[i], ei.Input.SpikeTimesMs[i]));
        Assert.Equal(excOfEi, e.Input.SpikeChannels.Zip(e.Input.SpikeTimesMs));
    }

    [Fact]
    public void No_spike_falls_outside_the_chosen_clusters()
    {
        var clusters = Blocks();
        foreach (var protocol in OodProtocol.PaperConditions)
        {
            var g = Generator(protocol, clusters: clusters);
            for (int i = 0; i < 6; i++)
            {
                var x = g.Generate(Seed, i);
                Assert.Equal(clusters.Mask(x.StimulatedClusters), x.StimulatedSegments);
                int inside = 0;
                foreach (int ch in x.Input.SpikeChannels)
                {
                    int segment = ch % SegmentCount;
                    Assert.True(
                        x.StimulatedSegments[segment],
                        $"{protocol.Name} {i}: spike on segment {segment} of unchosen cluster "
                            + clusters.Assignment[segment]
                    );
                    inside++;
                }
                Assert.True(inside > 0, $"{protocol.Name} {i}: no spike at all");
            }
        }
    }

    [Fact]
    public void The_stimulated_fraction_never_exceeds_30_percent_and_spans_1_to_19_of_64_clusters()
    {
        var g = Generator(OodProtocol.ClusteredSinusoidalExcitationInhibition, durationMs: 20);
        Assert.Equal(19, g.MaxClusters);
        var counts = new List<int>();
        for (int i = 0; i < 400; i++)
        {
            var x = g.Generate(Seed, i);
            var c = x.StimulatedClusters;
            Assert.True(c.Count <= 0.3 * 64, $"simulation {i}: {c.Count} of 64 clusters");
            Assert.Equal(c.Count, c.Distinct().Count());
            Assert.True(c.SequenceEqual(c.Order()), "clusters are listed ascending");
            Assert.All(c, k => Assert.InRange(k, 0, 63));
            counts.Add(c.Count);
            Assert.InRange(x.PeriodMs!.Value, 15, 300);
            Assert.InRange(x.PhaseRad!.Value, 0, 2 * Math.PI);
        }
        // Uniform on 1 … 19: both ends occur in 400 draws (each has probability 1 − (18/19)^400 ≈ 1).
        Assert.Equal(1, counts.Min());
        Assert.Equal(19, counts.Max());
    }

    [Fact]
    public void Preserving_the_total_rate_scales_the_stimulated_segments_up()
    {
        // The default moves the unstimulated clusters' input onto the stimulated ones.
        Assert.True(OodProtocol.ClusteredExcitationInhibition.PreserveTotalRate);
        var moved = Generator(OodProtocol.ClusteredExcitationInhibition);
        var plain = Generator(
            OodProtocol.ClusteredExcitationInhibition with
            {
                PreserveTotalRate = false,
            }
        );
        long a = 0,
            b = 0;
        for (int i = 0; i < 4; i++)
        {
            a += plain.Generate(Seed, i).Input.SpikeChannels.Length;
            b += moved.Generate(Seed, i).Input.SpikeChannels.Length;
        }
        // On average 10 of 64 clusters are chosen, so moving their share onto them multiplies the count several times.
        Assert.True(b > 2 * a, $"{b} spikes with the total rate preserved, {a} without");
    }

    [Theory]
    [InlineData(40.0)]
    [InlineData(125.0)]
    public void The_common_sinusoid_shows_at_its_period_in_the_spike_count_periodogram(
        double periodMs
    )
    {
        const int T = 6000;
        var sine = new SinusoidalModulation(periodMs, periodMs, Depth: 1);
        // One cluster holding every segment, so every segment is stimulated and the count is large.
        var clusters = new SegmentClusters(1, [.. new int[SegmentCount]]);
        var g = Generator(
            new OodProtocol("sine", MaxClusterFraction: 1, Sinusoid: sine),
            T,
            clusters
        );
        var flat = Generator(
            new OodProtocol("flat", MaxClusterFraction: 1, Sinusoid: sine with { Depth = 0 }),
            T,
            clusters
        );
        var x = g.Generate(Seed, 0);
        Assert.Equal(periodMs, x.PeriodMs);

        var power = Periodogram(CountsPerMs(x.Input), T);
        int expected = (int)Math.Round(T / periodMs);
        // Search periods 10 … 400 ms (bins T/400 … T/10): the peak is the sinusoid's bin.
        int peak = Enumerable.Range(T / 400, T / 10 - T / 400 + 1).MaxBy(m => power[m]);
        Assert.Equal(expected, peak);

        // Without modulation (depth 0, same draws) that bin holds no comparable power: the peak above is the sinusoid.
        var flatPower = Periodogram(CountsPerMs(flat.Generate(Seed, 0).Input), T);
        Assert.True(
            power[expected] > 20 * flatPower[expected],
            $"power at {periodMs} ms: {power[expected]:G3} modulated, {flatPower[expected]:G3} flat"
        );
    }

    [Fact]
    public void Same_seed_gives_the_same_input_whatever_the_threads_and_order()
    {
        var g = Generator(OodProtocol.ClusteredSinusoidalExcitationInhibition, durationMs: 300);
        var sequential = Enumerable.Range(0, 8).Select(i => g.Generate(Seed, i)).ToArray();
        var parallel = new OodInput[8];
        Parallel.For(
            0,
            8,
            new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => parallel[7 - i] = g.Generate(Seed, 7 - i)
        );
        // A fresh generator, simulation 5 alone.
        var alone = Generator(OodProtocol.ClusteredSinusoidalExcitationInhibition, 300)
            .Generate(Seed, 5);
        for (int i = 0; i < 8; i++)
            AssertSame(sequential[i], parallel[i]);
        AssertSame(sequential[5], alone);
        // Another seed gives another input, so equality above is not vacuous.
        Assert.NotEqual(
            sequential[0].Input.SpikeTimesMs,
            g.Generate(Seed + 1, 0).Input.SpikeTimesMs
        );
    }

    [Fact]
    public void Bad_values_throw_ArgumentException_naming_the_field()
    {
        void Throws(string field, Func<object> make)
        {
            var e = Assert.ThrowsAny<ArgumentException>(make);
            Assert.Equal(field, e.ParamName);
            Assert.Contains(field, e.Message, StringComparison.Ordinal);
        }
        var ok = OodProtocol.ClusteredSinusoidalExcitationInhibition;
        Throws("MaxClusterFraction", () => Generator(ok with { MaxClusterFraction = 0 }));
        Throws("MaxClusterFraction", () => Generator(ok with { MaxClusterFraction = 1.5 }));
        Throws("MaxClusterFraction", () => Generator(ok with { MaxClusterFraction = double.NaN }));
        // 30 % of 3 clusters is no whole cluster.
        Throws("MaxClusterFraction", () => Generator(ok, clusters: Blocks(3)));
        Throws("Name", () => Generator(ok with { Name = " " }));
        Throws(
            "MinPeriodMs",
            () => Generator(ok with { Sinusoid = new SinusoidalModulation(MinPeriodMs: 0) })
        );
        Throws(
            "MaxPeriodMs",
            () => Generator(ok with { Sinusoid = new SinusoidalModulation(100, 50) })
        );
        Throws(
            "Depth",
            () => Generator(ok with { Sinusoid = new SinusoidalModulation(Depth: 1.5) })
        );
        Throws(
            "Assignment",
            () =>
                Generator(ok, clusters: new SegmentClusters(64, [.. new int[SegmentCount - 1], 64]))
        );
        Throws("Clusters", () => Generator(ok, clusters: new SegmentClusters(0, [0])));
        Throws(
            "clusters",
            () => Generator(ok, clusters: new SegmentClusters(64, [.. new int[10]]))
        );
    }

    private static void AssertSame(OodInput a, OodInput b)
    {
        Assert.Equal(a.StimulatedClusters, b.StimulatedClusters);
        Assert.Equal(a.PeriodMs, b.PeriodMs);
        Assert.Equal(a.PhaseRad, b.PhaseRad);
        Assert.Equal(a.Input.SpikeChannels, b.Input.SpikeChannels);
        Assert.Equal(a.Input.SpikeTimesMs, b.Input.SpikeTimesMs);
    }

    private static double[] CountsPerMs(L5pcInput x)
    {
        var c = new double[x.DurationMs];
        foreach (int t in x.SpikeTimesMs)
            c[t]++;
        return c;
    }

    // |DFT|² of the mean-removed signal at integer frequencies m = 1 … T/10 (cycles per T ms; periods ≥ 10 ms).
    private static double[] Periodogram(double[] x, int T)
    {
        double mean = x.Average();
        var p = new double[T / 10 + 1];
        for (int m = 1; m <= T / 10; m++)
        {
            var s = Complex.Zero;
            for (int t = 0; t < T; t++)
                s += (x[t] - mean) * Complex.FromPolarCoordinates(1, -2 * Math.PI * m * t / T);
            p[m] = s.Magnitude * s.Magnitude;
        }
        return p;
    }
}
