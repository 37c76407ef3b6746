using System.Buffers.Binary;
using System.Text;

namespace Kit.Neuron.Tests.NeuronIo;

/// <summary>Hand-assembles protocol-2 pickles opcode by opcode, the way Python 2's cPickle writes them.</summary>
internal sealed class PickleBytes
{
    private readonly List<byte> b = [0x80, 2];

    public int Length => b.Count;

    public byte[] ToArray() => [.. b];

    public PickleBytes Op(char c) => Raw((byte)c);

    public PickleBytes Raw(params byte[] bytes)
    {
        b.AddRange(bytes);
        return this;
    }

    public PickleBytes Mark() => Op('(');

    public PickleBytes Stop() => Op('.');

    public PickleBytes Str(string s) => Bytes(Encoding.Latin1.GetBytes(s));

    /// <summary>SHORT_BINSTRING below 256 bytes, else BINSTRING (Python-2 str).</summary>
    public PickleBytes Bytes(byte[] data)
    {
        if (data.Length < 256)
            Raw((byte)'U', (byte)data.Length);
        else
        {
            Op('T');
            Int32(data.Length);
        }
        return Raw(data);
    }

    public PickleBytes Int(long v)
    {
        if (v >= 0 && v < 256)
            return Raw((byte)'K', (byte)v);
        if (v >= 0 && v < 65536)
            return Raw((byte)'M', (byte)v, (byte)(v >> 8));
        if (v >= int.MinValue && v <= int.MaxValue)
        {
            Op('J');
            return Int32((int)v);
        }
        var le = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(le, v);
        return Raw(0x8a, 8).Raw(le);
    }

    public PickleBytes Float(double v)
    {
        var be = new byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(be, v);
        return Op('G').Raw(be);
    }

    public PickleBytes Int32(int v)
    {
        var le = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(le, v);
        return Raw(le);
    }

    public PickleBytes Put(int i) => Raw((byte)'q', (byte)i);

    public PickleBytes Get(int i) => Raw((byte)'h', (byte)i);

    public PickleBytes Global(string module, string name) =>
        Op('c').Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));

    /// <summary><c>dtype(code, False, True)</c> + BUILD <c>(3, order, None, None, None, -1, -1, 0)</c>.</summary>
    public PickleBytes Dtype(string code, string order = "<")
    {
        Global("numpy", "dtype").Str(code).Raw(0x89, 0x88, 0x87).Op('R');
        Mark().Int(3).Str(order).Op('N').Op('N').Op('N').Int(-1).Int(-1).Int(0).Op('t');
        return Op('b');
    }

    /// <summary><c>_reconstruct(ndarray, (0,), 'b')</c> + BUILD <c>(1, shape, dtype, False, raw)</c>.</summary>
    public PickleBytes Array(string code, long[] shape, byte[] raw, string order = "<")
    {
        Global("numpy.core.multiarray", "_reconstruct")
            .Global("numpy", "ndarray")
            .Int(0)
            .Raw(0x85)
            .Str("b");
        Raw(0x87).Op('R');
        Mark().Int(1).Mark();
        foreach (var s in shape)
            Int(s);
        Op('t').Dtype(code, order).Raw(0x89).Bytes(raw).Op('t');
        return Op('b');
    }

    /// <summary><c>scalar(dtype, raw)</c>.</summary>
    public PickleBytes Scalar(string code, byte[] raw) =>
        Global("numpy.core.multiarray", "scalar").Dtype(code).Bytes(raw).Raw(0x86).Op('R');

    public PickleBytes Int64Scalar(long v)
    {
        var le = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(le, v);
        return Scalar("i8", le);
    }
}
