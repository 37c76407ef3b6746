using System.Buffers.Binary;
using Kit.Neuron.Data;
using Kit.Neuron.Data.NeuronIo;

namespace Kit.Neuron.Tests.NeuronIo;

/// <summary>NeuronIO layout on hand-built files: optional keys, channel order, binning, memo release.</summary>
public sealed class NeuronIoSyntheticTests
{
    private static byte[] F2(params double[] v)
    {
        var b = new byte[2 * v.Length];
        for (int i = 0; i < v.Length; i++)
            BinaryPrimitives.WriteHalfLittleEndian(b.AsSpan(2 * i), (Half)v[i]);
        return b;
    }

    private static byte[] F4(params float[] v)
    {
        var b = new byte[4 * v.Length];
        for (int i = 0; i < v.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(4 * i), v[i]);
        return b;
    }

    /// <summary>A 4 ms, 3-segment "experiment": sim 0 with DVTs, sim 1 without (and float input times).</summary>
    private static PickleBytes Experiment(
        Action<PickleBytes>? extraSim1 = null,
        bool withResults = true
    )
    {
        var p = new PickleBytes().Op('}').Put(0).Mark();
        p.Str("Params").Op('}').Put(1).Mark();
        p.Str("randomSeed").Int(42).Str("excitatorySynapseType").Str("AMPA").Put(2);
        p.Str("allSegmentsType").Op(']').Mark().Str("basal").Put(3).Get(3).Str("apical").Op('e');
        p.Op('u');
        if (withResults)
        {
            p.Str("Results").Op('}').Str("listOfSingleSimulationDicts").Op(']').Put(10).Mark();
            // sim 0
            p.Op('}').Mark();
            // 4 ms at 0.5 ms resolution: a spike peak at sample 5 (2.5 ms)
            p.Str("recordingTimeHighRes").Array("f4", [8], F4(0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f));
            p.Str("somaVoltageHighRes").Array("f2", [8], F2(-76, -75, -70, -60, -30, 20, -40, -70));
            p.Str("somaVoltageLowRes").Array("f2", [4], F2(-76, -70, -30, -40));
            p.Str("nexusVoltageLowRes").Array("f2", [4], F2(-75, -74, -73, -72));
            p.Str("exInputSpikeTimes").Op('}').Mark();
            p.Int64Scalar(2).Op(']').Put(20).Mark().Int64Scalar(0).Int64Scalar(3).Op('e');
            p.Int64Scalar(0).Op(']').Int64Scalar(1).Op('a');
            p.Op('u');
            p.Str("inhInputSpikeTimes")
                .Op('}')
                .Int64Scalar(1)
                .Op(']')
                .Int64Scalar(3)
                .Op('a')
                .Op('s');
            p.Str("outputSpikeTimes").Array("f2", [1], F2(2.5));
            p.Str("dendriticVoltagesLowRes")
                .Array("f2", [3, 4], F2(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
            p.Op('u');
            // sim 1: no DVTs, no high-res traces, python ints and float times as inputs
            p.Op('}').Mark();
            p.Str("somaVoltageLowRes").Array("f2", [4], F2(-76, -76, -76, -76));
            p.Str("exInputSpikeTimes")
                .Op('}')
                .Int(1)
                .Op(']')
                .Mark()
                .Float(2.7)
                .Float(2.2)
                .Op('e')
                .Op('s');
            p.Str("inhInputSpikeTimes").Op('}');
            p.Str("outputSpikeTimes").Array("f2", [0], []);
            extraSim1?.Invoke(p);
            p.Op('u');
            p.Op('e').Op('s');
        }
        return p.Op('u').Stop();
    }

    private static NeuronIoExperiment Read(PickleBytes p) =>
        NeuronIoFile.Read(new MemoryStream(p.ToArray()), "synthetic.p");

    [Fact]
    public void OptionalKeysMayBeAbsent_AndTypesAreRight()
    {
        var exp = Read(Experiment());
        Assert.Equal(2, exp.SimulationCount);
        Assert.Equal(42, exp.Params.RandomSeed);
        Assert.Equal("AMPA", exp.Params.ExcitatorySynapseType);
        Assert.Equal(3, exp.Params.SegmentCount);
        Assert.Null(exp.Params.TotalSimDurationInSec);

        var s0 = exp.Simulations[0];
        Assert.Equal(0.5, s0.HighResDtMs);
        Assert.Equal(4, s0.DurationMs);
        Assert.Equal(3, s0.DendriticSegments);
        Assert.Equal([(Half)9, (Half)10, (Half)11, (Half)12], s0.DendriticVoltageMv(2).ToArray());
        Assert.Equal([0.0, 3.0], s0.ExcitatoryInputSpikeTimesMs[2]);
        Assert.Equal([2.5], s0.DetectOutputSpikesMs());
        Assert.Null(s0.NexusVoltageHighResMv);

        var s1 = exp.Simulations[1];
        Assert.Null(s1.DendriticVoltagesLowResMv);
        Assert.Null(s1.SomaVoltageHighResMv);
        Assert.Empty(s1.InhibitoryInputSpikeTimesMs);
        Assert.Throws<InvalidOperationException>(() => s1.DetectOutputSpikesMs());
        Assert.Throws<InvalidOperationException>(() => s1.DendriticVoltageMv(0));
    }

    [Fact]
    public void ToSimulationRecord_ChannelOrderAndBinning()
    {
        var exp = Read(Experiment());
        var records = exp.ToSimulationRecords();
        var r0 = records[0];
        Assert.Equal(6, r0.Channels);
        // (time, channel) sorted by time: exc seg 2 @0, exc seg 0 @1, exc seg 2 @3, inh seg 1 (= channel 3+1) @3
        Assert.Equal([0, 1, 3, 3], r0.SpikeTimesMs);
        Assert.Equal([2, 0, 2, 4], r0.SpikeChannels);
        Assert.Equal([-76f, -70f, -30f, -40f], r0.SomaVoltageMv);
        Assert.Equal([-75f, -74f, -73f, -72f], r0.NexusVoltageMv!);
        Assert.Equal([2.5], r0.OutputSpikeTimesMs); // re-detected, not the stored float16

        // float input times 2.7 and 2.2 land in bin 2 once; no high-res trace → stored output spikes (none)
        var r1 = records[1];
        Assert.Equal([2], r1.SpikeTimesMs);
        Assert.Equal([1], r1.SpikeChannels);
        Assert.Null(r1.NexusVoltageMv);
        Assert.Empty(r1.OutputSpikeTimesMs);

        // a segment outside the layout is an error
        Assert.Throws<ArgumentException>(() => exp.Simulations[0].ToSimulationRecord(segments: 2));
    }

    [Fact]
    public void PaperOutputBins_TruncateAfterHalfMsShift()
    {
        var exp = Read(Experiment());
        Assert.Equal([2], exp.Simulations[0].PaperOutputSpikeBins()); // int(2.5 - 0.5)
    }

    [Fact]
    public void LaterReferenceToAReleasedSimulation_IsAnError()
    {
        // sim 1 re-uses (BINGET) the spike-time list of sim 0, which was handed over and released
        var p = Experiment(x => x.Str("alias").Get(20));
        var e = Assert.Throws<PickleFormatException>(() => Read(p));
        Assert.Contains("already handed over and released", e.Message);
        Assert.StartsWith("synthetic.p: offset ", e.Message);
    }

    [Fact]
    public void NotANeuronIoFile_IsReportedWithName()
    {
        var e = Assert.Throws<InvalidDataException>(() => Read(Experiment(withResults: false)));
        Assert.StartsWith("synthetic.p: offset ", e.Message);
        Assert.Contains("listOfSingleSimulationDicts", e.Message);
    }

    [Fact]
    public void WrongValueType_IsReportedWithSimulationIndex()
    {
        var p = Experiment(x => x.Str("nexusVoltageLowRes").Str("not an array"));
        var e = Assert.Throws<InvalidDataException>(() => Read(p));
        Assert.Contains(
            "simulation 1: 'nexusVoltageLowRes' is a String, expected a numpy array",
            e.Message
        );
    }

    [Fact]
    public void SelfReferencingParameter_IsBoundedNotInfinite()
    {
        var p = new PickleBytes().Op('}').Mark();
        p.Str("Params").Op('}').Str("loop").Op(']').Put(0).Get(0).Op('a').Op('s');
        p.Str("Results").Op('}').Str("listOfSingleSimulationDicts").Op(']').Op('s');
        p.Op('u').Stop();
        var e = Assert.Throws<InvalidDataException>(() => Read(p));
        Assert.Contains("nested more than 32 levels", e.Message);
    }
}

public sealed class SpikeDetectionTests
{
    [Fact]
    public void LocalMaxima_StrictPeaksAboveThreshold()
    {
        float[] v = [-20, -70, -30, -10, -40, -24, -26, -60, 5, 5, -70, 30];
        // index 0 and the last sample are never peaks; -24 is above -25 (peak), plateau 5,5 is not strict
        Assert.Equal([3, 5], SpikeDetection.LocalMaximaIndices(v, -25));
        Assert.Equal([0.375, 0.625], SpikeDetection.LocalMaxima(v, 0.125, -25));
        Assert.Equal([3], SpikeDetection.LocalMaximaIndices(v, -20));
        Assert.Empty(SpikeDetection.LocalMaxima([], 0.125, -25));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpikeDetection.LocalMaxima(v, 0, -25));
    }
}
