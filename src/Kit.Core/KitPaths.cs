namespace Kit.Core;

/// <summary>
/// Where things live (docs/architecture.md, "Where outputs go"). The repository root is the nearest ancestor of
/// the starting folder that holds <c>Kit.sln</c>; <c>NEURONKIT_ROOT</c> overrides it. Figures of notebook
/// <c>NN-name.ipynb</c> go to <c>figures/NN-name/</c> under the root; datasets and caches under <c>data/</c>.
/// </summary>
public static class KitPaths
{
    /// <summary>Environment variable that overrides the repository root.</summary>
    public const string RootVariable = "NEURONKIT_ROOT";

    /// <summary>Environment variable naming the shared reference folder (test data and morphologies).</summary>
    public const string SharedVariable = "NEURONKIT_SHARED";

    /// <summary>The repository root seen from <paramref name="startDirectory"/> (default: the current notebook's folder, else the working directory).</summary>
    /// <exception cref="DirectoryNotFoundException">No ancestor holds Kit.sln and NEURONKIT_ROOT is unset.</exception>
    public static string Root(string? startDirectory = null)
    {
        var env = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return Path.GetFullPath(env);
        var start = StartDirectory(startDirectory);
        return FindRoot(start)
            ?? throw new DirectoryNotFoundException(
                $"No folder holding Kit.sln above '{Path.GetFullPath(start)}'. Run from inside the NeuronKit "
                    + $"repository or set {RootVariable}."
            );
    }

    /// <summary>The nearest ancestor (or the folder itself) holding Kit.sln, or null.</summary>
    public static string? FindRoot(string startDirectory)
    {
        for (
            var dir = new DirectoryInfo(Path.GetFullPath(startDirectory));
            dir != null;
            dir = dir.Parent
        )
            if (File.Exists(Path.Combine(dir.FullName, "Kit.sln")))
                return dir.FullName;
        return null;
    }

    /// <summary>
    /// The shared reference folder (NEURON reference runs, morphologies; kept beside the checkout, never copied into
    /// it): <c>NEURONKIT_SHARED</c> when set, else <c>shared/</c> beside the repository root (<c>../shared</c> seen
    /// from the folder holding Kit.sln). Null when that folder does not exist, or when no root is found.
    /// </summary>
    /// <param name="root">
    /// The repository root; default: the root found as <see cref="Root"/> finds it, without throwing.
    /// </param>
    public static string? Shared(string? root = null)
    {
        var env = Environment.GetEnvironmentVariable(SharedVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        root ??= TryRoot();
        if (root is null)
            return null;
        var shared = Path.GetFullPath(Path.Combine(root, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }

    private static string? TryRoot()
    {
        var env = Environment.GetEnvironmentVariable(RootVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return Path.GetFullPath(env);
        return FindRoot(StartDirectory(null));
    }

    private static string StartDirectory(string? startDirectory) =>
        startDirectory
        ?? (NotebookContext.Current is { } nb ? Path.GetDirectoryName(nb.NotebookPath) : null)
        ?? Directory.GetCurrentDirectory();

    /// <summary><c>data/</c> under the root (created on demand).</summary>
    public static string Data(string? root = null) => Ensure(Path.Combine(root ?? Root(), "data"));

    /// <summary><c>data/cache/</c> under the root (created on demand).</summary>
    public static string Cache(string? root = null) => Ensure(Path.Combine(Data(root), "cache"));

    /// <summary><c>figures/&lt;name&gt;/</c> under the root, e.g. <c>figures/01-integrate-and-fire/</c> (created on demand).</summary>
    public static string Figures(string name, string? root = null) =>
        Ensure(Path.Combine(root ?? Root(), "figures", name));

    private static string Ensure(string dir)
    {
        Directory.CreateDirectory(dir);
        return dir;
    }
}
