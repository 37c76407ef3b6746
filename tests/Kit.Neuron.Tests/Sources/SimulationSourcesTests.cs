using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;
using Kit.Tests.Shared;

namespace Kit.Neuron.Tests.Sources;

/// <summary>SimulationSources.Open: the kind of source from what the paths hold; wrong paths named.</summary>
public sealed class SimulationSourcesTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"kit-open-{Guid.NewGuid():N}");

    public SimulationSourcesTests() => Directory.CreateDirectory(root);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Pickle(string folder, string name)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, NeuronIoSourceTests.ThreeSegmentFile());
        return path;
    }

    [Fact]
    public void KitFolder_OpensAKitDatasetSource()
    {
        var dir = Path.Combine(root, "kit");
        KitFolder.Write(dir, KitFolder.Records(5), 2);
        var source = Assert.IsType<KitDatasetSource>(SimulationSources.Open(dir));
        Assert.Equal(3, source.Blocks.Count);
        // its manifest stands for the folder
        var byManifest = SimulationSources.Open(
            Path.Combine(dir, L5pcDatasetFactory.ManifestFileName)
        );
        Assert.Equal(dir, Assert.IsType<KitDatasetSource>(byManifest).Folder);
    }

    [Fact]
    public void TwoKitFolders_AreReadOneAfterAnother()
    {
        string a = Path.Combine(root, "a"),
            b = Path.Combine(root, "b");
        KitFolder.Write(a, KitFolder.Records(3, seed: 1), 2);
        KitFolder.Write(b, KitFolder.Records(4, seed: 2), 2);
        var source = Assert.IsType<ConcatenatedSource>(SimulationSources.Open([a, b]));
        Assert.Equal(4, source.Blocks.Count);
        var all = KitDatasetSourceTests.All(source);
        Assert.Equal([0, 1, 2, 0, 1, 2, 3], all.Select(s => (int)s.SomaVoltageMv[0]));

        var c = Path.Combine(root, "c");
        KitFolder.Write(c, KitFolder.Records(2, channels: 8), 2);
        var e = Assert.Throws<InvalidDataException>(() => SimulationSources.Open([a, c]));
        Assert.Contains(c, e.Message);
    }

    [Fact]
    public void FolderOfPickles_OpensItsFilesSortedByName()
    {
        var dir = Path.Combine(root, "neuronio");
        string second = Pickle(dir, "sim_b.p"),
            first = Pickle(dir, "sim_a.p");
        File.WriteAllText(Path.Combine(dir, "README.txt"), "not data");
        var source = Assert.IsType<NeuronIoSource>(SimulationSources.Open(dir));
        Assert.Equal([first, second], source.Files);
        Assert.Equal(dir, source.Name);
    }

    [Fact]
    public void PickleFiles_OpenInTheOrderGiven()
    {
        var dir = Path.Combine(root, "neuronio");
        string b = Pickle(dir, "b.p"),
            a = Pickle(dir, "a.p");
        var source = Assert.IsType<NeuronIoSource>(SimulationSources.Open([b, a]));
        Assert.Equal([b, a], source.Files);
        Assert.Equal(1278, source.Channels);
    }

    [SkippableFact]
    public void SharedFixtures_OpenAsOneSource()
    {
        string nmda = SharedData.RequireFile("reference/neuron/l5pc_nmda_fixture.p"),
            ampa = SharedData.RequireFile("reference/neuron/l5pc_ampa_fixture.p");
        var source = SimulationSources.Open([nmda, ampa]);
        Assert.Equal(2, source.Blocks.Count);
        Assert.Equal(1278, source.Channels);
    }

    [Fact]
    public void MixingKinds_IsRefused()
    {
        var kit = Path.Combine(root, "kit");
        KitFolder.Write(kit, KitFolder.Records(2), 2);
        var pickle = Pickle(Path.Combine(root, "neuronio"), "a.p");
        var e = Assert.Throws<InvalidDataException>(() => SimulationSources.Open([kit, pickle]));
        Assert.Contains(kit, e.Message);
        Assert.Contains(pickle, e.Message);
    }

    [Fact]
    public void EmptyFolder_IsNamed()
    {
        var dir = Path.Combine(root, "empty");
        Directory.CreateDirectory(dir);
        var e = Assert.Throws<InvalidDataException>(() => SimulationSources.Open(dir));
        Assert.Contains(dir, e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void WrongPaths_AreNamed()
    {
        var missing = Path.Combine(root, "missing");
        var e1 = Assert.Throws<FileNotFoundException>(() => SimulationSources.Open(missing));
        Assert.Contains(missing, e1.Message);

        var text = Path.Combine(root, "data.csv");
        File.WriteAllText(text, "1,2,3");
        var e2 = Assert.Throws<InvalidDataException>(() => SimulationSources.Open(text));
        Assert.Contains(text, e2.Message);

        var parts = Path.Combine(root, "parts-only");
        KitFolder.Write(parts, KitFolder.Records(2), 2);
        File.Delete(Path.Combine(parts, L5pcDatasetFactory.ManifestFileName));
        var e3 = Assert.Throws<InvalidDataException>(() => SimulationSources.Open(parts));
        Assert.Contains(parts, e3.Message);
        Assert.Contains("no manifest.json", e3.Message);

        Assert.Throws<ArgumentException>(() => SimulationSources.Open([]));
    }
}
