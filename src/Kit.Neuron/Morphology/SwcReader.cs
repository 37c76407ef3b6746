using System.Collections.Immutable;
using System.Globalization;

namespace Kit.Neuron.Morphology;

/// <summary>
/// Reads standard SWC (<c>id type x y z radius parent</c>, µm; <c>#</c> comments). Soma: type-1 samples, either
/// one sample, the NeuroMorpho 3-point convention, or an unbranched chain (see <see cref="SwcFile"/>). Sections
/// are unbranched runs of one type; children of soma samples (and non-soma roots) are root sections attached to
/// soma(0.5), other sections get their parent sample prepended with their own first diameter and attach at
/// parent(1), as for Neurolucida files. Bad columns, duplicate ids, missing parents and cycles throw
/// <see cref="MorphologyFormatException"/> with the line number.
/// </summary>
public static class SwcReader
{
    /// <summary>Reads and validates a file.</summary>
    /// <exception cref="MorphologyFormatException">Malformed content.</exception>
    public static SwcFile Read(string path) =>
        Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses and validates text; <paramref name="sourceName"/> is used in messages.</summary>
    /// <exception cref="MorphologyFormatException">Malformed content.</exception>
    public static SwcFile Parse(string text, string sourceName)
    {
        var samples = ImmutableArray.CreateBuilder<SwcSample>();
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            int hash = line.IndexOf('#');
            if (hash >= 0)
                line = line[..hash];
            var cols = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (cols.Length == 0)
                continue;
            int no = i + 1;
            if (cols.Length < 7)
                throw new MorphologyFormatException(
                    sourceName,
                    no,
                    0,
                    $"expected 7 columns (id type x y z radius parent), found {cols.Length}"
                );
            int id = Int(cols[0], "id", no, sourceName);
            if (id < 1)
                throw new MorphologyFormatException(
                    sourceName,
                    no,
                    0,
                    $"sample id must be positive, found {id}"
                );
            int type = Int(cols[1], "type", no, sourceName);
            double x = Num(cols[2], "x", no, sourceName);
            double y = Num(cols[3], "y", no, sourceName);
            double z = Num(cols[4], "z", no, sourceName);
            double r = Num(cols[5], "radius", no, sourceName);
            if (r < 0)
                throw new MorphologyFormatException(
                    sourceName,
                    no,
                    0,
                    $"radius must not be negative, found {r}"
                );
            int parent = Int(cols[6], "parent", no, sourceName);
            if (parent < -1 || parent == 0)
                throw new MorphologyFormatException(
                    sourceName,
                    no,
                    0,
                    $"parent must be -1 (root) or a positive id, found {parent}"
                );
            if (parent == id)
                throw new MorphologyFormatException(
                    sourceName,
                    no,
                    0,
                    $"sample {id} is its own parent"
                );
            samples.Add(new SwcSample(id, type, x, y, z, r, parent, no));
        }
        if (samples.Count == 0)
            throw new MorphologyFormatException(
                sourceName,
                0,
                0,
                "no samples: expected lines 'id type x y z radius parent'"
            );
        return new SwcFile(sourceName, samples.ToImmutable());
    }

    private static int Int(string s, string what, int line, string source) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new MorphologyFormatException(
                source,
                line,
                0,
                $"expected an integer {what}, found '{s}'"
            );

    private static double Num(string s, string what, int line, string source) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
        && double.IsFinite(v)
            ? v
            : throw new MorphologyFormatException(
                source,
                line,
                0,
                $"expected a number ({what}), found '{s}'"
            );
}
