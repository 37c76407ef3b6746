using System.Globalization;
using System.Text;
using Kit.Core;

namespace Kit.Neuron.Morphology;

/// <summary>
/// Writes a <see cref="Morphology"/> as SWC so that <see cref="SwcReader"/> reads it back to the same sections:
/// the soma as a chain of type-1 samples (its 3-D points), each section's own points (without the prepended
/// branch point) with the parent sample = the parent section's last point, root sections parented to the middle
/// soma sample. Sections without 3-D points (the stub axon) are not written; the Hay template re-creates them.
/// Coordinates use round-trip formatting, so nothing is lost.
/// </summary>
public static class SwcWriter
{
    /// <summary>The SWC text.</summary>
    /// <exception cref="NotSupportedException">A non-root section attaches elsewhere than parent(1).</exception>
    public static string Format(Morphology morphology)
    {
        var sb = new StringBuilder();
        sb.Append("# written by NeuronKit from ").Append(morphology.SourceName).Append('\n');
        sb.Append("# id type x y z radius parent (um)\n");
        int id = 0;
        var lastId = new int[morphology.Sections.Length];
        var soma = morphology.Soma.Points;
        for (int k = 0; k < soma.Length; k++)
        {
            id++;
            Line(sb, id, 1, soma[k], k == 0 ? -1 : id - 1);
        }
        int somaMiddle = 1 + soma.Length / 2;
        lastId[0] = somaMiddle;
        for (int i = 1; i < morphology.Sections.Length; i++)
        {
            var s = morphology.Sections[i];
            if (!s.HasPoints)
                continue;
            bool root = s.ParentIndex == 0;
            if (!root && s.ParentX != 1)
                throw new NotSupportedException(
                    $"{s.Name} attaches at x = {s.ParentX} of its parent; SWC can only express attachment at x = 1"
                );
            int type = s.Type switch
            {
                SectionType.Axon => 2,
                SectionType.Apical => 4,
                _ => 3,
            };
            int parent = lastId[s.ParentIndex];
            for (int k = root ? 0 : 1; k < s.Points.Length; k++)
            {
                id++;
                Line(sb, id, type, s.Points[k], parent);
                parent = id;
            }
            lastId[i] = id;
        }
        return sb.ToString();
    }

    /// <summary>Writes the SWC text atomically (temporary file, then rename).</summary>
    public static void Write(Morphology morphology, string path) =>
        AtomicFile.WriteAllText(path, Format(morphology));

    private static void Line(StringBuilder sb, int id, int type, Point3d p, int parent)
    {
        var c = CultureInfo.InvariantCulture;
        sb.Append(id.ToString(c))
            .Append(' ')
            .Append(type.ToString(c))
            .Append(' ')
            .Append(p.XUm.ToString("R", c))
            .Append(' ')
            .Append(p.YUm.ToString("R", c))
            .Append(' ')
            .Append(p.ZUm.ToString("R", c))
            .Append(' ')
            .Append((p.DiameterUm / 2).ToString("R", c))
            .Append(' ')
            .Append(parent.ToString(c))
            .Append('\n');
    }
}
