using System.Diagnostics.CodeAnalysis;
using Kit.Core;

namespace Kit.Tests.Shared;

/// <summary>
/// Locates the shared reference folder (reference data and morphologies beside the checkout, never copied into it)
/// through <see cref="KitPaths.Shared"/>: <c>NEURONKIT_SHARED</c>, else <c>../shared</c> beside the folder holding
/// Kit.sln. Tests that need it call <see cref="RequireFile"/>, which skips the test with a clear reason when the
/// folder or file is absent, and fails it instead under <c>CI=true</c> (CI runs beside ../shared, so a skip there
/// would hide a broken layout).
/// </summary>
internal static class SharedData
{
    /// <summary>The shared folder, or null when absent.</summary>
    public static string? Directory { get; } =
        KitPaths.Shared(KitPaths.FindRoot(AppContext.BaseDirectory));

    /// <summary>
    /// True under <c>CI=true</c> (or <c>CI=1</c>): missing shared data fails the test instead of skipping it.
    /// </summary>
    public static bool Required =>
        Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Full path of a file under shared/, or skips (fails under CI=true) naming what is missing.</summary>
    public static string RequireFile(string relativePath)
    {
        if (Directory == null)
        {
            var env = Environment.GetEnvironmentVariable(KitPaths.SharedVariable);
            Missing(
                string.IsNullOrWhiteSpace(env)
                    ? "../shared (reference data) is not beside the checkout; set NEURONKIT_SHARED to run this test"
                    : $"NEURONKIT_SHARED={env} is not a folder"
            );
        }
        var path = Path.Combine(Directory, relativePath);
        if (!File.Exists(path))
            Missing($"shared reference file {relativePath} is absent from {Directory}");
        return path;
    }

    [DoesNotReturn]
    private static void Missing(string reason)
    {
        if (Required)
            Assert.Fail(
                $"{reason} (CI=true: a test that needs shared data fails instead of skipping)"
            );
        throw new SkipException(reason);
    }
}
