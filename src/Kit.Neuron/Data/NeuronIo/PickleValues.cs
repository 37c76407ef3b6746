using System.Buffers.Binary;
using System.Text;

namespace Kit.Neuron.Data.NeuronIo;

/// <summary>
/// Thrown when a pickle stream is malformed, truncated, uses an opcode the reader does not implement, or refers to
/// anything outside the allow-list. The message always starts with <c>"&lt;file&gt;: offset N: "</c>.
/// </summary>
public sealed class PickleFormatException : IOException
{
    /// <summary>Creates the exception; <paramref name="offset"/> is the byte offset of the offending opcode.</summary>
    public PickleFormatException(string fileName, long offset, string message)
        : base($"{fileName}: offset {offset}: {message}")
    {
        FileName = fileName;
        Offset = offset;
    }

    /// <summary>The file (or stream name) being read.</summary>
    public string FileName { get; }

    /// <summary>Byte offset (from the start of the stream) of the opcode that failed.</summary>
    public long Offset { get; }
}

/// <summary>A <c>GLOBAL</c> reference (module + name) that passed the allow-list. Never resolved to code.</summary>
/// <param name="Module">Module, e.g. <c>numpy.core.multiarray</c>.</param>
/// <param name="Name">Attribute, e.g. <c>_reconstruct</c>.</param>
public sealed record PickleGlobal(string Module, string Name)
{
    /// <summary><c>module.name</c>.</summary>
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>A Python list (mutable, reference identity as in Python).</summary>
public sealed class PickleList : List<object?>
{
    /// <summary>Empty list.</summary>
    public PickleList() { }
}

/// <summary>
/// A Python dict. Keys are <see cref="string"/> (Python-2 <c>str</c>, decoded as Latin-1), <see cref="long"/>,
/// <see cref="double"/>, <see cref="bool"/> or <see cref="NumpyScalar"/> (value equality); insertion order is the
/// order in the stream.
/// </summary>
public sealed class PickleDict : Dictionary<object, object?>
{
    /// <summary>Empty dict.</summary>
    public PickleDict() { }

    /// <summary>The value of a string key, or null when absent.</summary>
    public object? Get(string key) => TryGetValue(key, out var v) ? v : null;
}

/// <summary>Element kind of a <see cref="NumpyDtype"/>.</summary>
public enum NumpyKind
{
    /// <summary>IEEE float (<c>f2</c>, <c>f4</c>, <c>f8</c>).</summary>
    Float,

    /// <summary>Signed integer (<c>i1</c> … <c>i8</c>).</summary>
    Int,

    /// <summary>Unsigned integer (<c>u1</c> … <c>u8</c>).</summary>
    UInt,

    /// <summary>Boolean (<c>b1</c>, one byte).</summary>
    Bool,
}

/// <summary>
/// A plain numeric NumPy dtype: kind, item size (bytes) and byte order. Built by the reader from
/// <c>numpy.dtype(code, align, copy)</c> and its <c>BUILD</c> state; only numeric codes are accepted.
/// </summary>
public sealed class NumpyDtype
{
    internal NumpyDtype(NumpyKind kind, int itemSize, string code)
    {
        Kind = kind;
        ItemSize = itemSize;
        Code = code;
    }

    /// <summary>Element kind.</summary>
    public NumpyKind Kind { get; }

    /// <summary>Bytes per element.</summary>
    public int ItemSize { get; }

    /// <summary>The code the file named, e.g. <c>f2</c>.</summary>
    public string Code { get; }

    /// <summary>True when elements are big-endian (state byte order <c>'&gt;'</c>).</summary>
    public bool BigEndian { get; internal set; }

    /// <summary>Whether the BUILD state was applied (false for a dtype only constructed).</summary>
    internal bool Built { get; set; }

    /// <summary>Parses <c>f2</c>, <c>&lt;i8</c>, <c>u1</c>, <c>b1</c>, … or returns null for anything else.</summary>
    internal static NumpyDtype? TryParse(string code)
    {
        var c = code;
        bool big = false;
        if (c.Length > 0 && (c[0] == '<' || c[0] == '>' || c[0] == '=' || c[0] == '|'))
        {
            big = c[0] == '>';
            c = c[1..];
        }
        if (c.Length != 2 || c[1] < '1' || c[1] > '8')
            return null;
        int size = c[1] - '0';
        NumpyKind? kind = c[0] switch
        {
            'f' when size is 2 or 4 or 8 => NumpyKind.Float,
            'i' when size is 1 or 2 or 4 or 8 => NumpyKind.Int,
            'u' when size is 1 or 2 or 4 or 8 => NumpyKind.UInt,
            'b' when size == 1 => NumpyKind.Bool,
            _ => null,
        };
        return kind is { } k ? new NumpyDtype(k, size, c) { BigEndian = big } : null;
    }

