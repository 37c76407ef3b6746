using Kit.Cli;

namespace Kit.Cli.Tests;

/// <summary>
/// Runs the <c>kit</c> command in process, as a user would type it, and captures what it prints. Test classes import
/// it with <c>using static Kit.Cli.Tests.KitRunner;</c>.
/// </summary>
internal static class KitRunner
{
    /// <summary>
    /// Runs <c>kit <paramref name="args"/></c> and returns the exit code (<see cref="Program.Success"/>, <see cref="Program.UsageError"/>
    /// …), standard output and standard error.
    /// </summary>
    public static (int Code, string Out, string Err) RunKit(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = Program.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
