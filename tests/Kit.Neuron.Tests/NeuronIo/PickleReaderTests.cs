using System.Buffers.Binary;
using Kit.Neuron.Data.NeuronIo;

namespace Kit.Neuron.Tests.NeuronIo;

public sealed class PickleReaderTests
{
    private static PickleFormatException Refused(
        byte[] data,
        string name = "hostile.p",
        PickleReaderOptions? o = null
    ) => Assert.Throws<PickleFormatException>(() => PickleReader.Load(data, name, o));

    [Fact]
    public void PlainValues_DictListTupleMemo()
    {
        var p = new PickleBytes().Op('}').Put(0).Mark();
        p.Str("int")
            .Int(7)
            .Str("neg")
            .Int(-1_646)
            .Str("big")
            .Int(1L << 40)
            .Str("float")
            .Float(-0.125);
        p.Str("t").Raw(0x88).Str("f").Raw(0x89).Str("none").Op('N');
        p.Str("list").Op(']').Put(1).Mark().Str("basal").Put(2).Get(2).Get(2).Op('e');
        p.Str("tuple").Int(1).Int(2).Raw(0x86);
        p.Str("empty").Op(')');
        p.Op('u').Stop();
        var d = Assert.IsType<PickleDict>(PickleReader.Load(p.ToArray()));
        Assert.Equal(7L, d["int"]);
        Assert.Equal(-1646L, d["neg"]);
        Assert.Equal(1L << 40, d["big"]);
        Assert.Equal(-0.125, d["float"]);
        Assert.Equal(true, d["t"]);
        Assert.Equal(false, d["f"]);
        Assert.Null(d["none"]);
        var list = Assert.IsType<PickleList>(d["list"]);
        Assert.Equal(["basal", "basal", "basal"], list.Cast<string>());
        Assert.Same(list[0], list[2]); // memo gives the same object, as in Python
        Assert.Equal(new object?[] { 1L, 2L }, d["tuple"]);
        Assert.Empty(Assert.IsType<object?[]>(d["empty"]));
    }

