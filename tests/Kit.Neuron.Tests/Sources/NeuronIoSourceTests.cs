using System.Buffers.Binary;
using Kit.Neuron.Data;
using Kit.Neuron.Data.NeuronIo;
using Kit.Neuron.Data.Sources;
using Kit.Neuron.Tests.NeuronIo;
using Kit.Tests.Shared;
using Xunit.Abstractions;

namespace Kit.Neuron.Tests.Sources;

/// <summary>NeuronIO pickles as a source: the reader's own records, streamed; one-line errors naming the file.</summary>
public sealed class NeuronIoSourceTests(ITestOutputHelper output) : IDisposable
{
    private const string Nmda = "reference/neuron/l5pc_nmda_fixture.p";
    private const string Ampa = "reference/neuron/l5pc_ampa_fixture.p";

    private readonly string root = Path.Combine(
        Path.GetTempPath(),
        $"kit-neuronio-{Guid.NewGuid():N}"
    );

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private string Temp(string name)
    {
        Directory.CreateDirectory(root);
        return Path.Combine(root, name);
    }

    private T Shown<T>(Action act)
        where T : Exception
    {
        var e = Assert.Throws<T>(act);
        output.WriteLine(e.Message);
        return e;
    }

    private T Shown<T>(Func<object?> act)
        where T : Exception
    {
        var e = Assert.Throws<T>(act);
        output.WriteLine(e.Message);
        return e;
    }

    private static readonly DatasetMetadata Meta = new("g", 0, "v", 0, "");

    [SkippableFact]
    public void FixturesEqualNeuronIoFileRead()
    {
        string nmda = SharedData.RequireFile(Nmda),
            ampa = SharedData.RequireFile(Ampa);
        var source = new NeuronIoSource([nmda, ampa]);
        Assert.Equal(1278, source.Channels);
        Assert.Equal([nmda, ampa], source.Blocks.Select(b => b.Name));
        Assert.Equal(new FileInfo(ampa).Length, source.Blocks[1].SizeBytes);
        Assert.Null(source.ParamsOf(0));

        int block = 0;
        foreach (var (path, type) in new[] { (nmda, "NMDA"), (ampa, "AMPA") })
        {
            var expected = NeuronIoFile.Read(path).ToSimulationRecords();
            var streamed = new List<SimulationRecord>();
            source.ForEach(block, streamed.Add);
            DatasetAssert.Equal(new SpikeDataset(Meta, expected), new SpikeDataset(Meta, streamed));
            Assert.Equal(type, source.ParamsOf(block)!.ExcitatorySynapseType);
            block++;
        }
    }

    [Fact]
    public void TextFileNamedP_IsRefusedInOneLine()
    {
        var path = Temp("notes.p");
        File.WriteAllText(path, "hello, this is not a pickle\n");
        var e = Shown<InvalidDataException>(() => new NeuronIoSource([path]));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("not a NeuronIO pickle", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        var empty = Temp("empty.p");
        File.WriteAllBytes(empty, []);
        e = Shown<InvalidDataException>(() => new NeuronIoSource([empty]));
        Assert.StartsWith(empty, e.Message);
    }

    [Fact]
    public void ForeignPickle_IsRefusedInOneLine()
    {
        // {'a': 1}: a valid protocol-2 pickle, but not a NeuronIO file
        var path = Temp("foreign.p");
        File.WriteAllBytes(
            path,
            new PickleBytes().Op('}').Str("a").Int(1).Op('s').Stop().ToArray()
        );
        var source = new NeuronIoSource([path]);
        var e = Shown<InvalidDataException>(() => source.ForEach(0, _ => { }));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("not a NeuronIO file", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        // a pickle that calls a function outside the allow-list
        var evil = Temp("evil.p");
        File.WriteAllBytes(
            evil,
            new PickleBytes()
                .Global("os", "system")
                .Str("echo hi")
                .Raw((byte)0x85) // TUPLE1
                .Op('R')
                .Stop()
                .ToArray()
        );
        e = Shown<InvalidDataException>(() => new NeuronIoSource([evil]).ForEach(0, _ => { }));
        Assert.StartsWith(evil, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [SkippableFact]
    public void TruncatedFixture_NamesTheFile()
    {
        var bytes = File.ReadAllBytes(SharedData.RequireFile(Ampa));
        var path = Temp("truncated.p");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var source = new NeuronIoSource([path]);
        var e = Shown<InvalidDataException>(() => source.ForEach(0, _ => { }));
        Assert.StartsWith(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void MissingFile_IsNamed()
    {
        var path = Temp("absent.p");
        var e = Shown<FileNotFoundException>(() => new NeuronIoSource([path]));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void SegmentCountIsCheckedAgainstTheFilesParams()
    {
        var path = Temp("three-segments.p");
        File.WriteAllBytes(path, ThreeSegmentFile());

        var three = new NeuronIoSource([path], segments: 3);
        Assert.Equal(6, three.Channels);
        var records = new List<SimulationRecord>();
        three.ForEach(0, records.Add);
        var r = Assert.Single(records);
        Assert.Equal([2, 5], r.SpikeChannels); // excitatory segment 2, inhibitory segment 2 = 3 + 2
        Assert.Equal([1, 3], r.SpikeTimesMs);

        var l5pc = new NeuronIoSource([path]);
        var e = Shown<InvalidDataException>(() => l5pc.ForEach(0, _ => { }));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("3 segments", e.Message);

        var two = new NeuronIoSource([path], segments: 2);
        e = Shown<InvalidDataException>(() => two.ForEach(0, _ => { }));
        Assert.StartsWith(path, e.Message);
        Assert.Contains("simulation 0", e.Message);
    }

    [Fact]
    public void CallbackExceptionsPassThrough()
    {
        var path = Temp("three-segments.p");
        File.WriteAllBytes(path, ThreeSegmentFile());
        var source = new NeuronIoSource([path], segments: 3);
        var e = Shown<InvalidDataException>(() =>
            source.ForEach(0, _ => throw new InvalidDataException("mine"))
        );
        Assert.Equal("mine", e.Message);
        Shown<ArgumentOutOfRangeException>(() => source.ForEach(1, _ => { }));
    }

    /// <summary>Params with 3 segments; one 4 ms simulation with an excitatory and an inhibitory spike on segment 2.</summary>
    internal static byte[] ThreeSegmentFile()
    {
        var soma = new byte[8];
        for (int i = 0; i < 4; i++)
            BinaryPrimitives.WriteHalfLittleEndian(soma.AsSpan(2 * i), (Half)(-70 + i));
        var p = new PickleBytes().Op('}').Mark();
        p.Str("Params").Op('}').Mark();
        p.Str("allSegmentsType").Op(']').Mark().Str("basal").Str("basal").Str("apical").Op('e');
        p.Op('u');
        p.Str("Results").Op('}').Str("listOfSingleSimulationDicts").Op(']').Mark();
        p.Op('}').Mark();
        p.Str("somaVoltageLowRes").Array("f2", [4], soma);
        p.Str("exInputSpikeTimes").Op('}').Int(2).Op(']').Float(1.5).Op('a').Op('s');
        p.Str("inhInputSpikeTimes").Op('}').Int(2).Op(']').Float(3.0).Op('a').Op('s');
        p.Str("outputSpikeTimes").Array("f2", [0], []);
        p.Op('u');
        p.Op('e').Op('s');
        return p.Op('u').Stop().ToArray();
    }
}
