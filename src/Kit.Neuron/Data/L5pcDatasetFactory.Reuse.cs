using System.Text.Json.Nodes;

namespace Kit.Neuron.Data;

// Reusing the parts of another dataset that differs from this one only in its number of simulations: simulation i
// depends only on (config, seed, i) and its part's lane groups, so a part covering the same simulations in both is
// the same simulations, and only its metadata (which records the whole dataset's count) is written anew.
public sealed partial class L5pcDatasetFactory
{
    /// <summary>
    /// The config of the dataset in <paramref name="dir"/>, when it is this factory's config but for
    /// <see cref="L5pcDatasetConfig.Simulations"/> (the one difference that leaves every simulation as it is).
    /// </summary>
    /// <param name="dir">A dataset folder (its <c>manifest.json</c> is read; the parts need not all be there).</param>
    /// <exception cref="InvalidDataException">
    /// No manifest, not a dataset manifest, or a dataset that differs in more than its simulation count (the message
    /// names the manifest and what differs).
    /// </exception>
    public L5pcDatasetConfig ReusableConfig(string dir)
    {
        var path = Path.Combine(Path.GetFullPath(dir), ManifestFileName);
        if (!File.Exists(path))
            throw new InvalidDataException(
                $"{path}: manifest not found; parts can be reused only from a dataset folder written by kit simulate l5pc"
            );
        var theirs = ReadManifestConfig(path, "that folder's parts cannot be reused");
        if (theirs["simulations"] is not JsonValue count || !count.TryGetValue(out int simulations))
            throw new InvalidDataException(
                $"{path}: the manifest's config has no integer 'simulations'"
            );
        if (simulations <= 0)
            throw new InvalidDataException(
                $"{path}: the manifest's config has {simulations} simulations"
            );
        var config = Config with { Simulations = simulations };
        // Compared with this dataset at their count, so only a difference in anything else is reported.
        if (Differences(theirs, ConfigJson(config, null), "here") is { } differences)
            throw new InvalidDataException(
                $"{path}: a dataset that differs from this one in more than its number of simulations ({differences}), "
                    + "so its parts are not this dataset's"
            );
        return config;
    }

    /// <summary>
    /// Whether <see cref="ReusableConfig"/> accepts <paramref name="dir"/>: for donors found rather than named (the
    /// cache's datasets of another size), where one that is not reusable, e.g. an entry whose manifest another process
    /// has not written yet, is passed over instead of stopping the run.
    /// </summary>
    public bool CanReuse(string dir)
    {
        try
        {
            ReusableConfig(dir);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>The folders of <paramref name="sources"/> other than <paramref name="outDir"/> with their configs, checked before anything is written.</summary>
    /// <exception cref="InvalidDataException">A folder is not reusable (<see cref="ReusableConfig"/>).</exception>
    private (string Dir, L5pcDatasetConfig Config)[] Donors(
        IReadOnlyList<string> sources,
        string outDir
    ) =>
        [
            .. sources
                .Select(Path.GetFullPath)
                .Where(d => d != outDir)
                .Select(d => (d, ReusableConfig(d))),
        ];

    /// <summary>
    /// Writes each part of <paramref name="pending"/> that one of <paramref name="donors"/> holds for exactly the
    /// same simulations (the same first simulation and count, hence the same lane groups), with this dataset's
    /// metadata, and removes it from <paramref name="pending"/>. The file is the bytes simulating it would write.
    /// </summary>
    /// <returns>Parts and simulations reused.</returns>
    /// <exception cref="InvalidDataException">A part a donor holds is corrupt or not its dataset's (naming it).</exception>
    private (int Parts, int Simulations) ReuseParts(
        string outDir,
        List<int> pending,
        (string Dir, L5pcDatasetConfig Config)[] donors,
        Action<string>? partWritten,
        CancellationToken ct
    )
    {
        int parts = 0,
            simulations = 0;
        foreach (int p in pending.ToArray())
        {
            ct.ThrowIfCancellationRequested();
            var range = Config.PartRange(p);
            foreach (var (dir, config) in donors)
            {
                if (p >= config.Parts || config.PartRange(p) != range)
                    continue;
                var source = Path.Combine(dir, L5pcDatasetConfig.PartFileName(p));
                if (!File.Exists(source))
                    continue;
                var donor = ReadVerifiedPart(source, config, p);
                var path = Path.Combine(outDir, L5pcDatasetConfig.PartFileName(p));
                DatasetFile.Write(path, new SpikeDataset(PartMetadata(p), donor.Simulations));
                pending.Remove(p);
                parts++;
                simulations += range.Count;
                partWritten?.Invoke(path);
                break;
            }
        }
        return (parts, simulations);
    }
}
