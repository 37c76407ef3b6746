using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Core;

namespace Kit.Neuron.Data;

/// <summary>
/// Reads and writes a <see cref="SpikeDataset"/> as a NumPy <c>.npz</c> (a zip of <c>.npy</c> v1.0 arrays,
/// little-endian, C order, plus <c>metadata.json</c>) that Python opens with <c>np.load(path)</c> alone.
/// Layout (docs/dataset-format.md): <c>input_spike_channel.npy</c> &lt;i4 and <c>input_spike_time_ms.npy</c> &lt;i4
/// (all simulations concatenated; simulation i is [offsets[i], offsets[i+1]) of <c>input_spike_offsets.npy</c> &lt;i8,
/// length nsim + 1), <c>soma_voltage_mv.npy</c> &lt;f4 (nsim, T), <c>output_spike_time_ms.npy</c> &lt;f8 with
/// <c>output_spike_offsets.npy</c> &lt;i8, optional <c>nexus_voltage_mv.npy</c> &lt;f4 (nsim, T).
/// </summary>
public static class DatasetFile
{
    /// <summary>The <c>format</c> value in metadata.json.</summary>
    public const string FormatName = "neuronkit-dataset";

    /// <summary>The <c>format_version</c> this code writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// Timestamp of every zip member: fixed, so that the same dataset is the same bytes whenever it is written
    /// (the dataset factory's determinism across threads, shards and restarts relies on it).
    /// </summary>
    private static readonly DateTimeOffset EntryTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal const string MetadataMember = "metadata.json";
    internal const string InputChannelMember = "input_spike_channel.npy";
    internal const string InputTimeMember = "input_spike_time_ms.npy";
    internal const string InputOffsetsMember = "input_spike_offsets.npy";
    internal const string SomaMember = "soma_voltage_mv.npy";
    internal const string OutputTimeMember = "output_spike_time_ms.npy";
    internal const string OutputOffsetsMember = "output_spike_offsets.npy";
    internal const string NexusMember = "nexus_voltage_mv.npy";

    /// <summary>
    /// Writes <paramref name="dataset"/> to <paramref name="path"/> atomically (a temporary file renamed into place):
    /// on any exception an existing file at <paramref name="path"/> is left untouched.
    /// </summary>
    /// <exception cref="ArgumentException">Simulations differ in channels or duration, or only some carry a nexus voltage.</exception>
    public static void Write(string path, SpikeDataset dataset)
    {
        var sims = dataset.Simulations;
        int nsim = sims.Count;
        int channels = nsim == 0 ? 0 : sims[0].Channels;
        int T = nsim == 0 ? 0 : sims[0].DurationMs;
        bool nexus = nsim > 0 && sims[0].NexusVoltageMv != null;
        for (int i = 0; i < nsim; i++)
        {
            var s = sims[i];
            if (s.Channels != channels || s.DurationMs != T)
                throw new ArgumentException(
                    $"simulation {i} has {s.Channels} channels x {s.DurationMs} ms; simulation 0 has {channels} x {T}"
                );
            if ((s.NexusVoltageMv != null) != nexus)
                throw new ArgumentException(
                    $"simulation {i}: nexus voltage must be present in all simulations or none"
                );
        }
        var metadata = MetadataJson(dataset.Metadata, channels, T, nsim);

        AtomicFile.Write(
            path,
            stream =>
            {
                using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
                var meta = zip.CreateEntry(MetadataMember, CompressionLevel.Optimal);
                meta.LastWriteTime = EntryTimestamp;
                using (var ms = meta.Open())
                    ms.Write(Encoding.UTF8.GetBytes(metadata));

                var inOffsets = new long[nsim + 1];
                var outOffsets = new long[nsim + 1];
                for (int i = 0; i < nsim; i++)
                {
                    inOffsets[i + 1] = inOffsets[i] + sims[i].SpikeChannels.Count;
                    outOffsets[i + 1] = outOffsets[i] + sims[i].OutputSpikeTimesMs.Count;
                }
                WriteMember(
                    zip,
                    InputChannelMember,
                    "<i4",
                    [inOffsets[nsim]],
                    w => ForEach(sims, s => w.Int32s(s.SpikeChannels))
                );
                WriteMember(
                    zip,
                    InputTimeMember,
                    "<i4",
                    [inOffsets[nsim]],
                    w => ForEach(sims, s => w.Int32s(s.SpikeTimesMs))
                );
                WriteMember(zip, InputOffsetsMember, "<i8", [nsim + 1], w => w.Int64s(inOffsets));
                WriteMember(
                    zip,
                    SomaMember,
                    "<f4",
                    [nsim, T],
                    w => ForEach(sims, s => w.Singles(s.SomaVoltageMv))
                );
                WriteMember(
                    zip,
                    OutputTimeMember,
                    "<f8",
                    [outOffsets[nsim]],
                    w => ForEach(sims, s => w.Doubles(s.OutputSpikeTimesMs))
                );
                WriteMember(zip, OutputOffsetsMember, "<i8", [nsim + 1], w => w.Int64s(outOffsets));
                if (nexus)
                    WriteMember(
                        zip,
                        NexusMember,
                        "<f4",
                        [nsim, T],
                        w => ForEach(sims, s => w.Singles(s.NexusVoltageMv!))
                    );
            }
        );
    }

