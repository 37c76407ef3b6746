namespace Kit.Tests.Shared;

/// <summary>
/// Locates <c>../shared</c> (reference data and morphologies beside the checkout, never copied into it).
/// <c>NEURONKIT_SHARED</c> overrides. Tests that need it call <see cref="RequireFile"/>, which skips the test
/// with a clear reason when the folder is absent.
/// </summary>
internal static class SharedData
{
    /// <summary>The shared folder, or null when absent.</summary>
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("NEURONKIT_SHARED");
        if (!string.IsNullOrWhiteSpace(env))
            return System.IO.Directory.Exists(env) ? Path.GetFullPath(env) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kit.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared");
                return System.IO.Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }
        return null;
    }

    /// <summary>Full path of a file under shared/, or skips the test naming what is missing.</summary>
    public static string RequireFile(string relativePath)
    {
        Skip.If(
            Directory == null,
            "../shared (reference data) is not beside the checkout; set NEURONKIT_SHARED to run this test"
        );
        var path = Path.Combine(Directory!, relativePath);
        Skip.IfNot(File.Exists(path), $"shared reference file {relativePath} is absent");
        return path;
    }
}
