using System.Security.Cryptography;
using Kit.Neuron.Morphology;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests.Morphology;

public sealed class MorphologyCatalogTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("neuronkit-catalog-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Absent_file_names_the_file_where_to_put_it_and_its_source()
    {
        var e = Assert.Throws<FileNotFoundException>(() =>
            MorphologyCatalog.Resolve("Hay2011", root)
        );
        Assert.Contains("cell1.asc", e.Message);
        Assert.Contains("data/morphologies/cell1.asc", e.Message);
        Assert.Contains("ModelDB entry 139653", e.Message);
        Assert.Contains("L5bPCmodelsEH/morphologies/cell1.asc", e.Message);
    }

    [Fact]
    public void Wrong_hash_names_both_hashes()
    {
        var path = MorphologyCatalog.ExpectedPath("Hay2011", root);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "not the reconstruction");
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
        var e = Assert.Throws<InvalidDataException>(() =>
            MorphologyCatalog.Resolve("hay2011", root)
        );
        Assert.Contains(actual, e.Message);
        Assert.Contains(MorphologyCatalog.ExpectedSha256("Hay2011"), e.Message);
    }

    [Fact]
    public void Unknown_names_are_not_catalog_entries()
    {
        Assert.False(MorphologyCatalog.IsCatalogName("cell1.asc"));
        Assert.Throws<KeyNotFoundException>(() => MorphologyCatalog.Resolve("Nope", root));
        Assert.Throws<ArgumentException>(() => Kit.Neuron.Morphology.Morphology.Load("cell.txt"));
    }

    [SkippableFact]
    public void The_shared_cell1_has_the_catalog_hash_and_loads_by_name()
    {
        var shared = SharedData.RequireFile("morphologies/cell1.asc");
        var path = MorphologyCatalog.ExpectedPath("Hay2011", root);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(shared, path); // into a temporary root, never into the repository
        Assert.Equal(path, MorphologyCatalog.Resolve("Hay2011", root));
        var m = Morphologies.LoadHay2011(root);
        Assert.Equal(84, m.CountOf(SectionType.Basal));
        var prev = Environment.GetEnvironmentVariable(Kit.Core.KitPaths.RootVariable);
        try
        {
            Environment.SetEnvironmentVariable(Kit.Core.KitPaths.RootVariable, root);
            Assert.Equal(
                109,
                Kit.Neuron.Morphology.Morphology.Load("Hay2011").CountOf(SectionType.Apical)
            );
        }
        finally
        {
            Environment.SetEnvironmentVariable(Kit.Core.KitPaths.RootVariable, prev);
        }
    }
}
