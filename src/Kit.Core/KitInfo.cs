using System.Reflection;

namespace Kit.Core;

/// <summary>Facts about the running kit: its version, recorded in every dataset, cache key and figure.</summary>
public static class KitInfo
{
    /// <summary>The kit's version (informational version of Kit.Core without build metadata).</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var info = typeof(KitInfo)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion;
        if (string.IsNullOrEmpty(info))
            return typeof(KitInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = info.IndexOf('+');
        return plus < 0 ? info : info[..plus];
    }
}
