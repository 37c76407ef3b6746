namespace Kit.Core;

/// <summary>
/// Run sizes of every notebook: <c>smoke</c> (CI, a minute or two), <c>course</c> (a laptop, the default) and
/// <c>paper</c> (the paper's sizes). docs/architecture.md, "Profiles": the default is <c>course</c>, or the value
/// of <c>NEURONKIT_PROFILE</c> when that is set and non-empty; a runner's <c>-p profile=...</c> wins over both.
/// </summary>
public static class Profiles
{
    /// <summary>CI-sized run.</summary>
    public const string Smoke = "smoke";

    /// <summary>Laptop-sized run (the default).</summary>
    public const string Course = "course";

    /// <summary>The paper's sizes.</summary>
    public const string Paper = "paper";

    /// <summary>Environment variable that sets the default profile.</summary>
    public const string EnvironmentVariable = "NEURONKIT_PROFILE";

    /// <summary>All known profile names, smallest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Smoke, Course, Paper];

    /// <summary>The default profile: <c>NEURONKIT_PROFILE</c> when set and non-empty, else <c>course</c>.</summary>
    public static string Default
    {
        get
        {
            var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrWhiteSpace(env) ? Course : Validate(env.Trim());
        }
    }

    /// <summary>Returns the name if it is a known profile, else throws naming the known ones.</summary>
    public static string Validate(string profile) =>
        All.Contains(profile)
            ? profile
            : throw new ArgumentException(
                $"Unknown profile '{profile}'. Known profiles: {string.Join(", ", All)}.",
                nameof(profile)
            );

    /// <summary>Picks the preset for a profile name.</summary>
    public static T Select<T>(string profile, T smoke, T course, T paper) =>
        Validate(profile) switch
        {
            Smoke => smoke,
            Course => course,
            _ => paper,
        };
}
