using Kit.Core;

namespace Kit.Tests.Shared;

/// <summary>
/// A repository root with no shared folder beside it: <c>&lt;temp&gt;/&lt;prefix&gt;XXXX/repo</c>, so the
/// <c>../shared</c> that <see cref="KitPaths.Shared"/> looks for is inside this test's own temporary folder and
/// cannot be a stray <c>/tmp/shared</c>. Tests of what the kit does without the reference data (the synthetic
/// cell, "put cell1.asc here" messages) use it; <see cref="RequireNoSharedVariable"/> skips them when
/// <c>NEURONKIT_SHARED</c> names a shared folder for every root.
/// </summary>
internal sealed class IsolatedRoot : IDisposable
{
    private readonly string parent;

    /// <summary>Creates the root (empty) under a fresh temporary folder named with <paramref name="prefix"/>.</summary>
    public IsolatedRoot(string prefix)
    {
        parent = Directory.CreateTempSubdirectory(prefix).FullName;
        Path = Directory.CreateDirectory(System.IO.Path.Combine(parent, "repo")).FullName;
    }

    /// <summary>The repository root (absolute).</summary>
    public string Path { get; }

    /// <summary>
    /// Skips the calling <c>[SkippableFact]</c> when <c>NEURONKIT_SHARED</c> is set: the variable gives every root a
    /// shared folder, so a root without one cannot be arranged in this process.
    /// </summary>
    public static void RequireNoSharedVariable()
    {
        var env = Environment.GetEnvironmentVariable(KitPaths.SharedVariable);
        Skip.If(
            !string.IsNullOrWhiteSpace(env),
            $"{KitPaths.SharedVariable}={env} gives every root a shared folder; this test needs a root without one"
        );
    }

    /// <summary>Deletes the temporary folder and everything in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(parent))
            Directory.Delete(parent, recursive: true);
    }
}