    [Fact]
    public void NumpyArrays_AllDtypesShapesAndByteOrder()
    {
        var f2 = new byte[12];
        var halves = new[] { -76.0, 0.5, 31.25, -0.0625, 65504, 1e-3 };
        for (int i = 0; i < 6; i++)
            BinaryPrimitives.WriteHalfLittleEndian(f2.AsSpan(2 * i), (Half)halves[i]);
        var f4be = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(f4be, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(f4be.AsSpan(4), -2.25f);
        var i8 = new byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(i8, -5);
        BinaryPrimitives.WriteInt64LittleEndian(i8.AsSpan(8), 5_999);
        var i4 = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(i4, -70_000);
        var f8 = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(f8, Math.PI);

        var p = new PickleBytes().Mark();
        p.Array("f2", [2, 3], f2)
            .Array("f4", [2], f4be, ">")
            .Array("i8", [2], i8)
            .Array("i4", [1, 1], i4);
        p.Array("u1", [3], [0, 200, 255], "|").Array("b1", [2], [1, 0], "|").Array("f8", [1], f8);
        p.Array("f4", [0], []);
        p.Op('t').Stop();
        var a = Assert
            .IsType<object?[]>(PickleReader.Load(p.ToArray()))
            .Cast<NumpyArray>()
            .ToArray();

        Assert.Equal([2L, 3L], a[0].Shape);
        Assert.Equal(6, a[0].Length);
        Assert.Equal(halves.Select(h => (Half)h), a[0].ToHalfArray());
        Assert.Equal(-76f, a[0].ToSingleArray()[0]);
        Assert.True(a[1].Dtype!.BigEndian);
        Assert.Equal([1.5f, -2.25f], a[1].ToSingleArray());
        Assert.Equal([-5L, 5999L], a[2].ToInt64Array());
        Assert.Equal([-70000.0], a[3].ToDoubleArray());
        Assert.Equal([0L, 200L, 255L], a[4].ToInt64Array());
        Assert.Equal(NumpyKind.Bool, a[5].Dtype!.Kind);
        Assert.Equal([1L, 0L], a[5].ToInt64Array());
        Assert.Equal([Math.PI], a[6].ToDoubleArray());
        Assert.Equal(0, a[7].Length);
        Assert.Throws<InvalidOperationException>(() => a[1].ToHalfArray());
    }

    [Fact]
    public void NumpyScalars_AsDictKeysAndValues()
    {
        var f8 = new byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(f8, 2.5);
        var p = new PickleBytes().Op('}').Mark();
        p.Int64Scalar(436).Op(']').Mark().Int64Scalar(0).Int64Scalar(5999).Op('e');
        p.Str("isicv").Scalar("f8", f8);
        p.Op('u').Stop();
        var d = Assert.IsType<PickleDict>(PickleReader.Load(p.ToArray()));
        var key = d.Keys.OfType<NumpyScalar>().Single();
        Assert.True(key.IsInteger);
        Assert.Equal(436, key.Int64);
        var times = Assert.IsType<PickleList>(d[key]);
        Assert.Equal([0.0, 5999.0], times.Cast<NumpyScalar>().Select(s => s.Double));
        Assert.Equal(2.5, Assert.IsType<NumpyScalar>(d["isicv"]).Double);
    }

    [Fact]
    public void ScalarWithWrongPayloadSize_IsRefused()
    {
        var e = Refused(new PickleBytes().Scalar("i8", [1, 2, 3]).Stop().ToArray());
        Assert.Contains("payload of the wrong size for dtype <i8", e.Message);
    }

    [Theory]
    [InlineData("os", "system")]
    [InlineData("posix", "system")]
    [InlineData("__builtin__", "eval")]
    [InlineData("subprocess", "Popen")]
    [InlineData("copy_reg", "_reconstructor")]
    [InlineData("numpy", "load")]
    public void ForeignGlobal_IsRefusedBeforeAnythingRuns(string module, string name)
    {
        var p = new PickleBytes().Str("prefix").Op('0');
        int offset = p.Length;
        p.Global(module, name).Mark().Str("touch /tmp/pwned").Op('t').Op('R').Stop();
        var e = Refused(p.ToArray());
        Assert.Equal(
            $"hostile.p: offset {offset}: pickle refers to {module}.{name}, which NeuronIO files never contain; refusing to load",
            e.Message
        );
        Assert.Equal(offset, e.Offset);
        Assert.Equal("hostile.p", e.FileName);
    }

    [Fact]
    public void Reduce_OfNonCallableOrWrongArguments_IsRefused()
    {
        // numpy.ndarray is allow-listed only as an argument of _reconstruct
        var p = new PickleBytes().Global("numpy", "ndarray").Mark().Int(3).Op('t');
        int at = p.Length;
        p.Op('R').Stop();
        var e = Refused(p.ToArray());
        Assert.Equal(at, e.Offset);
        Assert.Contains("REDUCE of numpy.ndarray is not allowed", e.Message);

        // a string used as a callable
        e = Refused(new PickleBytes().Str("os.system").Mark().Op('t').Op('R').Stop().ToArray());
        Assert.Contains("REDUCE of a str", e.Message);

        // _reconstruct with something other than numpy.ndarray as the class
        e = Refused(
            new PickleBytes()
                .Global("numpy.core.multiarray", "_reconstruct")
                .Global("numpy", "dtype")
                .Int(0)
                .Raw(0x85)
                .Str("b")
                .Raw(0x87)
                .Op('R')
                .Stop()
                .ToArray()
        );
        Assert.Contains("only (numpy.ndarray, shape, typecode) is allowed", e.Message);

        // object dtype
        e = Refused(
            new PickleBytes()
                .Global("numpy", "dtype")
                .Str("O")
                .Raw(0x89, 0x88, 0x87)
                .Op('R')
                .Stop()
                .ToArray()
        );
        Assert.Contains("dtype 'O' is not a plain numeric type", e.Message);

        // BUILD on a plain dict (would be __setstate__ / __dict__.update in Python)
        e = Refused(new PickleBytes().Op('}').Op(')').Op('b').Stop().ToArray());
        Assert.Contains("BUILD on a dict", e.Message);
    }

    [Fact]
    public void TruncatedStream_AtEveryLength_FailsCleanly()
    {
        var raw = new byte[96];
        var full = new PickleBytes()
            .Op('}')
            .Mark()
            .Str("v")
            .Array("f2", [48], raw)
            .Str("s")
            .Int64Scalar(9)
            .Op('u')
            .Stop()
            .ToArray();
        Assert.IsType<PickleDict>(PickleReader.Load(full));
        for (int n = 0; n < full.Length; n++)
        {
            var cut = full[..n];
            var e = Assert.Throws<PickleFormatException>(() => PickleReader.Load(cut, "cut.p"));
            Assert.StartsWith("cut.p: offset ", e.Message);
            Assert.InRange(e.Offset, 0, n);
        }
    }

    [Fact]
    public void HugeStringLength_IsRefusedWithoutAllocating()
    {
        var p = new PickleBytes().Op('T').Int32(int.MaxValue - 100).Raw(1, 2, 3);
        var e = Refused(p.ToArray());
        Assert.Equal(2, e.Offset);
        Assert.Contains("truncated", e.Message);
    }

    [Theory]
    [InlineData(0xff, "opcode 0xff is not supported")]
    [InlineData(0x81, "opcode 0x81 NEWOBJ is not supported")]
    [InlineData('i', "opcode 0x69 ('i') INST is not supported")]
    [InlineData('R', "stack underflow")]
    [InlineData('e', "no MARK on the stack")]
    public void BadOpcode_NamesOpcodeAndOffset(int op, string message)
    {
        var p = new PickleBytes().Int(1).Op('0').Raw((byte)op).Stop();
        var e = Refused(p.ToArray(), "bad.p");
        Assert.Equal(5, e.Offset);
        Assert.StartsWith("bad.p: offset 5: ", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Protocol3_IsRefused()
    {
        var e = Refused([0x80, 3, (byte)'N', (byte)'.']);
        Assert.Contains("pickle protocol 3", e.Message);
    }

    [Fact]
    public void DeeplyNested_IsRefusedByLimits()
    {
        var marks = new PickleBytes();
        for (int i = 0; i < 100_000; i++)
            marks.Mark();
        var e = Refused(marks.ToArray());
        Assert.Equal(2 + 64, e.Offset); // the 65th MARK
        Assert.Contains("nested MARKs", e.Message);

        var lists = new PickleBytes();
        for (int i = 0; i < 200_000; i++)
            lists.Op(']');
        e = Refused(lists.ToArray());
        Assert.Contains("values on the pickle stack", e.Message);

        // a self-referencing list is fine for the VM (conversion limits: NeuronIoSyntheticTests)
        var self = new PickleBytes()
            .Op('}')
            .Str("Params")
            .Op('}')
            .Str("x")
            .Op(']')
            .Put(0)
            .Get(0)
            .Op('a');
        self.Op('s').Op('s').Stop();
        var d = Assert.IsType<PickleDict>(PickleReader.Load(self.ToArray()));
        var inner = Assert.IsType<PickleList>(((PickleDict)d["Params"]!)["x"]);
        Assert.Same(inner, inner[0]);
    }

    [Fact]
    public void MemoMiss_IsReported()
    {
        var e = Refused(new PickleBytes().Get(5).Stop().ToArray());
        Assert.Contains("memo entry 5 was never stored", e.Message);
    }

    [Fact]
    public void ArrayWithWrongPayloadOrFortranOrder_IsRefused()
    {
        var e = Refused(new PickleBytes().Array("f4", [3], new byte[8]).Stop().ToArray());
        Assert.Contains("needs 12 bytes, the file holds 8", e.Message);

        // fortran flag set: patch the NEWFALSE after the dtype BUILD into NEWTRUE
        var ok = new PickleBytes().Array("f2", [1], new byte[2]).Stop().ToArray();
        int flag = Array.LastIndexOf(ok, (byte)0x89);
        ok[flag] = 0x88;
        e = Refused(ok);
        Assert.Contains("Fortran-ordered", e.Message);
    }

    [Fact]
    public void StopWithLeftovers_IsRefused()
    {
        var e = Refused(new PickleBytes().Int(1).Int(2).Stop().ToArray());
        Assert.Contains("STOP with 2 values", e.Message);
    }
}
