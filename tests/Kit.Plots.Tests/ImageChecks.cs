using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Kit.Plots.Tests;

/// <summary>Minimal readers for exported files: PNG header and pixels, PDF page box.</summary>
internal static class ImageChecks
{
    public sealed record Png(int Width, int Height, int Channels, byte[] Pixels);

    /// <summary>Decodes an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) with zlib.</summary>
    public static Png DecodePng(byte[] file)
    {
        byte[] sig = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(file.AsSpan(0, 8).SequenceEqual(sig), "not a PNG signature");
        int pos = 8,
            width = 0,
            height = 0,
            channels = 0;
        var idat = new MemoryStream();
        while (pos + 8 <= file.Length)
        {
            var len = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(file, pos + 4, 4);
            var data = file.AsSpan(pos + 8, len);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]); // bit depth
                channels = data[9] switch
                {
                    2 => 3,
                    6 => 4,
                    _ => throw new InvalidDataException($"PNG colour type {data[9]} not handled"),
                };
                Assert.Equal(0, data[12]); // no interlace
            }
            else if (type == "IDAT")
                idat.Write(data);
            else if (type == "IEND")
                break;
            pos += 12 + len;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = width * channels;
        Assert.Equal((stride + 1) * height, bytes.Length);
        var px = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int x = bytes[y * (stride + 1) + 1 + i];
                int a = i >= channels ? px[y * stride + i - channels] : 0;
                int b = y > 0 ? px[(y - 1) * stride + i] : 0;
                int c = i >= channels && y > 0 ? px[(y - 1) * stride + i - channels] : 0;
                px[y * stride + i] = (byte)(
                    filter switch
                    {
                        0 => x,
                        1 => x + a,
                        2 => x + b,
                        3 => x + (a + b) / 2,
                        4 => x + Paeth(a, b, c),
                        _ => throw new InvalidDataException($"PNG filter {filter}"),
                    }
                );
            }
        }
        return new Png(width, height, channels, px);
    }

    /// <summary>Fraction of pixels that are clearly not white (any of R, G, B below 200, and opaque).</summary>
    public static double InkFraction(Png png)
    {
        long ink = 0;
        for (var i = 0; i < png.Pixels.Length; i += png.Channels)
        {
            var opaque = png.Channels < 4 || png.Pixels[i + 3] > 128;
            if (
                opaque
                && (png.Pixels[i] < 200 || png.Pixels[i + 1] < 200 || png.Pixels[i + 2] < 200)
            )
                ink++;
        }
        return ink / (double)(png.Width * png.Height);
    }

    /// <summary>All /MediaBox sizes (width, height in points) of a PDF whose page objects are not compressed.</summary>
    public static List<(double W, double H)> PdfMediaBoxes(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        return Regex
            .Matches(text, @"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")
            .Select(m =>
                (
                    double.Parse(
                        m.Groups[3].Value,
                        System.Globalization.CultureInfo.InvariantCulture
                    )
                        - double.Parse(
                            m.Groups[1].Value,
                            System.Globalization.CultureInfo.InvariantCulture
                        ),
                    double.Parse(
                        m.Groups[4].Value,
                        System.Globalization.CultureInfo.InvariantCulture
                    )
                        - double.Parse(
                            m.Groups[2].Value,
                            System.Globalization.CultureInfo.InvariantCulture
                        )
                )
            )
            .ToList();
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c,
            pa = Math.Abs(p - a),
            pb = Math.Abs(p - b),
            pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a
            : pb <= pc ? b
            : c;
    }
}
