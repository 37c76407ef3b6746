namespace Kit.Notebooks.Running;

/// <summary>Options of <see cref="NotebookRunner"/>.</summary>
public sealed record NotebookRunOptions
{
    /// <summary><c>-p name=value</c> overrides of the parameters cell.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } =
        new Dictionary<string, string>();

    /// <summary>Folder of the executed copy (default <see cref="NotebookRunner.DefaultOutputDirectory"/>).</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Where the per-cell progress lines go (default <see cref="Console.Error"/>; <see cref="TextWriter.Null"/> for none).</summary>
    public TextWriter? Progress { get; init; }
}
