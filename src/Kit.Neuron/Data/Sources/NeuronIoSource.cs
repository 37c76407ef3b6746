using System.Collections.Concurrent;
using Kit.Neuron.Data.NeuronIo;

namespace Kit.Neuron.Data.Sources;

/// <summary>
/// The paper's released dataset (NeuronIO: Python-2 pickles of 128 simulations x 6 s each), one block per
/// <c>.p</c> file, streamed a simulation at a time (<see cref="NeuronIoFile.ForEachSimulation"/>): a block never
/// holds more than one simulation in memory. Each simulation becomes a <see cref="SimulationRecord"/> with
/// <see cref="NeuronIoSimulation.ToSimulationRecord"/> (2 x segments channels in NeuronIO order; output spikes
/// re-detected from the 0.125 ms soma trace). The dendritic voltages the files hold are skipped.
/// </summary>
public sealed class NeuronIoSource : ISimulationSource
{
    private static readonly NeuronIoReadOptions ReadOptions = new()
    {
        IncludeDendriticVoltages = false,
        IncludeHighRes = true, // the output spikes are detected on the 0.125 ms soma trace
    };

    private readonly string[] files;
    private readonly ConcurrentDictionary<int, NeuronIoParams> paramsRead = new();

    /// <summary>
    /// Opens <paramref name="files"/> (read in the order given). Only each file's first bytes are read here.
    /// </summary>
    /// <param name="files">NeuronIO pickle files, at least one.</param>
    /// <param name="segments">
    /// Dendritic segments per synapse type (639 for the Hay L5PC: 1278 channels). Each file's <c>Params</c> are
    /// checked against it when the file is read.
    /// </param>
    /// <param name="name">What messages call the source; default: the file, or the first file and a count.</param>
    /// <exception cref="FileNotFoundException">A file is missing (the message names it).</exception>
    /// <exception cref="InvalidDataException">A file is empty or does not start like a pickle.</exception>
    public NeuronIoSource(
        IReadOnlyList<string> files,
        int segments = NeuronIoFile.L5pcSegments,
        string? name = null
    )
    {
        if (files.Count == 0)
            throw new ArgumentException("no NeuronIO files given", nameof(files));
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        this.files = [.. files];
        Segments = segments;
        Channels = 2 * segments;
        Name =
            name
            ?? (
                files.Count == 1
                    ? files[0]
                    : $"{files[0]} and {files.Count - 1} more NeuronIO files"
            );
        Blocks = [.. this.files.Select(CheckHeader)];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Channels { get; }

    /// <summary>Dendritic segments per synapse type (channels = 2 x segments).</summary>
    public int Segments { get; }

    /// <summary>The files, one per block.</summary>
    public IReadOnlyList<string> Files => files;

    /// <inheritdoc/>
    public IReadOnlyList<SimulationBlock> Blocks { get; }

    /// <summary>
    /// The <c>Params</c> of block <paramref name="block"/>'s file (synapse type, seed, ...) once
    /// <see cref="ForEach"/> has read that block to the end, else null (a pickle stores them beside the
    /// simulations, so they are known only after a read).
    /// </summary>
    public NeuronIoParams? ParamsOf(int block) => paramsRead.GetValueOrDefault(block);

    /// <inheritdoc/>
    public void ForEach(int block, Action<SimulationRecord> onSimulation)
    {
        if ((uint)block >= (uint)files.Length)
            throw new ArgumentOutOfRangeException(
                nameof(block),
                block,
                $"{Name} has blocks 0..{files.Length - 1}"
            );
        var path = files[block];
        bool inCallback = false; // exceptions of the caller's callback pass through untouched
        NeuronIoExperiment experiment;
        try
        {
            experiment = NeuronIoFile.ForEachSimulation(
                path,
                sim =>
                {
                    SimulationRecord record;
                    try
                    {
                        record = sim.ToSimulationRecord(Segments);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                    {
                        throw new InvalidDataException(
                            $"{path}: simulation {sim.Index}: {e.Message} (this source reads {Segments} "
                                + $"segments per synapse type, {Channels} channels)",
                            e
                        );
                    }
                    inCallback = true;
                    onSimulation(record);
                    inCallback = false;
                },
                options: ReadOptions
            );
        }
        catch (FileNotFoundException e) when (!inCallback)
        {
            throw new InvalidDataException($"{path}: NeuronIO file not found", e);
        }
        catch (PickleFormatException e) when (!inCallback)
        {
            throw new InvalidDataException(
                $"{path}: not a readable NeuronIO pickle: {WithoutPrefix(e.Message, path)}",
                e
            );
        }
        catch (InvalidDataException e)
            when (!inCallback && !e.Message.StartsWith(path, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        catch (IOException e) when (!inCallback)
        {
            throw new InvalidDataException($"{path}: unreadable: {e.Message}", e);
        }
        int fileSegments = experiment.Params.SegmentCount;
        if (fileSegments != Segments)
            throw new InvalidDataException(
                $"{path}: its Params list {fileSegments} segments per synapse type ({2 * fileSegments} channels); this source "
                    + $"was opened for {Segments} ({Channels} channels): open it with segments: {fileSegments}"
            );
        paramsRead[block] = experiment.Params;
    }

    private static SimulationBlock CheckHeader(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException(
                Directory.Exists(path)
                    ? $"{path}: a folder, not a NeuronIO .p file"
                    : $"{path}: NeuronIO file not found",
                path
            );
        Span<byte> head = stackalloc byte[2];
        int n;
        using (var fs = info.OpenRead())
            n = fs.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        // NeuronIO files are protocol-2 pickles: PROTO 2 (0x80 0x02) first.
        if (n < 2 || head[0] != 0x80 || head[1] > 2)
            throw new InvalidDataException(
                n == 0
                    ? $"{path}: empty file, not a NeuronIO pickle"
                    : $"{path}: not a NeuronIO pickle (it starts with 0x{Convert.ToHexString(head[..n])}, "
                        + "a protocol-2 pickle with 0x8002)"
            );
        return new SimulationBlock(path, info.Length);
    }

    private static string WithoutPrefix(string message, string path) =>
        message.StartsWith(path + ": ", StringComparison.Ordinal)
            ? message[(path.Length + 2)..]
            : message;
}