    /// <summary>Element <paramref name="index"/> of <paramref name="raw"/> as a double (exact for floats and for integers below 2^53).</summary>
    public double ReadDouble(ReadOnlySpan<byte> raw, int index)
    {
        var s = raw.Slice(index * ItemSize, ItemSize);
        return (Kind, ItemSize) switch
        {
            (NumpyKind.Float, 2) => (double)
                BitConverter.Int16BitsToHalf(
                    BigEndian
                        ? BinaryPrimitives.ReadInt16BigEndian(s)
                        : BinaryPrimitives.ReadInt16LittleEndian(s)
                ),
            (NumpyKind.Float, 4) => BigEndian
                ? BinaryPrimitives.ReadSingleBigEndian(s)
                : BinaryPrimitives.ReadSingleLittleEndian(s),
            (NumpyKind.Float, 8) => BigEndian
                ? BinaryPrimitives.ReadDoubleBigEndian(s)
                : BinaryPrimitives.ReadDoubleLittleEndian(s),
            (NumpyKind.UInt, 8) => ReadUInt64(s),
            _ => ReadInt64(s),
        };
    }

    /// <summary>Element <paramref name="index"/> of <paramref name="raw"/> as an integer (floats truncated toward zero).</summary>
    public long ReadInt64(ReadOnlySpan<byte> raw, int index)
    {
        var s = raw.Slice(index * ItemSize, ItemSize);
        return Kind == NumpyKind.Float ? (long)ReadDouble(raw, index) : ReadInt64(s);
    }

    private ulong ReadUInt64(ReadOnlySpan<byte> s) =>
        BigEndian
            ? BinaryPrimitives.ReadUInt64BigEndian(s)
            : BinaryPrimitives.ReadUInt64LittleEndian(s);

    private long ReadInt64(ReadOnlySpan<byte> s)
    {
        bool signed = Kind == NumpyKind.Int;
        return ItemSize switch
        {
            1 => signed ? (sbyte)s[0] : s[0],
            2 => signed
                ? (
                    BigEndian
                        ? BinaryPrimitives.ReadInt16BigEndian(s)
                        : BinaryPrimitives.ReadInt16LittleEndian(s)
                )
                : (
                    BigEndian
                        ? BinaryPrimitives.ReadUInt16BigEndian(s)
                        : BinaryPrimitives.ReadUInt16LittleEndian(s)
                ),
            4 => signed
                ? (
                    BigEndian
                        ? BinaryPrimitives.ReadInt32BigEndian(s)
                        : BinaryPrimitives.ReadInt32LittleEndian(s)
                )
                : (
                    BigEndian
                        ? BinaryPrimitives.ReadUInt32BigEndian(s)
                        : BinaryPrimitives.ReadUInt32LittleEndian(s)
                ),
            _ => signed
                ? (
                    BigEndian
                        ? BinaryPrimitives.ReadInt64BigEndian(s)
                        : BinaryPrimitives.ReadInt64LittleEndian(s)
                )
                : (long)ReadUInt64(s),
        };
    }

    /// <summary><c>&lt;f2</c>-style description.</summary>
    public override string ToString() =>
        (
            ItemSize == 1 ? "|"
            : BigEndian ? ">"
            : "<"
        ) + Code;
}

/// <summary>A NumPy scalar (<c>numpy.core.multiarray.scalar(dtype, raw)</c>); equality by dtype kind and value.</summary>
public sealed class NumpyScalar : IEquatable<NumpyScalar>
{
    internal NumpyScalar(NumpyDtype dtype, ReadOnlySpan<byte> raw)
    {
        Dtype = dtype;
        if (dtype.Kind == NumpyKind.Float)
            Double = dtype.ReadDouble(raw, 0);
        else
        {
            Int64 = dtype.ReadInt64(raw, 0);
            Double = dtype.Kind == NumpyKind.UInt && dtype.ItemSize == 8 ? (ulong)Int64 : Int64;
        }
    }

    /// <summary>The scalar's dtype.</summary>
    public NumpyDtype Dtype { get; }