    /// <summary>
    /// Reads a dataset written by <see cref="Write"/> (or by any tool following docs/dataset-format.md). Every problem
    /// — not a zip, missing member, bad magic, wrong dtype or shape, truncated data, offsets not monotone, spike out of
    /// range — throws <see cref="InvalidDataException"/> naming the file, the member and what was expected.
    /// </summary>
    public static SpikeDataset Read(string path) => Open(path, zip => new Reader(path, zip).Read());

    /// <summary>
    /// Reads only <c>metadata.json</c> of a dataset file (its generator, config, and the number of simulations,
    /// channels and bins), without decoding the arrays: what a reader needs to plan before reading a whole folder.
    /// Errors as <see cref="Read"/>.
    /// </summary>
    public static DatasetFileHeader ReadHeader(string path) =>
        Open(
            path,
            zip =>
            {
                var (meta, nsim, channels, T) = new Reader(path, zip).ReadMetadata();
                return new DatasetFileHeader(meta, nsim, channels, T);
            }
        );

    private static T Open<T>(string path, Func<ZipArchive, T> read)
    {
        FileStream fs;
        try
        {
            fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (FileNotFoundException e)
        {
            throw new FileNotFoundException($"{path}: dataset file not found", path, e);
        }
        using (fs)
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(fs, ZipArchiveMode.Read);
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException(
                    $"{path}: not a readable .npz (zip) archive, or truncated: {e.Message}",
                    e
                );
            }
            using (zip)
                return read(zip);
        }
    }

    private static string MetadataJson(DatasetMetadata m, int channels, int durationMs, int nsim)
    {
        JsonNode? config;
        try
        {
            config = string.IsNullOrWhiteSpace(m.ConfigJson) ? null : JsonNode.Parse(m.ConfigJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException(
                $"dataset metadata: ConfigJson is not valid JSON: {e.Message}",
                e
            );
        }
        var o = new JsonObject
        {
            ["format"] = FormatName,
            ["format_version"] = FormatVersion,
            ["generator"] = m.Generator,
            ["seed"] = m.Seed,
            ["kit_version"] = m.KitVersion,
            ["excitatory_channels"] = m.ExcitatoryChannels,
            ["channels"] = channels,
            ["duration_ms"] = durationMs,
            ["simulations"] = nsim,
            ["config"] = config,
            ["channel_layout"] = m.ChannelLayout,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static void ForEach(
        IReadOnlyList<SimulationRecord> sims,
        Action<SimulationRecord> action
    )
    {
        for (int i = 0; i < sims.Count; i++)
            action(sims[i]);
    }

    private static void WriteMember(
        ZipArchive zip,
        string name,
        string descr,
        long[] shape,
        Action<LittleEndianWriter> body
    )
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = EntryTimestamp;
        using var s = entry.Open();
        s.Write(NpyFormat.Header(descr, shape));
        var w = new LittleEndianWriter(s);
        body(w);
        w.Flush();
    }

    /// <summary>Buffered little-endian element writer (64 KiB chunks; no whole-array copies).</summary>
    private sealed class LittleEndianWriter(Stream stream)
    {
        private readonly byte[] buf = new byte[1 << 16];
        private int n;

        private Span<byte> Next(int size)
        {
            if (n + size > buf.Length)
                Flush();
            var span = buf.AsSpan(n, size);
            n += size;
            return span;
        }

        public void Flush()
        {
            stream.Write(buf, 0, n);
            n = 0;
        }

        public void Int32s(IReadOnlyList<int> v)
        {
            for (int i = 0; i < v.Count; i++)
                BinaryPrimitives.WriteInt32LittleEndian(Next(4), v[i]);
        }

        public void Int64s(IReadOnlyList<long> v)
        {
            for (int i = 0; i < v.Count; i++)
                BinaryPrimitives.WriteInt64LittleEndian(Next(8), v[i]);
        }

        public void Singles(IReadOnlyList<float> v)
        {
            for (int i = 0; i < v.Count; i++)
                BinaryPrimitives.WriteSingleLittleEndian(Next(4), v[i]);
        }

        public void Doubles(IReadOnlyList<double> v)
        {
            for (int i = 0; i < v.Count; i++)
                BinaryPrimitives.WriteDoubleLittleEndian(Next(8), v[i]);
        }
    }

    private sealed class Reader(string path, ZipArchive zip)
    {
        private InvalidDataException Error(string member, string what, Exception? inner = null) =>
            new($"{path}: member '{member}': {what}", inner);

        public SpikeDataset Read()
        {
            var (meta, nsim, channels, T) = ReadMetadata();
            var inOffsets = ReadOffsets(InputOffsetsMember, nsim);
            var outOffsets = ReadOffsets(OutputOffsetsMember, nsim);
            long nIn = inOffsets[nsim],
                nOut = outOffsets[nsim];
            var chans = new int[nsim][];
            var times = new int[nsim][];
            var soma = new float[nsim][];
            var outs = new double[nsim][];
            float[][]? nexus = null;

            Member(InputChannelMember, "<i4", [nIn], r => Split(inOffsets, chans, r.Int32s));
            Member(InputTimeMember, "<i4", [nIn], r => Split(inOffsets, times, r.Int32s));
            Member(SomaMember, "<f4", [nsim, T], r => Rows(nsim, T, soma, r.Singles));
            Member(OutputTimeMember, "<f8", [nOut], r => Split(outOffsets, outs, r.Doubles));
            if (zip.GetEntry(NexusMember) != null)
            {
                nexus = new float[nsim][];
                Member(NexusMember, "<f4", [nsim, T], r => Rows(nsim, T, nexus, r.Singles));
            }

            var records = new SimulationRecord[nsim];
            for (int i = 0; i < nsim; i++)
            {
                var c = chans[i];
                var t = times[i];
                for (int j = 0; j < c.Length; j++)
                {
                    if ((uint)c[j] >= (uint)channels)
                        throw Error(
                            InputChannelMember,
                            $"simulation {i}, spike {j}: channel {c[j]} outside 0..{channels - 1} (metadata channels = {channels})"
                        );
                    if ((uint)t[j] >= (uint)T)
                        throw Error(
                            InputTimeMember,
                            $"simulation {i}, spike {j}: time {t[j]} ms outside 0..{T - 1}"
                        );
                    if (j > 0 && (t[j] < t[j - 1] || (t[j] == t[j - 1] && c[j] <= c[j - 1])))
                        throw Error(
                            InputTimeMember,
                            $"simulation {i}, spike {j}: spikes must be sorted by time then channel, without repeats"
                        );
                }
                foreach (var o in outs[i])
                    if (!(o >= 0 && o < T))
                        throw Error(
                            OutputTimeMember,
                            $"simulation {i}: output spike time {o} ms outside [0, {T})"
                        );
                records[i] = new SimulationRecord(channels, T, c, t, soma[i], outs[i], nexus?[i]);
            }
            return new SpikeDataset(meta, records);
        }

        public (DatasetMetadata, int, int, int) ReadMetadata()
        {
            var entry =
                zip.GetEntry(MetadataMember)
                ?? throw Error(MetadataMember, "missing (not a NeuronKit dataset?)");
            JsonNode? root;
            try
            {
                using var s = entry.Open();
                root = JsonNode.Parse(s);
            }
            catch (Exception e) when (e is JsonException or IOException or InvalidDataException)
            {
                throw Error(MetadataMember, $"not valid UTF-8 JSON: {e.Message}", e);
            }
            if (root is not JsonObject o)
                throw Error(MetadataMember, "expected a JSON object");
            T Get<T>(string key)
            {
                try
                {
                    var node = o[key] ?? throw Error(MetadataMember, $"missing key '{key}'");
                    return node.GetValue<T>();
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException)
                {
                    throw Error(
                        MetadataMember,
                        $"key '{key}' should be a {typeof(T).Name}: {e.Message}",
                        e
                    );
                }
            }
            var format = Get<string>("format");
            if (format != FormatName)
                throw Error(MetadataMember, $"format is '{format}', expected '{FormatName}'");
            var version = Get<int>("format_version");
            if (version != FormatVersion)
                throw Error(
                    MetadataMember,
                    $"format_version {version}, this reader understands {FormatVersion}"
                );
            int nsim = Get<int>("simulations"),
                channels = Get<int>("channels"),
                T = Get<int>("duration_ms");
            if (nsim < 0 || channels < 0 || T < 0)
                throw Error(MetadataMember, "simulations, channels and duration_ms must be >= 0");
            var meta = new DatasetMetadata(
                Get<string>("generator"),
                Get<long>("seed"),
                Get<string>("kit_version"),
                Get<int>("excitatory_channels"),
                o["config"]?.ToJsonString() ?? ""
            )
            {
                ChannelLayout = o["channel_layout"]?.GetValue<string>(),
            };
            return (meta, nsim, channels, T);
        }

        private long[] ReadOffsets(string member, int nsim)
        {
            var off = new long[nsim + 1];
            Member(member, "<i8", [nsim + 1], r => r.Int64s(off));
            if (off[0] != 0)
                throw Error(member, $"offsets must start at 0, found {off[0]}");
            for (int i = 0; i < nsim; i++)
                if (off[i + 1] < off[i])
                    throw Error(
                        member,
                        $"offsets not monotone: [{i}] = {off[i]} > [{i + 1}] = {off[i + 1]}"
                    );
            return off;
        }

        private static void Split<T>(long[] offsets, T[][] dest, Action<Span<T>> read)
        {
            for (int i = 0; i < dest.Length; i++)
            {
                dest[i] = new T[offsets[i + 1] - offsets[i]];
                read(dest[i]);
            }
        }

        private static void Rows(int nsim, int T, float[][] dest, Action<Span<float>> read)
        {
            for (int i = 0; i < nsim; i++)
            {
                dest[i] = new float[T];
                read(dest[i]);
            }
        }

        private void Member(
            string name,
            string descr,
            long[] shape,
            Action<LittleEndianReader> body
        )
        {
            var entry =
                zip.GetEntry(name)
                ?? throw Error(
                    name,
                    $"missing; expected a {descr} array of shape {NpyFormat.ShapeText(shape)}"
                );
            try
            {
                using var s = entry.Open();
                var h = NpyFormat.ReadHeader(s);
                if (h.Descr != descr)
                    throw Error(name, $"dtype '{h.Descr}', expected '{descr}'");
                if (h.FortranOrder && h.Shape.Length > 1)
                    throw Error(name, "stored in Fortran order, expected C order");
                if (!h.Shape.SequenceEqual(shape))
                    throw Error(
                        name,
                        $"shape {h.ShapeText}, expected {NpyFormat.ShapeText(shape)}"
                    );
                var r = new LittleEndianReader(s);
                body(r);
                Span<byte> extra = stackalloc byte[1];
                if (NpyFormat.ReadAtMost(s, extra) != 0)
                    throw Error(name, $"holds more data than its shape {h.ShapeText} says");
            }
            catch (InvalidDataException e)
                when (!e.Message.StartsWith(path, StringComparison.Ordinal))
            {
                throw Error(name, $"corrupt: {e.Message}", e);
            }
            catch (FormatException e)
            {
                throw Error(name, e.Message, e);
            }
            catch (EndOfStreamException e)
            {
                throw Error(name, $"truncated: {e.Message}", e);
            }
            catch (IOException e)
            {
                throw Error(name, $"unreadable: {e.Message}", e);
            }
        }
    }

    /// <summary>Buffered little-endian element reader that fails on a short stream.</summary>
    private sealed class LittleEndianReader(Stream stream)
    {
        private readonly byte[] buf = new byte[1 << 16];

        private void Fill<T>(Span<T> dest, int size, Func<ReadOnlySpan<byte>, T> convert)
        {
            int done = 0;
            while (done < dest.Length)
            {
                int count = Math.Min(dest.Length - done, buf.Length / size);
                var bytes = buf.AsSpan(0, count * size);
                if (NpyFormat.ReadAtMost(stream, bytes) < bytes.Length)
                    throw new EndOfStreamException("data end before the size its header gives");
                for (int i = 0; i < count; i++)
                    dest[done + i] = convert(bytes.Slice(i * size, size));
                done += count;
            }
        }

        public void Int32s(Span<int> d) => Fill(d, 4, BinaryPrimitives.ReadInt32LittleEndian);

        public void Int64s(Span<long> d) => Fill(d, 8, BinaryPrimitives.ReadInt64LittleEndian);

        public void Singles(Span<float> d) => Fill(d, 4, BinaryPrimitives.ReadSingleLittleEndian);

        public void Doubles(Span<double> d) => Fill(d, 8, BinaryPrimitives.ReadDoubleLittleEndian);
    }
}
