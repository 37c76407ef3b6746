using System.Buffers.Binary;
using System.Collections;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Kit.Core;
using Kit.Neuron.Data;

namespace Kit.Neuron.Tests;

public sealed class DatasetFileTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("neuronkit-dataset-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string PathOf(string name) => Path.Combine(dir, name);

    private static SpikeDataset Generated(int count = 3)
    {
        var cfg = IntegrateAndFireDatasetConfig.Paper with
        {
            Input = IntegrateAndFireDatasetConfig.Paper.Input with { DurationMs = 1500 },
        };
        return IntegrateAndFireDataset.Generate(cfg, count, 21, Progress.None);
    }

    private static SpikeDataset Tiny(bool nexus = false) =>
        new(
            new DatasetMetadata("test", 5, "0.0.0", 2, "{\"a\":1}")
            {
                ChannelLayout = "0-1 exc, 2 inh",
            },
            [
                new SimulationRecord(
                    3,
                    3,
                    [2, 0],
                    [0, 2],
                    [-75f, -70.5f, 1e-3f],
                    [1.5],
                    nexus ? [1f, 2f, 3f] : null
                ),
                new SimulationRecord(3, 3, [], [], [0f, 0f, 0f], [], nexus ? [4f, 5f, 6f] : null),
            ]
        );

    [Fact]
    public void RoundTripsAGeneratedDataset()
    {
        var data = Generated();
        var p = PathOf("if.npz");
        DatasetFile.Write(p, data);
        var back = DatasetFile.Read(p);
        DatasetAssert.Equal(data, back);
        Assert.Equal(data.Metadata.Generator, back.Metadata.Generator);
        Assert.Equal(data.Metadata.Seed, back.Metadata.Seed);
        Assert.Equal(data.Metadata.KitVersion, back.Metadata.KitVersion);
        Assert.Equal(80, back.Metadata.ExcitatoryChannels);
        Assert.Equal(data.Metadata.ChannelLayout, back.Metadata.ChannelLayout);
        Assert.True(
            JsonElement.DeepEquals(
                JsonDocument.Parse(data.Metadata.ConfigJson).RootElement,
                JsonDocument.Parse(back.Metadata.ConfigJson).RootElement
            )
        );
    }

    [Fact]
    public void RoundTripsNexusVoltageAndEmptySpikeLists()
    {
        var p = PathOf("tiny.npz");
        DatasetFile.Write(p, Tiny(nexus: true));
        var back = DatasetFile.Read(p);
        DatasetAssert.Equal(Tiny(nexus: true), back);
        Assert.NotNull(back.Simulations[1].NexusVoltageMv);
    }

    [Fact]
    public void NpyBytesAreNumpyFormat10()
    {
        var p = PathOf("tiny.npz");
        DatasetFile.Write(p, Tiny());
        using var zip = ZipFile.OpenRead(p);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Equal(
            new HashSet<string>
            {
                "metadata.json",
                "input_spike_channel.npy",
                "input_spike_time_ms.npy",
                "input_spike_offsets.npy",
                "soma_voltage_mv.npy",
                "output_spike_time_ms.npy",
                "output_spike_offsets.npy",
            },
            names
        );
        var soma = ReadAll(zip, "soma_voltage_mv.npy");
        Assert.Equal(
            new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 },
            soma[..8]
        );
        int hlen = BinaryPrimitives.ReadUInt16LittleEndian(soma.AsSpan(8));
        Assert.Equal(0, (10 + hlen) % 64);
        var header = Encoding.ASCII.GetString(soma, 10, hlen);
        Assert.StartsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header);
        Assert.EndsWith("\n", header);
        Assert.Equal(10 + hlen + 6 * 4, soma.Length);
        Assert.Equal(-70.5f, BinaryPrimitives.ReadSingleLittleEndian(soma.AsSpan(10 + hlen + 4)));

        var offsets = ReadAll(zip, "input_spike_offsets.npy");
        int olen = BinaryPrimitives.ReadUInt16LittleEndian(offsets.AsSpan(8));
        Assert.StartsWith(
            "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }",
            Encoding.ASCII.GetString(offsets, 10, olen)
        );
        Assert.Equal(
            [0L, 2L, 2L],
            Enumerable
                .Range(0, 3)
                .Select(i =>
                    BinaryPrimitives.ReadInt64LittleEndian(offsets.AsSpan(10 + olen + 8 * i))
                )
        );

        // np.load returns non-.npy members as raw bytes; metadata.json must be plain UTF-8 JSON.
        var meta = ReadAll(zip, "metadata.json");
        Assert.NotEqual(0x93, meta[0]);
        var m = JsonDocument.Parse(meta).RootElement;
        Assert.Equal("neuronkit-dataset", m.GetProperty("format").GetString());
        Assert.Equal(1, m.GetProperty("format_version").GetInt32());
        Assert.Equal(2, m.GetProperty("simulations").GetInt32());
        Assert.Equal(3, m.GetProperty("channels").GetInt32());
        Assert.Equal(3, m.GetProperty("duration_ms").GetInt32());
        Assert.Equal(1, m.GetProperty("config").GetProperty("a").GetInt32());
        Assert.Equal("0-1 exc, 2 inh", m.GetProperty("channel_layout").GetString());
    }

    [Fact]
    public void TruncatedFileFailsNamingTheFile()
    {
        var p = PathOf("trunc.npz");
        DatasetFile.Write(p, Generated(2));
        var bytes = File.ReadAllBytes(p);
        File.WriteAllBytes(p, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains(p, e.Message);
    }

    [Fact]
    public void NotAZipFailsNamingTheFile()
    {
        var p = PathOf("text.npz");
        File.WriteAllText(p, "hello, not a zip");
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("zip", e.Message);
    }

    [Fact]
    public void BadMagicFailsNamingFileAndMember()
    {
        var p = Written();
        Replace(
            p,
            "input_spike_time_ms.npy",
            Encoding.ASCII.GetBytes("garbage that is not an npy array")
        );
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("input_spike_time_ms.npy", e.Message);
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void WrongDtypeFailsNamingExpectedDtype()
    {
        var p = Written();
        Replace(p, "input_spike_channel.npy", [.. NpyFormat.Header("<i8", 2), .. new byte[16]]);
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("input_spike_channel.npy", e.Message);
        Assert.Contains("'<i4'", e.Message);
    }

    [Fact]
    public void ShapeMismatchAndTruncatedDataFail()
    {
        var p = Written();
        Replace(p, "soma_voltage_mv.npy", [.. NpyFormat.Header("<f4", 2, 4), .. new byte[32]]);
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains("soma_voltage_mv.npy", e.Message);
        Assert.Contains("(2, 3)", e.Message);

        Replace(p, "soma_voltage_mv.npy", [.. NpyFormat.Header("<f4", 2, 3), .. new byte[10]]);
        e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains("soma_voltage_mv.npy", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void MissingMemberFailsNamingIt()
    {
        var p = Written();
        using (var zip = ZipFile.Open(p, ZipArchiveMode.Update))
            zip.GetEntry("output_spike_offsets.npy")!.Delete();
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("output_spike_offsets.npy", e.Message);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void NonMonotoneOffsetsAndOutOfRangeSpikesFail()
    {
        var p = Written();
        Replace(p, "input_spike_offsets.npy", Npy64("<i8", [0, 2, 1]));
        var e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains("input_spike_offsets.npy", e.Message);
        Assert.Contains("monotone", e.Message);

        p = Written();
        Replace(
            p,
            "input_spike_channel.npy",
            [
                .. NpyFormat.Header("<i4", 2),
                .. BitConverter.GetBytes(7),
                .. BitConverter.GetBytes(0),
            ]
        );
        e = Assert.Throws<InvalidDataException>(() => DatasetFile.Read(p));
        Assert.Contains("input_spike_channel.npy", e.Message);
        Assert.Contains("channel 7 outside 0..2", e.Message);
    }

    [Fact]
    public void FailedWriteLeavesTheExistingFileIntact()
    {
        var p = PathOf("keep.npz");
        DatasetFile.Write(p, Tiny());
        var before = File.ReadAllBytes(p);
        var sims = Generated(3).Simulations;
        // Validation and offset passes read sims 3 + 3 + 6 times; access 16 falls while members are being written.
        var failing = new SpikeDataset(Tiny().Metadata, new ThrowingList(sims, throwAtAccess: 16));
        Assert.Throws<IOException>(() => DatasetFile.Write(p, failing));
        Assert.Equal(before, File.ReadAllBytes(p));
        Assert.Equal(["keep.npz"], Directory.GetFiles(dir).Select(Path.GetFileName));
        DatasetAssert.Equal(Tiny(), DatasetFile.Read(p));
    }

    [Fact]
    public void InconsistentDurationsAreRejectedBeforeWriting()
    {
        var d = Tiny() with
        {
            Simulations =
            [
                Tiny().Simulations[0],
                new SimulationRecord(3, 4, [], [], new float[4], []),
            ],
        };
        var e = Assert.Throws<ArgumentException>(() => DatasetFile.Write(PathOf("x.npz"), d));
        Assert.Contains("simulation 1", e.Message);
        Assert.False(File.Exists(PathOf("x.npz")));
    }

    [Fact]
    public void HeaderParserAcceptsNumpyVariants()
    {
        var h = NpyFormat.ParseDict("{'descr': '<f8', 'fortran_order': False, 'shape': (), }");
        Assert.Empty(h.Shape);
        h = NpyFormat.ParseDict(
            "{\"shape\": (12000,6000), \"fortran_order\": True, \"descr\": \"<f4\"}"
        );
        Assert.Equal([12000L, 6000L], h.Shape);
        Assert.True(h.FortranOrder);
        Assert.Throws<FormatException>(() =>
            NpyFormat.ParseDict("{'descr': '<f8', 'shape': (1,)}")
        );
    }

    private string Written()
    {
        var p = PathOf($"t{Guid.NewGuid():N}.npz");
        DatasetFile.Write(p, Tiny());
        return p;
    }

    private static byte[] Npy64(string descr, long[] values)
    {
        var bytes = new List<byte>(NpyFormat.Header(descr, values.Length));
        foreach (var v in values)
            bytes.AddRange(BitConverter.GetBytes(v));
        return bytes.ToArray();
    }

    private static byte[] ReadAll(ZipArchive zip, string name)
    {
        using var s = zip.GetEntry(name)!.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    private static void Replace(string path, string member, byte[] content)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        zip.GetEntry(member)?.Delete();
        using var s = zip.CreateEntry(member).Open();
        s.Write(content);
    }

    private sealed class ThrowingList(IReadOnlyList<SimulationRecord> inner, int throwAtAccess)
        : IReadOnlyList<SimulationRecord>
    {
        private int accesses;

        public SimulationRecord this[int index] =>
            ++accesses >= throwAtAccess
                ? throw new IOException("disk on fire (test)")
                : inner[index];

        public int Count => inner.Count;

        public IEnumerator<SimulationRecord> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