    /// <summary>Value as double (exact for floats and integers below 2^53).</summary>
    public double Double { get; }

    /// <summary>Value as an integer (0 for floating-point scalars; use <see cref="Double"/>).</summary>
    public long Int64 { get; }

    /// <summary>True for integer and bool dtypes.</summary>
    public bool IsInteger => Dtype.Kind != NumpyKind.Float;

    /// <inheritdoc />
    public bool Equals(NumpyScalar? other) =>
        other != null
        && IsInteger == other.IsInteger
        && (IsInteger ? Int64 == other.Int64 : Double.Equals(other.Double));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as NumpyScalar);

    /// <inheritdoc />
    public override int GetHashCode() => IsInteger ? Int64.GetHashCode() : Double.GetHashCode();

    /// <summary>The value, invariant culture.</summary>
    public override string ToString() =>
        IsInteger
            ? Int64.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Double.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A C-ordered NumPy array of a numeric dtype: shape and raw bytes as stored (in the file's byte order). Built
/// by <c>numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), 'b')</c> followed by <c>BUILD</c>.
/// </summary>
public sealed class NumpyArray
{
    internal NumpyArray() { }

    /// <summary>Element type (null until the BUILD state has been applied).</summary>
    public NumpyDtype? Dtype { get; internal set; }

    /// <summary>Shape (C order, last index fastest).</summary>
    public IReadOnlyList<long> Shape { get; internal set; } = [0];

    /// <summary>Raw element bytes, <c>Length * Dtype.ItemSize</c> long.</summary>
    public ReadOnlyMemory<byte> Raw { get; internal set; }

    /// <summary>Number of elements (product of <see cref="Shape"/>).</summary>
    public int Length => Dtype == null ? 0 : Raw.Length / Dtype.ItemSize;

    private NumpyDtype Type =>
        Dtype
        ?? throw new InvalidOperationException(
            "numpy array has no dtype (BUILD state never applied)"
        );

    /// <summary>All elements converted to double.</summary>
    public double[] ToDoubleArray()
    {
        var t = Type;
        var r = new double[Length];
        var raw = Raw.Span;
        for (int i = 0; i < r.Length; i++)
            r[i] = t.ReadDouble(raw, i);
        return r;
    }

    /// <summary>All elements converted to float (float16 and float32 exactly; float64 rounded).</summary>
    public float[] ToSingleArray()
    {
        var t = Type;
        var r = new float[Length];
        var raw = Raw.Span;
        if (
            t.Kind == NumpyKind.Float
            && t.ItemSize == 4
            && !t.BigEndian
            && BitConverter.IsLittleEndian
        )
        {
            raw.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(r.AsSpan()));
            return r;
        }
        for (int i = 0; i < r.Length; i++)
            r[i] = (float)t.ReadDouble(raw, i);
        return r;
    }

    /// <summary>The elements of a float16 array as <see cref="Half"/> (no conversion); throws for other dtypes.</summary>
    public Half[] ToHalfArray()
    {
        var t = Type;
        if (t.Kind != NumpyKind.Float || t.ItemSize != 2)
            throw new InvalidOperationException($"array dtype is {t}, not float16");
        var r = new Half[Length];
        var raw = Raw.Span;
        if (!t.BigEndian && BitConverter.IsLittleEndian)
            raw.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(r.AsSpan()));
        else
            for (int i = 0; i < r.Length; i++)
                r[i] = (Half)t.ReadDouble(raw, i);
        return r;
    }

    /// <summary>All elements converted to long (floats truncated toward zero).</summary>
    public long[] ToInt64Array()
    {
        var t = Type;
        var r = new long[Length];
        var raw = Raw.Span;
        for (int i = 0; i < r.Length; i++)
            r[i] = t.ReadInt64(raw, i);
        return r;
    }

    /// <summary><c>ndarray(shape, dtype)</c>.</summary>
    public override string ToString() => $"ndarray(({string.Join(", ", Shape)}), {Dtype})";
}

/// <summary>Helpers for Python-2 <c>str</c> values, which the reader yields as Latin-1 strings or raw bytes.</summary>
public static class PickleStrings
{
    /// <summary>The bytes of a Python-2 <c>str</c> value (a Latin-1 <see cref="string"/> or a <see cref="byte"/> array); null for other types.</summary>
    public static ReadOnlyMemory<byte>? AsBytes(object? value) =>
        value switch
        {
            byte[] b => b,
            string s => Encoding.Latin1.GetBytes(s),
            _ => null,
        };
}
