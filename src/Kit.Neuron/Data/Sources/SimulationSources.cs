namespace Kit.Neuron.Data.Sources;

/// <summary>Opens simulations on disk by what the paths hold: kit dataset folders or NeuronIO pickles.</summary>
public static class SimulationSources
{
    /// <summary>The extension of NeuronIO files.</summary>
    public const string NeuronIoExtension = ".p";

    /// <summary>
    /// Opens <paramref name="paths"/> as one source:
    /// <list type="bullet">
    /// <item>a folder holding <c>manifest.json</c>: a kit dataset folder (<see cref="KitDatasetSource"/>); several
    /// such folders are read one after another (<see cref="ConcatenatedSource"/>);</item>
    /// <item>a folder holding <c>*.p</c> files: those files, sorted by name (<see cref="NeuronIoSource"/>);</item>
    /// <item>one or more <c>.p</c> files, in the order given (with folders of them: <see cref="NeuronIoSource"/>).</item>
    /// </list>
    /// The path of a <c>manifest.json</c> stands for its folder.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path does not exist (the message names it).</exception>
    /// <exception cref="InvalidDataException">
    /// A folder holds neither a manifest nor <c>.p</c> files, a file is neither, or kit folders and NeuronIO
    /// files are mixed (the message names the path).
    /// </exception>
    public static ISimulationSource Open(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            throw new ArgumentException(
                "no dataset paths given (a kit dataset folder, or NeuronIO .p files or folders of them)",
                nameof(paths)
            );
        var kitFolders = new List<string>();
        var pickles = new List<string>();
        string? firstKit = null,
            firstPickle = null;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                if (File.Exists(Path.Combine(path, L5pcDatasetFactory.ManifestFileName)))
                {
                    kitFolders.Add(path);
                    firstKit ??= path;
                    continue;
                }
                var inFolder = Directory
                    .EnumerateFiles(path, "*" + NeuronIoExtension)
                    .Where(f => Path.GetExtension(f) == NeuronIoExtension)
                    .Order(StringComparer.Ordinal)
                    .ToArray();
                if (inFolder.Length == 0)
                    throw new InvalidDataException(
                        $"{path}: neither a kit dataset folder (no {L5pcDatasetFactory.ManifestFileName}) nor a "
                            + $"folder of NeuronIO {NeuronIoExtension} files"
                            + (
                                Directory.EnumerateFileSystemEntries(path).Any()
                                    ? ""
                                    : " (it is empty)"
                            )
                    );
                pickles.AddRange(inFolder);
                firstPickle ??= path;
            }
            else if (File.Exists(path))
            {
                if (Path.GetFileName(path) == L5pcDatasetFactory.ManifestFileName)
                {
                    var folder = Path.GetDirectoryName(path) is { Length: > 0 } d ? d : ".";
                    kitFolders.Add(folder);
                    firstKit ??= path;
                }
                else if (Path.GetExtension(path) == NeuronIoExtension)
                {
                    pickles.Add(path);
                    firstPickle ??= path;
                }
                else
                    throw new InvalidDataException(
                        $"{path}: neither a NeuronIO {NeuronIoExtension} file nor a kit dataset folder "
                            + "(a kit dataset is opened by its folder)"
                    );
            }
            else
                throw new FileNotFoundException($"{path}: no such file or folder", path);
        }
        if (firstKit != null && firstPickle != null)
            throw new InvalidDataException(
                $"{firstKit} is a kit dataset and {firstPickle} NeuronIO data: open one kind at a time"
            );
        if (pickles.Count > 0)
            return new NeuronIoSource(
                pickles,
                name: paths.Count == 1 ? paths[0] : string.Join(", ", paths)
            );
        var sources = kitFolders.Select(f => new KitDatasetSource(f)).ToArray();
        return sources.Length == 1 ? sources[0] : new ConcatenatedSource(sources);
    }

    /// <summary>Opens one path (see <see cref="Open(IReadOnlyList{string})"/>).</summary>
    public static ISimulationSource Open(string path) => Open([path]);
}
