using System.Security.Cryptography;
using Kit.Core;

namespace Kit.Neuron.Morphology;

/// <summary>
/// Named reconstructions that users place under <c>data/morphologies/</c> of the repository root
/// (docs/architecture.md, "Morphologies"). Nothing is downloaded: a missing file is an error that says which
/// file, where to put it and where it is published; a file with another SHA-256 is an error naming both hashes.
/// </summary>
public static class MorphologyCatalog
{
    /// <summary>Catalog name of the Hay et al. 2011 L5b pyramidal cell "cell1".</summary>
    public const string Hay2011 = "Hay2011";

    private sealed record Entry(string FileName, string Sha256, string PublicSource);

    private static readonly Dictionary<string, Entry> Entries = new(
        StringComparer.OrdinalIgnoreCase
    )
    {
        [Hay2011] = new(
            "cell1.asc",
            "a8afc0925afec1dd9241528ee6ccfdcb1c321904d876835990592c2573567383",
            "ModelDB entry 139653 (Hay et al. 2011), file L5bPCmodelsEH/morphologies/cell1.asc"
        ),
    };

    /// <summary>The catalog names.</summary>
    public static IReadOnlyCollection<string> Names => Entries.Keys;

    /// <summary>True when <paramref name="name"/> is a catalog name (not a path).</summary>
    public static bool IsCatalogName(string name) => Entries.ContainsKey(name);

    /// <summary>The expected SHA-256 (lower-case hex) of a catalog entry's file.</summary>
    public static string ExpectedSha256(string name) => Get(name).Sha256;

    /// <summary>The path under <c>data/morphologies/</c> where the entry's file belongs (it may not exist).</summary>
    public static string ExpectedPath(string name, string? root = null) =>
        Path.Combine(KitPaths.Data(root), "morphologies", Get(name).FileName);

    /// <summary>
    /// The verified path of a catalog entry: <c>data/morphologies/&lt;file&gt;</c> under the repository root
    /// (<paramref name="root"/>, else <see cref="KitPaths.Root"/>).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file is absent; the message says where to put it and its source.</exception>
    /// <exception cref="InvalidDataException">The file's SHA-256 differs; the message names both hashes.</exception>
    public static string Resolve(string name, string? root = null)
    {
        var entry = Get(name);
        var path = ExpectedPath(name, root);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"Morphology '{name}' needs the file {entry.FileName}, which is not at {path}. Put the original "
                    + $"reconstruction at data/morphologies/{entry.FileName} under the repository root; it is published "
                    + $"in {entry.PublicSource}. NeuronKit does not download it. Morphologies.Synthetic() is a "
                    + "built-in stand-in.",
                path
            );
        string actual;
        using (var stream = File.OpenRead(path))
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        if (actual != entry.Sha256)
            throw new InvalidDataException(
                $"Morphology '{name}': {path} has SHA-256 {actual}, expected {entry.Sha256} (the original "
                    + $"{entry.FileName} from {entry.PublicSource}). Replace it with the original file."
            );
        return path;
    }

    private static Entry Get(string name) =>
        Entries.TryGetValue(name, out var e)
            ? e
            : throw new KeyNotFoundException(
                $"'{name}' is not a catalog morphology; known: {string.Join(", ", Entries.Keys)}"
            );
}
