using System.Numerics;
using System.Text;

namespace Kit.Neuron.Data.NeuronIo;

// Byte input: a buffered reader over the stream that reports truncation with the opcode's offset, and the
// decoding of strings, longs and GLOBAL lines.
public sealed partial class PickleReader
{
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
