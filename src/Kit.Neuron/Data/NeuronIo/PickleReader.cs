using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Kit.Neuron.Data.NeuronIo;

/// <summary>Limits and hooks of a <see cref="PickleReader"/>.</summary>
public sealed record PickleReaderOptions
{
    /// <summary>Most nested MARKs allowed (a legitimate NeuronIO file uses 3).</summary>
    public int MaxMarkDepth { get; init; } = 64;

    /// <summary>Most values on the VM stack at once (NeuronIO: about 2000, pickle batches of 1000).</summary>
    public int MaxStackItems { get; init; } = 100_000;

    /// <summary>Longest string/bytes value accepted (bytes).</summary>
    public long MaxStringBytes { get; init; } = int.MaxValue - 64;

    /// <summary>
    /// Called after every SETITEM/SETITEMS with the dict that was filled. Return null to keep the dict; return any
    /// other object to replace the dict on the VM stack by it (e.g. a typed, compact copy) — the reader then also
    /// releases its memo entries created since the previous replacement, except small immutable ones (globals,
    /// dtypes, short printable strings), so a file of many large records is read in bounded memory. A later
    /// reference to a released entry is reported as an error.
    /// </summary>
    public Func<PickleDict, object?>? OnDictFilled { get; init; }
}

/// <summary>
/// A safe, streaming reader for Python pickles of protocol ≤ 2 restricted to what NeuronIO files contain: dicts,
/// lists, tuples, Python-2 strings, ints, floats, bools, None, and NumPy arrays, dtypes and scalars. Nothing named
/// in the file is ever executed: <c>GLOBAL</c> only accepts the names in <see cref="AllowedGlobals"/> and
/// <c>REDUCE</c>/<c>BUILD</c> are interpreted by this class for exactly those names. Unknown opcodes, other globals,
/// truncation and limit violations throw <see cref="PickleFormatException"/> with the file name and byte offset.
/// </summary>
/// <remarks>
/// Values: None → null, bool → <see cref="bool"/>, int/long → <see cref="long"/> (or <see cref="BigInteger"/> when
/// wider than 64 bits), float → <see cref="double"/>, Python-2 <c>str</c> → <see cref="string"/> decoded as Latin-1
/// (as Python 3's <c>pickle.load(..., encoding='latin1')</c>) when shorter than 1 KiB, else the raw
/// <see cref="byte"/> array (in NeuronIO only array payloads are that long), unicode → <see cref="string"/>,
/// tuple → <see cref="object"/>[], list → <see cref="PickleList"/>, dict → <see cref="PickleDict"/>, NumPy values →
/// <see cref="NumpyArray"/>, <see cref="NumpyDtype"/>, <see cref="NumpyScalar"/>.
/// </remarks>
public sealed class PickleReader
{
    /// <summary>Python-2 <c>str</c> values shorter than this are decoded to <see cref="string"/>; longer ones stay bytes.</summary>
    public const int TextStringLimit = 1024;

    /// <summary>
    /// The only globals a file may name. <c>numpy.core.multiarray._reconstruct</c> + <c>numpy.ndarray</c> (array
    /// skeleton filled by BUILD), <c>numpy.dtype</c> (element type), <c>numpy.core.multiarray.scalar</c> (NumPy
    /// scalars such as int64 spike times), and the <c>numpy._core</c> spellings NumPy ≥ 2 writes for the same two
    /// functions.
    /// </summary>
    public static IReadOnlyList<string> AllowedGlobals { get; } =
    [
        "numpy.core.multiarray._reconstruct",
        "numpy.core.multiarray.scalar",
        "numpy._core.multiarray._reconstruct",
        "numpy._core.multiarray.scalar",
        "numpy.ndarray",
        "numpy.dtype",
    ];

    private static readonly HashSet<string> Allowed = new(AllowedGlobals, StringComparer.Ordinal);

    private readonly Stream stream;
    private readonly string fileName;
    private readonly PickleReaderOptions options;
    private readonly long streamLength;
    private readonly byte[] buffer = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    private long bufStart;
    private long opStart;

    private readonly List<object?> stack = [];
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, object?> memo = [];
    private readonly HashSet<long> released = [];
    private readonly List<long> recentMemo = [];

    /// <summary>Reader over <paramref name="stream"/>; <paramref name="fileName"/> is used in error messages.</summary>
    public PickleReader(Stream stream, string fileName, PickleReaderOptions? options = null)
    {
        this.stream = stream;
        this.fileName = fileName;
        this.options = options ?? new PickleReaderOptions();
        bufStart = stream.CanSeek ? stream.Position : 0;
        streamLength = stream.CanSeek ? stream.Length : -1;
    }

