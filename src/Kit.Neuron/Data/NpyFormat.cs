using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Kit.Neuron.Data;

/// <summary>The header of one <c>.npy</c> array: dtype descriptor, memory order and shape.</summary>
/// <param name="Descr">NumPy dtype string, e.g. <c>&lt;i4</c>.</param>
/// <param name="FortranOrder">True when stored column-major.</param>
/// <param name="Shape">Dimensions.</param>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape)
{
    /// <summary>Number of elements (product of the shape).</summary>
    public long Count => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The shape as NumPy prints it, e.g. <c>(3, 6000)</c> or <c>(5,)</c>.</summary>
    public string ShapeText => NpyFormat.ShapeText(Shape);
}

/// <summary>
/// Minimal writer and reader of NumPy <c>.npy</c> format version 1.0 (magic <c>\x93NUMPY</c>, version 1.0, uint16
/// little-endian header length, an ASCII Python dict literal padded with spaces and a newline so the data start at
/// a multiple of 64 bytes), for little-endian, C-order arrays.
/// </summary>
internal static class NpyFormat
{
    private static readonly byte[] Magic =
    [
        0x93,
        (byte)'N',
        (byte)'U',
        (byte)'M',
        (byte)'P',
        (byte)'Y',
    ];

    /// <summary><c>(a, b)</c>, <c>(a,)</c> or <c>()</c>.</summary>
    public static string ShapeText(IReadOnlyList<long> shape) =>
        shape.Count == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : "("
                + string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture)))
                + ")";

    /// <summary>The full header bytes (magic through newline) for a C-order array.</summary>
    public static byte[] Header(string descr, params long[] shape)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {ShapeText(shape)}, }}";
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int pad = (64 - unpadded % 64) % 64;
        var text = dict + new string(' ', pad) + "\n";
        if (text.Length > ushort.MaxValue)
            throw new ArgumentException("npy header too long for format 1.0");
        var bytes = new byte[Magic.Length + 4 + text.Length];
        Magic.CopyTo(bytes, 0);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        Encoding.ASCII.GetBytes(text, bytes.AsSpan(10));
        return bytes;
    }

    /// <summary>Reads and parses a header; throws <see cref="FormatException"/> describing what is wrong.</summary>
    public static NpyHeader ReadHeader(Stream s)
    {
        Span<byte> pre = stackalloc byte[10];
        if (ReadAtMost(s, pre) < 10)
            throw new FormatException("too short for a .npy header");
        if (!pre[..6].SequenceEqual(Magic))
            throw new FormatException("bad magic: not a .npy array (expected \\x93NUMPY)");
        if (pre[6] != 1 || pre[7] != 0)
            throw new FormatException($".npy version {pre[6]}.{pre[7]}, expected 1.0");
        int len = BinaryPrimitives.ReadUInt16LittleEndian(pre[8..]);
        var buf = new byte[len];
        if (ReadAtMost(s, buf) < len)
            throw new FormatException("truncated .npy header");
        return ParseDict(Encoding.ASCII.GetString(buf));
    }

    /// <summary>Parses <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c>.</summary>
    public static NpyHeader ParseDict(string text)
    {
        var p = new DictParser(text);
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        p.Expect('{');
        while (true)
        {
            p.SkipSpace();
            if (p.TryTake('}'))
                break;
            var key = p.ReadQuoted();
            p.Expect(':');
            switch (key)
            {
                case "descr":
                    descr = p.ReadQuoted();
                    break;
                case "fortran_order":
                    fortran = p.ReadBool();
                    break;
                case "shape":
                    shape = p.ReadTuple();
                    break;
                default:
                    throw new FormatException($"unexpected header key '{key}'");
            }
            p.SkipSpace();
            if (p.TryTake(','))
                continue;
            p.Expect('}');
            break;
        }
        if (descr == null || fortran == null || shape == null)
            throw new FormatException("header lacks 'descr', 'fortran_order' or 'shape'");
        return new NpyHeader(descr, fortran.Value, shape);
    }

    /// <summary>Reads up to <c>dest.Length</c> bytes; returns how many were read (fewer only at end of stream).</summary>
    public static int ReadAtMost(Stream s, Span<byte> dest)
    {
        int total = 0;
        while (total < dest.Length)
        {
            int n = s.Read(dest[total..]);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }

    private sealed class DictParser(string text)
    {
        private int i;

        public void SkipSpace()
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
                i++;
        }

        public bool TryTake(char c)
        {
            SkipSpace();
            if (i < text.Length && text[i] == c)
            {
                i++;
                return true;
            }
            return false;
        }

        public void Expect(char c)
        {
            if (!TryTake(c))
                throw new FormatException(
                    $"header: expected '{c}' at character {i} of \"{text.TrimEnd()}\""
                );
        }

        public string ReadQuoted()
        {
            SkipSpace();
            if (i >= text.Length || (text[i] != '\'' && text[i] != '"'))
                throw new FormatException($"header: expected a quoted string at character {i}");
            char q = text[i++];
            int end = text.IndexOf(q, i);
            if (end < 0)
                throw new FormatException("header: unterminated string");
            var s = text[i..end];
            i = end + 1;
            return s;
        }

        public bool ReadBool()
        {
            SkipSpace();
            if (string.CompareOrdinal(text, i, "True", 0, 4) == 0)
            {
                i += 4;
                return true;
            }
            if (string.CompareOrdinal(text, i, "False", 0, 5) == 0)
            {
                i += 5;
                return false;
            }
            throw new FormatException($"header: expected True or False at character {i}");
        }

        public long[] ReadTuple()
        {
            Expect('(');
            var dims = new List<long>();
            while (true)
            {
                if (TryTake(')'))
                    break;
                SkipSpace();
                int start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
                if (
                    start == i
                    || !long.TryParse(
                        text.AsSpan(start, i - start),
                        CultureInfo.InvariantCulture,
                        out var d
                    )
                )
                    throw new FormatException($"header: expected a dimension at character {start}");
                dims.Add(d);
                if (TryTake(','))
                    continue;
                Expect(')');
                break;
            }
            return dims.ToArray();
        }
    }
}
