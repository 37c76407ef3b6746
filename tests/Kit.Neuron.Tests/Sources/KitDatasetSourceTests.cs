using Kit.Neuron.Data;
using Kit.Neuron.Data.Sources;

namespace Kit.Neuron.Tests.Sources;

/// <summary>A kit dataset folder read a part at a time: the same records as ReadAll, and clear errors.</summary>
public sealed class KitDatasetSourceTests : IDisposable
{
    private readonly string root = Path.Combine(
        Path.GetTempPath(),
        $"kit-sources-{Guid.NewGuid():N}"
    );

    public void Dispose()
    {
        if (Directory.Exists(root))
            Directory.Delete(root, recursive: true);
    }

    private string Folder(int count = 11, int perPart = 4, string name = "data")
    {
        var dir = Path.Combine(root, name);
        KitFolder.Write(dir, KitFolder.Records(count), perPart);
        return dir;
    }

    internal static List<SimulationRecord> All(ISimulationSource source)
    {
        var all = new List<SimulationRecord>();
        for (int b = 0; b < source.Blocks.Count; b++)
            source.ForEach(b, all.Add);
        return all;
    }

    [Fact]
    public void RoundTrip_EqualsReadAll()
    {
        var dir = Folder();
        var source = new KitDatasetSource(dir);
        var expected = L5pcDatasetFactory.ReadAll(dir);

        Assert.Equal(dir, source.Name);
        Assert.Equal(6, source.Channels);
        Assert.Equal(30, source.DurationMs);
        Assert.Equal(11, source.Simulations);
        Assert.Equal(L5pcDatasetFactory.Generator, source.Generator);
        Assert.Equal(3, source.Blocks.Count);
        for (int p = 0; p < 3; p++)
        {
            var path = Path.Combine(dir, L5pcDatasetConfig.PartFileName(p));
            Assert.Equal(path, source.Blocks[p].Name);
            Assert.Equal(new FileInfo(path).Length, source.Blocks[p].SizeBytes);
        }
        DatasetAssert.Equal(expected, expected with { Simulations = All(source) });
        Assert.Equal(expected.Metadata, source.Metadata);
        Assert.Equal("ampa-nmda", source.Config!["synapses"]!.GetValue<string>());
        Assert.Null(source.Config["part"]);
    }

    [Fact]
    public void ForEachOverAllBlocks_YieldsEachSimulationOnceInOrder()
    {
        var rng = new System.Random(5);
        for (int trial = 0; trial < 12; trial++)
        {
            int count = rng.Next(1, 20),
                perPart = rng.Next(1, 6);
            var records = KitFolder.Records(count, seed: trial);
            var dir = Path.Combine(root, $"trial-{trial}");
            KitFolder.Write(dir, records, perPart);
            var source = new KitDatasetSource(dir);
            Assert.Equal((count + perPart - 1) / perPart, source.Blocks.Count);
            var seen = All(source);
            // soma bin 0 carries the simulation's index
            Assert.Equal(Enumerable.Range(0, count), seen.Select(s => (int)s.SomaVoltageMv[0]));
            var meta = new DatasetMetadata("g", 0, "v", 0, "");
            DatasetAssert.Equal(new SpikeDataset(meta, records), new SpikeDataset(meta, seen));
        }
    }

    [Fact]
    public void ReadingABlockDecodesOnlyThatPart()
    {
        var dir = Folder();
        var source = new KitDatasetSource(dir);
        // part 2 corrupt: blocks 0 and 1 still read
        File.WriteAllText(Path.Combine(dir, L5pcDatasetConfig.PartFileName(2)), "junk");
        var first = new List<SimulationRecord>();
        source.ForEach(1, first.Add);
        Assert.Equal([4, 5, 6, 7], first.Select(s => (int)s.SomaVoltageMv[0]));
    }