    /// <summary>Bytes consumed so far (offset of the next opcode).</summary>
    public long Position => bufStart + bufPos;

    /// <summary>Entries currently held in the memo (bounded per record when <see cref="PickleReaderOptions.OnDictFilled"/> replaces records).</summary>
    public int MemoCount => memo.Count;

    /// <summary>Opcodes executed so far.</summary>
    public long OpcodeCount { get; private set; }

    /// <summary>Reads one pickle from a byte array (for tests and small files).</summary>
    public static object? Load(
        byte[] data,
        string name = "<bytes>",
        PickleReaderOptions? options = null
    ) => new PickleReader(new MemoryStream(data, writable: false), name, options).Load();

    /// <summary>Runs the pickle VM until STOP and returns the top-level value.</summary>
    public object? Load()
    {
        while (true)
        {
            opStart = Position;
            int op = ReadByte();
            OpcodeCount++;
            switch (op)
            {
                case 0x80: // PROTO
                    int proto = ReadByte();
                    if (proto > 2)
                        throw Error(
                            $"pickle protocol {proto}; NeuronIO files are protocol 2 and this reader supports 0-2"
                        );
                    break;
                case '.': // STOP
                    if (stack.Count != 1 || marks.Count != 0)
                        throw Error(
                            $"STOP with {stack.Count} values and {marks.Count} open MARKs on the stack"
                        );
                    return stack[0];
                case '(':
                    if (marks.Count >= options.MaxMarkDepth)
                        throw Error(
                            $"more than {options.MaxMarkDepth} nested MARKs; refusing (nesting too deep)"
                        );
                    marks.Push(stack.Count);
                    break;
                case '}':
                    Push(new PickleDict());
                    break;
                case ']':
                    Push(new PickleList());
                    break;
                case ')':
                    Push(Array.Empty<object?>());
                    break;
                case 't':
                    Push(PopMark().ToArray());
                    break;
                case 0x85:
                    Push(new[] { Pop() });
                    break;
                case 0x86:
                {
                    var b = Pop();
                    var a = Pop();
                    Push(new[] { a, b });
                    break;
                }
                case 0x87:
                {
                    var c = Pop();
                    var b = Pop();
                    var a = Pop();
                    Push(new[] { a, b, c });
                    break;
                }
                case 'N':
                    Push(null);
                    break;
                case 0x88:
                    Push(true);
                    break;
                case 0x89:
                    Push(false);
                    break;
                case 'J':
                    Push((long)BinaryPrimitives.ReadInt32LittleEndian(ReadSpan(4)));
                    break;
                case 'K':
                    Push((long)ReadByte());
                    break;
                case 'M':
                    Push((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadSpan(2)));
                    break;
                case 0x8a: // LONG1
                    Push(ReadLong(ReadByte()));
                    break;
                case 0x8b: // LONG4
                {
                    int n = BinaryPrimitives.ReadInt32LittleEndian(ReadSpan(4));
                    if (n < 0 || n > 1024)
                        throw Error($"LONG4 of {n} bytes; refusing integers wider than 8192 bits");
                    Push(ReadLong(n));
                    break;
                }
                case 'G':
                    Push(BinaryPrimitives.ReadDoubleBigEndian(ReadSpan(8)));
                    break;
                case 'U': // SHORT_BINSTRING
                    Push(ReadStr(ReadByte()));
                    break;
                case 'T': // BINSTRING
                    Push(ReadStr(BinaryPrimitives.ReadInt32LittleEndian(ReadSpan(4))));
                    break;
                case 'X': // BINUNICODE
                {
                    var bytes = ReadBytes(BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4)));
                    Push(Encoding.UTF8.GetString(bytes));
                    break;
                }
                case 'q':
                    Put(ReadByte());
                    break;
                case 'r':
                    Put(BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4)));
                    break;
                case 'h':
                    Get(ReadByte());
                    break;
                case 'j':
                    Get(BinaryPrimitives.ReadUInt32LittleEndian(ReadSpan(4)));
                    break;
                case 'c':
                    Global();
                    break;
                case 'R':
                {
                    var args = Pop();
                    var callable = Pop();
                    Push(Reduce(callable, args));
                    break;
                }
                case 'b':
                {
                    var state = Pop();
                    Build(Peek(), state);
                    break;
                }
                case 'a':
                {
                    var item = Pop();
                    AsList(Peek(), "APPEND").Add(item);
                    break;
                }
                case 'e':
                {
                    var items = PopMark();
                    AsList(Peek(), "APPENDS").AddRange(items);
                    break;
                }
                case 's':
                {
                    var value = Pop();
                    var key = Pop();
                    var d = AsDict(Peek(), "SETITEM");
                    d[Key(key)] = value;
                    Filled(d);
                    break;
                }
                case 'u':
                {
                    var items = PopMark();
                    if (items.Count % 2 != 0)
                        throw Error(
                            $"SETITEMS with an odd number ({items.Count}) of keys and values"
                        );
                    var d = AsDict(Peek(), "SETITEMS");
                    for (int i = 0; i < items.Count; i += 2)
                        d[Key(items[i])] = items[i + 1];
                    Filled(d);
                    break;
                }
                case '0':
                    Pop();
                    break;
                case '1':
                    PopMark();
                    break;
                case '2':
                    Push(Peek());
                    break;
                default:
                    throw Error(
                        $"opcode 0x{op:x2}{(op >= 0x20 && op < 0x7f ? $" ('{(char)op}')" : "")}"
                            + $"{(OpcodeNames.TryGetValue(op, out var n2) ? $" {n2}" : "")} is not supported "
                            + "(NeuronIO files never contain it); refusing to load"
                    );
            }
        }
    }

    private static readonly Dictionary<int, string> OpcodeNames = new()
    {
        ['I'] = "INT",
        ['L'] = "LONG",
        ['F'] = "FLOAT",
        ['S'] = "STRING",
        ['V'] = "UNICODE",
        ['p'] = "PUT",
        ['g'] = "GET",
        ['d'] = "DICT",
        ['l'] = "LIST",
        ['i'] = "INST",
        ['o'] = "OBJ",
        ['P'] = "PERSID",
        ['Q'] = "BINPERSID",
        [0x81] = "NEWOBJ",
        [0x82] = "EXT1",
        [0x83] = "EXT2",
        [0x84] = "EXT4",
        ['B'] = "BINBYTES",
        ['C'] = "SHORT_BINBYTES",
        [0x8c] = "SHORT_BINUNICODE",
        [0x92] = "NEWOBJ_EX",
        [0x93] = "STACK_GLOBAL",
        [0x94] = "MEMOIZE",
        [0x95] = "FRAME",
    };

    // ---------- stack ----------

    private void Push(object? v)
    {
        if (stack.Count >= options.MaxStackItems)
            throw Error(
                $"more than {options.MaxStackItems} values on the pickle stack; refusing (nesting too deep)"
            );
        stack.Add(v);
    }

    private object? Pop()
    {
        int floor = marks.Count > 0 ? marks.Peek() : 0;
        if (stack.Count <= floor)
            throw Error("stack underflow (opcode needs a value that is not there)");
        var v = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return v;
    }

    private object? Peek()
    {
        int floor = marks.Count > 0 ? marks.Peek() : 0;
        if (stack.Count <= floor)
            throw Error("stack underflow (opcode needs a value that is not there)");
        return stack[^1];
    }

    private List<object?> PopMark()
    {
        if (marks.Count == 0)
            throw Error("no MARK on the stack");
        int m = marks.Pop();
        var items = stack.GetRange(m, stack.Count - m);
        stack.RemoveRange(m, stack.Count - m);
        return items;
    }

    private PickleList AsList(object? o, string op) =>
        o as PickleList ?? throw Error($"{op} to a {Describe(o)}, not a list");

    private PickleDict AsDict(object? o, string op) =>
        o as PickleDict ?? throw Error($"{op} on a {Describe(o)}, not a dict");

    private object Key(object? k) =>
        k switch
        {
            string or long or double or bool or NumpyScalar or BigInteger => k,
            _ => throw Error($"dict key of type {Describe(k)} is not supported"),
        };

    // ---------- memo ----------

    private void Put(long index)
    {
        var v = Peek();
        memo[index] = v;
        released.Remove(index);
        if (options.OnDictFilled != null)
            recentMemo.Add(index);
    }

    private void Get(long index)
    {
        if (memo.TryGetValue(index, out var v))
            Push(v);
        else if (released.Contains(index))
            throw Error(
                $"memo entry {index} refers to a record that was already handed over and released; "
                    + "the file does not have the NeuronIO layout"
            );
        else
            throw Error($"memo entry {index} was never stored");
    }

    private void Filled(PickleDict d)
    {
        if (options.OnDictFilled is not { } hook)
            return;
        var replacement = hook(d);
        if (replacement == null)
            return;
        stack[^1] = replacement;
        foreach (var index in recentMemo)
        {
            if (memo.TryGetValue(index, out var v) && !KeepInMemo(v))
            {
                memo.Remove(index);
                released.Add(index);
            }
        }
        recentMemo.Clear();
    }

    private static bool KeepInMemo(object? v) =>
        v switch
        {
            PickleGlobal or NumpyDtype or null or bool or long or double => true,
            string s => s.Length <= 256 && s.All(c => c >= 0x20 && c < 0x7f),
            _ => false,
        };

    // ---------- globals, REDUCE, BUILD ----------

    private void Global()
    {
        var module = ReadLine();
        var name = ReadLine();
        var full = $"{module}.{name}";
        if (!Allowed.Contains(full))
            throw Error(
                $"pickle refers to {full}, which NeuronIO files never contain; refusing to load"
            );
        Push(new PickleGlobal(module, name));
    }

    private object Reduce(object? callable, object? argsObj)
    {
        if (callable is not PickleGlobal g)
            throw Error(
                $"REDUCE of a {Describe(callable)}; only allow-listed NumPy constructors may be called"
            );
        if (argsObj is not object?[] args)
            throw Error($"REDUCE of {g} with {Describe(argsObj)} arguments, expected a tuple");
        switch (g.Name)
        {
            case "_reconstruct":
                if (args.Length != 3 || args[0] is not PickleGlobal { Name: "ndarray" })
                    throw Error(
                        $"{g} called with unexpected arguments; only (numpy.ndarray, shape, typecode) is allowed"
                    );
                return new NumpyArray();
            case "scalar":
            {
                if (args.Length != 2 || args[0] is not NumpyDtype dt)
                    throw Error(
                        $"{g} called with unexpected arguments; expected (dtype, raw bytes)"
                    );
                Span<byte> raw = stackalloc byte[8];
                int n;
                switch (args[1])
                {
                    case string s when s.Length <= 8:
                        n = s.Length;
                        for (int i = 0; i < n; i++)
                            raw[i] = (byte)s[i]; // Latin-1: one char per byte
                        break;
                    case byte[] b when b.Length <= 8:
                        n = b.Length;
                        b.CopyTo(raw);
                        break;
                    case string or byte[]:
                        n = -1;
                        break;
                    default:
                        throw Error($"{g}: payload is a {Describe(args[1])}");
                }
                if (n != dt.ItemSize)
                    throw Error(
                        $"{g}: payload of the wrong size for dtype {dt} of {dt.ItemSize} bytes"
                    );
                return new NumpyScalar(dt, raw[..n]);
            }
            case "dtype":
            {
                if (args.Length is < 1 or > 3 || args[0] is not string code)
                    throw Error(
                        $"{g} called with unexpected arguments; expected (code, align, copy)"
                    );
                return NumpyDtype.TryParse(code)
                    ?? throw Error(
                        $"numpy dtype '{code}' is not a plain numeric type; NeuronIO files never contain it"
                    );
            }
            default:
                throw Error(
                    $"REDUCE of {g} is not allowed (it may only appear as an argument of _reconstruct)"
                );
        }
    }

    private void Build(object? target, object? stateObj)
    {
        if (stateObj is not object?[] state)
            throw Error($"BUILD with {Describe(stateObj)} state, expected a tuple");
        switch (target)
        {
            case NumpyDtype dt:
                // (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata])
                if (
                    state.Length is < 8 or > 9
                    || state[1] is not string order
                    || state[2] != null
                    || state[3] != null
                )
                    throw Error("numpy dtype state is not that of a plain numeric dtype");
                if (order is not ("<" or ">" or "|" or "="))
                    throw Error($"numpy dtype byte order '{order}' is not one of < > | =");
                dt.BigEndian = order == ">";
                dt.Built = true;
                break;
            case NumpyArray arr:
            {
                // (version, shape, dtype, is_fortran, raw data)
                if (
                    state.Length != 5
                    || state[1] is not object?[] shapeObj
                    || state[2] is not NumpyDtype adt
                )
                    throw Error("numpy array state is not (version, shape, dtype, fortran, data)");
                if (state[3] is true or 1L)
                    throw Error(
                        "Fortran-ordered numpy arrays are not supported (NeuronIO arrays are C-ordered)"
                    );
                var shape = new long[shapeObj.Length];
                long count = 1;
                for (int i = 0; i < shape.Length; i++)
                {
                    if (shapeObj[i] is not long n || n < 0)
                        throw Error($"numpy array shape entry {i} is {Describe(shapeObj[i])}");
                    shape[i] = n;
                    count = checked(count * n);
                }
                var raw =
                    PickleStrings.AsBytes(state[4])
                    ?? throw Error(
                        $"numpy array data is a {Describe(state[4])} (object arrays are not supported)"
                    );
                if (raw.Length != count * adt.ItemSize)
                    throw Error(
                        $"numpy array of shape ({string.Join(", ", shape)}) and dtype {adt} needs "
                            + $"{count * adt.ItemSize} bytes, the file holds {raw.Length}"
                    );
                arr.Dtype = adt;
                arr.Shape = shape;
                arr.Raw = raw;
                break;
            }
            default:
                throw Error(
                    $"BUILD on a {Describe(target)}; only numpy arrays and dtypes take a state"
                );
        }
    }

    private static string Describe(object? o) =>
        o switch
        {
            null => "None",
            string => "str",
            byte[] => "bytes",
            long or BigInteger => "int",
            double => "float",
            bool => "bool",
            object?[] => "tuple",
            PickleList => "list",
            PickleDict => "dict",
            PickleGlobal g => g.ToString(),
            _ => o.GetType().Name,
        };

    // ---------- byte input ----------

    private PickleFormatException Error(string message) => new(fileName, opStart, message);

    private bool Fill()
    {
        bufStart += bufLen;
        bufPos = 0;
        bufLen = stream.Read(buffer, 0, buffer.Length);
        return bufLen > 0;
    }

    private int ReadByte()
    {
        if (bufPos >= bufLen && !Fill())
            throw Error($"truncated: stream ends inside the pickle (at byte {Position})");
        return buffer[bufPos++];
    }

    private ReadOnlySpan<byte> ReadSpan(int n)
    {
        if (bufLen - bufPos < n)
        {
            // move the tail to the front and refill
            int rest = bufLen - bufPos;
            Array.Copy(buffer, bufPos, buffer, 0, rest);
            bufStart += bufPos;
            bufPos = 0;
            bufLen = rest;
            while (bufLen < n)
            {
                int got = stream.Read(buffer, bufLen, buffer.Length - bufLen);
                if (got <= 0)
                    throw Error(
                        $"truncated: stream ends inside the pickle (at byte {bufStart + bufLen})"
                    );
                bufLen += got;
            }
        }
        var s = buffer.AsSpan(bufPos, n);
        bufPos += n;
        return s;
    }

    private byte[] ReadBytes(long n)
    {
        if (n < 0 || n > options.MaxStringBytes)
            throw Error($"string of {n} bytes exceeds the limit of {options.MaxStringBytes}");
        if (streamLength >= 0 && Position + n > streamLength)
            throw Error(
                $"truncated: a string of {n} bytes runs past the end of the stream ({streamLength} bytes)"
            );
        var r = new byte[n];
        int have = Math.Min(bufLen - bufPos, (int)n);
        buffer.AsSpan(bufPos, have).CopyTo(r);
        bufPos += have;
        int done = have;
        while (done < n)
        {
            int got = stream.Read(r, done, (int)n - done);
            if (got <= 0)
                throw Error($"truncated: stream ends inside a string of {n} bytes");
            done += got;
            bufStart += got;
        }
        return r;
    }

    private object ReadStr(long n)
    {
        if (n < TextStringLimit && n >= 0)
            return Encoding.Latin1.GetString(ReadSpan((int)n));
        return ReadBytes(n);
    }

    private object ReadLong(int n)
    {
        var s = ReadSpan(n);
        if (n <= 8)
        {
            long v = 0;
            for (int i = n - 1; i >= 0; i--)
                v = (v << 8) | s[i];
            if (n > 0 && n < 8 && (s[n - 1] & 0x80) != 0)
                v -= 1L << (8 * n);
            return v;
        }
        return new BigInteger(s, isUnsigned: false, isBigEndian: false);
    }

    private string ReadLine()
    {
        var sb = new StringBuilder();
        while (true)
        {
            int b = ReadByte();
            if (b == '\n')
                return sb.ToString();
            if (sb.Length >= 256 || b < 0x20 || b >= 0x7f)
                throw Error("GLOBAL name is not a short printable line");
            sb.Append((char)b);
        }
    }
}
