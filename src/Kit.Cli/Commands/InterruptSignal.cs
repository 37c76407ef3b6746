using System.Runtime.InteropServices;

namespace Kit.Cli.Commands;

/// <summary>
/// SIGINT's disposition for the Jupyter kernel. A process started with SIGINT ignored (a background job of a
/// non-interactive shell, some build and test runners' worker processes) passes that on to its children, and .NET
/// then leaves it ignored: no <see cref="PosixSignalRegistration"/> handler ever runs. A kernel must be interruptible
/// (Jupyter's "signal" interrupt mode, Ctrl+C in a terminal), so <c>kit kernel start</c> restores the default before
/// .NET sets up its own signal handling (which happens at the first Console.CancelKeyPress subscription).
/// </summary>
internal static class InterruptSignal
{
    private const int Sigint = 2; // the same on Linux and macOS
    private static readonly IntPtr Ignore = 1; // SIG_IGN
    private static readonly IntPtr Default = 0; // SIG_DFL

    /// <summary>
    /// Sets SIGINT to its default disposition when it is ignored (POSIX only).
    /// </summary>
    /// <returns>Whether it was ignored and has been restored.</returns>
    public static bool RestoreIfIgnored()
    {
        if (OperatingSystem.IsWindows())
            return false;
        // struct sigaction starts with the handler on Linux and macOS; 256 bytes hold the whole struct on both.
        var old = Marshal.AllocHGlobal(256);
        try
        {
            Marshal.Copy(new byte[256], 0, old, 256);
            if (sigaction(Sigint, IntPtr.Zero, old) != 0 || Marshal.ReadIntPtr(old) != Ignore)
                return false;
            return signal(Sigint, Default) == Ignore;
        }
        finally
        {
            Marshal.FreeHGlobal(old);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sigaction(int signal, IntPtr action, IntPtr oldAction);

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr signal(int signal, IntPtr handler);
}