    [Fact]
    public void MissingFolder()
    {
        var dir = Path.Combine(root, "nowhere");
        var e = Assert.Throws<InvalidDataException>(() => new KitDatasetSource(dir));
        Assert.Contains(dir, e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void FolderWithoutManifest()
    {
        var dir = Folder();
        File.Delete(Path.Combine(dir, L5pcDatasetFactory.ManifestFileName));
        var e = Assert.Throws<InvalidDataException>(() => new KitDatasetSource(dir));
        Assert.Contains(dir, e.Message);
        Assert.Contains("not a kit dataset folder", e.Message);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"format\": \"neuronkit-model\", \"format_version\": 1}")]
    public void ForeignManifest(string text)
    {
        var dir = Folder();
        var manifest = Path.Combine(dir, L5pcDatasetFactory.ManifestFileName);
        File.WriteAllText(manifest, text);
        var e = Assert.Throws<InvalidDataException>(() => new KitDatasetSource(dir));
        Assert.Contains(manifest, e.Message);
    }

    [Fact]
    public void MissingPart_SaysTheDatasetIsIncomplete()
    {
        var dir = Folder();
        var part = Path.Combine(dir, L5pcDatasetConfig.PartFileName(1));
        File.Delete(part);
        var e = Assert.Throws<InvalidDataException>(() => new KitDatasetSource(dir));
        Assert.Contains(part, e.Message);
        Assert.Contains("incomplete dataset, run kit simulate again", e.Message);
    }

    [Fact]
    public void PartDeletedAfterOpening_SaysTheDatasetIsIncomplete()
    {
        var dir = Folder();
        var source = new KitDatasetSource(dir);
        var part = Path.Combine(dir, L5pcDatasetConfig.PartFileName(2));
        File.Delete(part);
        var e = Assert.Throws<InvalidDataException>(() => source.ForEach(2, _ => { }));
        Assert.Contains(part, e.Message);
        Assert.Contains("incomplete dataset", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void TruncatedPart_NamesThePart(int part)
    {
        var dir = Folder();
        var path = Path.Combine(dir, L5pcDatasetConfig.PartFileName(part));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        // part 0 is opened for its metadata; the others fail when their block is read
        var e = Assert.Throws<InvalidDataException>(() =>
        {
            var source = new KitDatasetSource(dir);
            source.ForEach(part, _ => { });
        });
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void ChannelCountDifferingBetweenParts()
    {
        var dir = Folder(count: 8, perPart: 4);
        var other = Path.Combine(root, "other");
        KitFolder.Write(other, KitFolder.Records(8, channels: 10), 4);
        var part = Path.Combine(dir, L5pcDatasetConfig.PartFileName(1));
        File.Copy(Path.Combine(other, L5pcDatasetConfig.PartFileName(1)), part, overwrite: true);
        var source = new KitDatasetSource(dir);
        source.ForEach(0, _ => { });
        var e = Assert.Throws<InvalidDataException>(() => source.ForEach(1, _ => { }));
        Assert.Contains(part, e.Message);
        Assert.Contains("10 channels", e.Message);
        Assert.Contains("has 6", e.Message);
    }

    [Fact]
    public void PartWithOtherSimulationCountThanTheManifest()
    {
        var dir = Folder(count: 8, perPart: 4);
        var other = Path.Combine(root, "other");
        KitFolder.Write(other, KitFolder.Records(6), 3);
        var part = Path.Combine(dir, L5pcDatasetConfig.PartFileName(1));
        File.Copy(Path.Combine(other, L5pcDatasetConfig.PartFileName(1)), part, overwrite: true);
        var e = Assert.Throws<InvalidDataException>(() =>
            new KitDatasetSource(dir).ForEach(1, _ => { })
        );
        Assert.Contains(part, e.Message);
        Assert.Contains("the manifest says 4", e.Message);
    }

    [Fact]
    public void CallbackExceptionsPassThrough()
    {
        var source = new KitDatasetSource(Folder());
        var e = Assert.Throws<InvalidDataException>(() =>
            source.ForEach(0, _ => throw new InvalidDataException("mine"))
        );
        Assert.Equal("mine", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.ForEach(3, _ => { }));
    }
}
