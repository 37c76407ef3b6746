using System.Diagnostics;
using System.Text;

namespace Kit.Plots;

/// <summary>
/// Finds and runs a headless Chromium (or Chrome) for image export. Lookup order: the environment variable
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

    /// <summary>
    /// Runs Chromium headless on <paramref name="url"/> with the kit's fixed flags plus <paramref name="extra"/>,
    /// in a fresh profile directory that is deleted afterwards. Returns standard output.
    /// </summary>
    /// <exception cref="TimeoutException">Chromium did not finish within <paramref name="timeout"/>; it is killed.</exception>
    /// <exception cref="InvalidOperationException">Chromium exited with a non-zero code.</exception>
    internal static string Run(string exe, string url, IEnumerable<string> extra, TimeSpan timeout)
    {
        var profile = Directory.CreateTempSubdirectory("neuronkit-chromium-");
        try
        {
            var psi = new ProcessStartInfo(exe)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                CreateNoWindow = true,
            };
            foreach (
                var flag in new[]
                {
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--no-default-browser-check",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--disable-dev-shm-usage",
                    "--hide-scrollbars",
                    "--mute-audio",
                    "--allow-file-access-from-files",
                    $"--user-data-dir={profile.FullName}",
                }
            )
                psi.ArgumentList.Add(flag);
            foreach (var flag in extra)
                psi.ArgumentList.Add(flag);
            psi.ArgumentList.Add(url);

            using var p =
                Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
            var stdout = new StringBuilder();
            var stderr = new StringBuilder();
            p.OutputDataReceived += (_, e) =>
            {
                if (e.Data != null)
                    lock (stdout)
                        stdout.Append(e.Data).Append('\n');
            };
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data != null)
                    lock (stderr)
                        stderr.Append(e.Data).Append('\n');
            };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            if (!p.WaitForExit(timeout))
            {
                try
                {
                    p.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException) { }
                throw new TimeoutException(
                    $"{exe} did not finish within {timeout.TotalSeconds:0} s on {url}"
                );
            }
            p.WaitForExit();
            if (p.ExitCode != 0)
                throw new InvalidOperationException(
                    $"{exe} exited with code {p.ExitCode}: {Tail(stderr.ToString())}"
                );
            return stdout.ToString();
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static string Tail(string s) => s.Length <= 600 ? s.Trim() : s[^600..].Trim();
}
