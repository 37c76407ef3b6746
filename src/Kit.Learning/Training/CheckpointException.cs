namespace Kit.Learning.Training;

/// <summary>A checkpoint file is missing, truncated or inconsistent; the message names the file.</summary>
public sealed class CheckpointException(string path, string reason, Exception? inner = null)
    : Exception($"checkpoint file '{path}' cannot be used: {reason}", inner)
{
    /// <summary>The offending file.</summary>
    public string Path { get; } = path;
}
