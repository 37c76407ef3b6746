using System.Text.Json;
using System.Text.Json.Nodes;
using Kit.Core;
using Kit.Notebooks.Format;

namespace Kit.Notebooks.Kernel;

/// <summary>
/// The kit's Jupyter kernelspec: a folder <c>neuronkit</c> holding <c>kernel.json</c> under one of the
/// <c>kernels</c> folders Jupyter searches, whose argv starts <c>kit kernel start</c> by absolute paths.
/// </summary>
public static class KernelSpec
{
    /// <summary>The arguments after the launcher: <c>kernel start --connection-file {connection_file}</c>.</summary>
    public static readonly IReadOnlyList<string> StartArguments =
    [
        "kernel",
        "start",
        "--connection-file",
        "{connection_file}",
    ];

    /// <summary>
    /// How to start <c>kit</c> again: the apphost alone, or the dotnet host followed by <c>kit.dll</c> when kit
    /// runs as <c>dotnet kit.dll</c> (both as absolute paths).
    /// </summary>
    /// <param name="processPath">The running executable (<see cref="Environment.ProcessPath"/>).</param>
    /// <param name="entryAssemblyPath">The entry assembly (<c>kit.dll</c>).</param>
    public static IReadOnlyList<string> Launcher(string processPath, string? entryAssemblyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(processPath);
        var host = Path.GetFullPath(processPath);
        if (!IsDotnetHost(host))
            return [host];
        if (string.IsNullOrEmpty(entryAssemblyPath))
            throw new InvalidOperationException(
                $"kit runs under {host} but its assembly path is unknown; run the kit apphost instead"
            );
        return [host, Path.GetFullPath(entryAssemblyPath)];
    }

    /// <summary>The full kernel.json argv for a launcher.</summary>
    public static IReadOnlyList<string> Argv(IReadOnlyList<string> launcher) =>
        [.. launcher, .. StartArguments];

    /// <summary>The content of kernel.json.</summary>
    public static JsonObject KernelJson(IReadOnlyList<string> launcher) =>
        new()
        {
            ["argv"] = new JsonArray([.. Argv(launcher).Select(a => (JsonNode?)a)]),
            ["display_name"] = KernelMetadata.DisplayName,
            ["language"] = KernelMetadata.Language,
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject
            {
                ["debugger"] = false,
                ["implementation"] = JupyterKernel.Implementation,
            },
        };

    /// <summary>
    /// The <c>kernels</c> folder to install into: <c>PREFIX/share/jupyter/kernels</c> with a prefix; for the
    /// user <c>$JUPYTER_DATA_DIR/kernels</c>, else <c>$XDG_DATA_HOME/jupyter/kernels</c>, else the platform's
    /// user data folder (<c>~/.local/share/jupyter</c> on Linux); otherwise the system folder
    /// (<c>/usr/local/share/jupyter/kernels</c>, <c>%PROGRAMDATA%\jupyter\kernels</c> on Windows).
    /// </summary>
    /// <param name="user">Install for the current user.</param>
    /// <param name="prefix">An environment prefix (like <c>jupyter kernelspec install --prefix</c>), or null.</param>
    /// <param name="environment">Reads environment variables (tests pass their own).</param>
    public static string KernelsDirectory(
        bool user,
        string? prefix,
        Func<string, string?>? environment = null
    )
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrEmpty(prefix))
            return Path.GetFullPath(Path.Combine(prefix, "share", "jupyter", "kernels"));
        if (!user)
            return OperatingSystem.IsWindows()
                ? Path.Combine(
                    Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData),
                    "jupyter",
                    "kernels"
                )
                : "/usr/local/share/jupyter/kernels";
        if (environment("JUPYTER_DATA_DIR") is { Length: > 0 } data)
            return Path.GetFullPath(Path.Combine(data, "kernels"));
        var home = environment("HOME") is { Length: > 0 } h
            ? h
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(
                environment("APPDATA") is { Length: > 0 } appData
                    ? appData
                    : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData),
                "jupyter",
                "kernels"
            );
        if (OperatingSystem.IsMacOS())
            return Path.Combine(home, "Library", "Jupyter", "kernels");
        var xdg = environment("XDG_DATA_HOME") is { Length: > 0 } x
            ? x
            : Path.Combine(home, ".local", "share");
        return Path.GetFullPath(Path.Combine(xdg, "jupyter", "kernels"));
    }

    /// <summary>Writes <c>neuronkit/kernel.json</c> under <paramref name="kernelsDirectory"/>; returns the spec folder.</summary>
    public static string Install(string kernelsDirectory, IReadOnlyList<string> launcher)
    {
        var folder = Path.Combine(kernelsDirectory, KernelMetadata.KernelName);
        Directory.CreateDirectory(folder);
        var json = KernelJson(launcher)
            .ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(folder, "kernel.json"), json + "\n");
        return folder;
    }

    private static bool IsDotnetHost(string path) =>
        Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
}
