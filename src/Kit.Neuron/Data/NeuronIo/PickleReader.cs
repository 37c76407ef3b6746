using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Kit.Neuron.Data.NeuronIo;

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
/// This file holds the VM loop; <c>PickleReader.Stack.cs</c> the stack and memo, <c>.Globals.cs</c> the allow-list
/// with REDUCE and BUILD, <c>.Input.cs</c> the buffered byte input.
/// </remarks>
public sealed partial class PickleReader
{
    /// <summary>Python-2 <c>str</c> values shorter than this are decoded to <see cref="string"/>; longer ones stay bytes.</summary>
    public const int TextStringLimit = 1024;

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
}
