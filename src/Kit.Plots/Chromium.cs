namespace Kit.Plots;

/// <summary>
/// Finds the headless Chromium (or Chrome) that image export runs (<see cref="ChartExporter"/>). Lookup order: the environment variable
/// <c>NEURONKIT_CHROMIUM</c> (a path; when set but missing, Chromium counts as absent), then
/// <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c>, <c>google-chrome-stable</c> on PATH.
/// </summary>
public static class Chromium
{
    /// <summary>Environment variable naming the Chromium executable.</summary>
    public const string EnvironmentVariable = "NEURONKIT_CHROMIUM";

    /// <summary>The one-line hint shown when Chromium is absent.</summary>
    public const string MissingHint =
        "PNG/SVG/PDF skipped: Chromium not found; install it with `apt-get install chromium` or set "
        + EnvironmentVariable
        + " to its path";

    private static readonly string[] Names =
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ];

    /// <summary>The Chromium executable, or null when none is found.</summary>
    public static string? Find()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
            return File.Exists(env) ? Path.GetFullPath(env) : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var exts = OperatingSystem.IsWindows() ? new[] { ".exe", "" } : new[] { "" };
        foreach (var name in Names)
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        foreach (var ext in exts)
        {
            var candidate = Path.Combine(dir, name + ext);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
