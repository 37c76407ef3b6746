using System.Collections.Immutable;

namespace Kit.Neuron.Morphology;

/// <summary>
/// Reads Neurolucida ASCII (<c>.asc</c>) files (docs/l5pc/morphology.md, "Neurolucida ASCII format"): header blocks
/// ignored; contours (top-level lists whose first element is a quoted name, or tagged <c>(CellBody)</c>); trees tagged
/// <c>(Dendrite)</c>, <c>(Apical)</c>, <c>(Axon)</c> with branching lists <c>( a | b | ... )</c>; property lists,
/// marker lists and end-of-branch words skipped. Points are <c>(x y z d ...)</c> in µm. Malformed input throws
/// <see cref="MorphologyFormatException"/> naming the file, line, column and what was expected.
/// </summary>
public static class NeurolucidaReader
{
    /// <summary>Reads and parses a file.</summary>
    /// <exception cref="MorphologyFormatException">Malformed content.</exception>
    public static NeurolucidaFile Read(string path) =>
        Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses text; <paramref name="sourceName"/> is used in error messages.</summary>
    /// <exception cref="MorphologyFormatException">Malformed content.</exception>
    public static NeurolucidaFile Parse(string text, string sourceName)
    {
        var top = new SExpressionReader(text, sourceName).ReadAll();
        var contours = ImmutableArray.CreateBuilder<NeurolucidaContour>();
        var trees = ImmutableArray.CreateBuilder<NeurolucidaTree>();
        foreach (var node in top)
        {
            if (node is SBar bar)
                throw new MorphologyFormatException(
                    sourceName,
                    bar.Line,
                    bar.Column,
                    "unexpected '|' outside a tree"
                );
            if (node is not SList list || list.Items.Count == 0)
                continue; // stray words/strings between blocks carry nothing
            var first = list.Items[0];
            if (first is SWord)
                continue; // header blocks: (Sections ...), (SSM ...), (ImageCoords), markers at top level
            var tags = Tags(list);
            if (first is SString name || tags.Contains("CellBody"))
            {
                contours.Add(
                    ReadContour(list, tags, (first as SString)?.Text ?? "CellBody", sourceName)
                );
                continue;
            }
            SectionType? type =
                tags.Contains("Dendrite") ? SectionType.Basal
                : tags.Contains("Apical") ? SectionType.Apical
                : tags.Contains("Axon") ? SectionType.Axon
                : null;
            if (type is null)
                continue; // unknown top-level object (e.g. a free-standing marker set)
            var root = ReadBranch(list.Items, 0, list.Items.Count, sourceName, list);
            if (root is null)
                throw new MorphologyFormatException(
                    sourceName,
                    list.Line,
                    list.Column,
                    $"the {type} tree has no points, expected at least one (x y z d) point"
                );
            trees.Add(new NeurolucidaTree(type.Value, root, list.Line));
        }
        return new NeurolucidaFile(sourceName, contours.ToImmutable(), trees.ToImmutable());
    }

    private static HashSet<string> Tags(SList list)
    {
        var tags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in list.Items)
            if (item is SList { Items: [SWord w] })
                tags.Add(w.Text);
        return tags;
    }

    private static NeurolucidaContour ReadContour(
        SList list,
        HashSet<string> tags,
        string name,
        string source
    )
    {
        var pts = ImmutableArray.CreateBuilder<Point3d>();
        foreach (var item in list.Items)
            if (item is SList pl && IsPoint(pl))
                pts.Add(ReadPoint(pl, source));
            else if (item is SBar bar)
                throw new MorphologyFormatException(
                    source,
                    bar.Line,
                    bar.Column,
                    "unexpected '|' inside a contour"
                );
        bool isCellBody =
            tags.Contains("CellBody")
            || name.Equals("CellBody", StringComparison.OrdinalIgnoreCase);
        return new NeurolucidaContour(
            name,
            isCellBody,
            tags.Contains("Closed"),
            pts.ToImmutable(),
            list.Line
        );
    }

    private static bool IsPoint(SList list) =>
        list.Items.Count > 0 && list.Items[0] is SWord w && w.TryNumber(out _);

    private static Point3d ReadPoint(SList list, string source)
    {
        var v = new double[4];
        string[] what = ["x", "y", "z", "diameter"];
        for (int i = 0; i < 4; i++)
        {
            if (i >= list.Items.Count)
                throw new MorphologyFormatException(
                    source,
                    list.Line,
                    list.Column,
                    $"a point needs four numbers (x y z d), found {i}; expected the {what[i]}"
                );
            if (list.Items[i] is not SWord w || !w.TryNumber(out v[i]))
                throw new MorphologyFormatException(
                    source,
                    list.Items[i].Line,
                    list.Items[i].Column,
                    $"expected a number ({what[i]} of a point), found {Describe(list.Items[i])}"
                );
        }
        return new Point3d(v[0], v[1], v[2], v[3]);
    }

    private static string Describe(SNode node) =>
        node switch
        {
            SWord w => $"'{w.Text}'",
            SString s => $"the string \"{s.Text}\"",
            SBar => "'|'",
            SList => "a '(' list",
            _ => "something else",
        };

    /// <summary>
    /// Reads items [from, to) of a tree or child as one branch: its points, then an optional branching list.
    /// Returns null when it has no points (e.g. a child holding only a marker).
    /// </summary>
    private static NeurolucidaBranch? ReadBranch(
        List<SNode> items,
        int from,
        int to,
        string source,
        SNode owner
    )
    {
        var pts = ImmutableArray.CreateBuilder<Point3d>();
        var children = ImmutableArray.CreateBuilder<NeurolucidaBranch>();
        int firstLine = owner.Line;
        SList? branching = null;
        for (int i = from; i < to; i++)
        {
            var item = items[i];
            switch (item)
            {
                case SBar bar:
                    throw new MorphologyFormatException(
                        source,
                        bar.Line,
                        bar.Column,
                        "unexpected '|' outside a branching list"
                    );
                case SList pl when IsPoint(pl):
                    if (branching != null)
                        throw new MorphologyFormatException(
                            source,
                            pl.Line,
                            pl.Column,
                            $"a point after the branching list opened at line {branching.Line}; expected ')' or '|'"
                        );
                    if (pts.Count == 0)
                        firstLine = pl.Line;
                    pts.Add(ReadPoint(pl, source));
                    break;
                case SList { Items.Count: > 0 } sub when sub.Items[0] is SList or SBar:
                    if (branching != null)
                        throw new MorphologyFormatException(
                            source,
                            sub.Line,
                            sub.Column,
                            $"a second branching list after the one opened at line {branching.Line}; expected ')' or '|'"
                        );
                    branching = sub;
                    int start = 0;
                    for (int k = 0; k <= sub.Items.Count; k++)
                    {
                        if (k < sub.Items.Count && sub.Items[k] is not SBar)
                            continue;
                        var child = ReadBranch(
                            sub.Items,
                            start,
                            k,
                            source,
                            k < sub.Items.Count ? sub.Items[k] : sub
                        );
                        if (child != null)
                            children.Add(child);
                        start = k + 1;
                    }
                    break;
                default:
                    break; // property lists, markers, end words, names
            }
        }
        if (pts.Count == 0)
            return null;
        return new NeurolucidaBranch(pts.ToImmutable(), children.ToImmutable(), firstLine);
    }
}
